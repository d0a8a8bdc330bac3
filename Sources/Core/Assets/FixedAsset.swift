/// How an asset's cost is spread over its life.
public enum DepreciationMethod: Hashable, Sendable, Codable {
    /// Equal monthly amounts of (cost − residual) over the life.
    case straightLine
    /// Each month `rate`% a year of the book value, the last month of the life down to the residual value.
    case decliningBalance(rate: DecimalNumber)

    public var name: String {
        switch self {
        case .straightLine: "straight-line"
        case .decliningBalance(let rate): "declining-balance \(rate)%"
        }
    }
}

/// A fixed asset in the register: what it cost, over how long it is written off, and the accounts its
/// depreciation and disposal post to.
public struct FixedAsset: Hashable, Sendable, Codable {
    public var code: String
    public var description: String
    public var acquired: LocalDate
    /// The first month depreciated: the month of acquisition, or the one after (the `fixed-assets.depreciation-start`
    /// setting decides when the asset is registered).
    public var depreciationStart: LocalDate
    /// Minor units of the administration's currency.
    public var cost: Int64
    public var residual: Int64
    public var lifeMonths: Int
    public var method: DepreciationMethod
    /// The balance-sheet account holding the cost (02251 Inventaris).
    public var assetAccount: String
    /// The balance-sheet account accumulating depreciation (02255 Afschrijving inventaris).
    public var accumulatedAccount: String
    /// The P&L account depreciation is charged to (43240 Afschrijvingen inventaris).
    public var expenseAccount: String
    /// The P&L account a disposal's gain or loss goes to (43645 Boekresultaat inventaris).
    public var resultAccount: String
    public var disposed: LocalDate?
    public var proceeds: Int64?

    public init(code: String, description: String, acquired: LocalDate, depreciationStart: LocalDate? = nil, cost: Int64,
                residual: Int64 = 0, lifeMonths: Int, method: DepreciationMethod = .straightLine, assetAccount: String,
                accumulatedAccount: String, expenseAccount: String, resultAccount: String,
                disposed: LocalDate? = nil, proceeds: Int64? = nil) {
        self.code = code
        self.description = description
        self.acquired = acquired
        self.depreciationStart = (depreciationStart ?? acquired).firstOfMonth
        self.cost = cost
        self.residual = residual
        self.lifeMonths = lifeMonths
        self.method = method
        self.assetAccount = assetAccount
        self.accumulatedAccount = accumulatedAccount
        self.expenseAccount = expenseAccount
        self.resultAccount = resultAccount
        self.disposed = disposed
        self.proceeds = proceeds
    }

    /// What is wrong with the asset's own figures, naming the field.
    public func problems() -> [(field: String, message: String)] {
        var p: [(String, String)] = []
        if code.isEmpty || code.contains(where: { $0.isWhitespace }) { p.append(("code", "'\(code)' is not an asset code")) }
        if cost <= 0 { p.append(("cost", "the cost must be more than zero")) }
        if depreciationStart < acquired.firstOfMonth {
            p.append(("depreciationStart", "depreciation cannot start before the month of acquisition (\(acquired))"))
        }
        if residual < 0 || residual > cost { p.append(("residual", "the residual value must lie between zero and the cost")) }
        if lifeMonths <= 0 || lifeMonths > 1_200 { p.append(("lifeMonths", "the life must be 1 to 1,200 months")) }
        if case .decliningBalance(let rate) = method, rate.isNegative || rate.isZero || rate.mantissa > 100 * DecimalNumber.powerOfTen(rate.scale) {
            p.append(("method", "a declining-balance rate must lie above 0% and at most 100% a year"))
        }
        if case .decliningBalance = method, residual == 0 {
            p.append(("residual", "declining balance never reaches zero; give a residual value"))
        }
        return p
    }

    /// The monthly depreciation over the whole life: month (its first day) and amount. The amounts add up to
    /// exactly cost − residual.
    public func schedule() -> [(month: LocalDate, amount: Int64)] {
        let base = cost - residual
        let start = depreciationStart
        var result: [(LocalDate, Int64)] = []
        switch method {
        case .straightLine:
            // Cumulative rounding: month i takes base·(i+1)/n − base·i/n, so nothing is lost to rounding.
            let n = Int64(lifeMonths)
            for i in 0..<n {
                let amount = (base * (i + 1)) / n - (base * i) / n
                result.append((start.adding(months: Int(i)), amount))
            }
        case .decliningBalance(let rate):
            var book = cost
            for i in 0..<lifeMonths {
                var amount = i == lifeMonths - 1 ? book - residual
                    : DecimalNumber(mantissa: rate.mantissa, scale: rate.scale + 2).multiply(book) / 12
                amount = min(amount, book - residual)
                book -= amount
                result.append((start.adding(months: i), amount))
            }
        }
        return result
    }

    /// The depreciation of `month` (any day in it), zero outside the life.
    public func depreciation(in month: LocalDate) -> Int64 {
        schedule().first { $0.month == month.firstOfMonth }?.amount ?? 0
    }
}
