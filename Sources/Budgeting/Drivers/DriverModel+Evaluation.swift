public import Core
import Foundation

/// What a driver model gives for a year: the P&L per account and month, the balance sheet at the start and each
/// month's end, and each month's cash flow (indirect), which adds up to the change in cash.
public struct DriverResult: Sendable {
    public struct CashFlow: Sendable, Equatable {
        public var result: Int64 = 0
        public var depreciation: Int64 = 0
        /// Cash from a fall in receivables (negative when they grow).
        public var receivables: Int64 = 0
        /// Cash from a rise in payables.
        public var payables: Int64 = 0
        public var investments: Int64 = 0
        public var borrowing: Int64 = 0
        public var repayments: Int64 = 0

        public var total: Int64 { result + depreciation + receivables + payables + investments + borrowing + repayments }
    }

    /// Per account, twelve months (minor units, debit positive).
    public var profitAndLoss: [String: [Int64]]
    /// Index 0: the opening balance sheet; 1…12: at each month's end (account → balance, debit positive).
    public var balanceSheets: [[String: Int64]]
    public var cashFlows: [CashFlow]
    public var cashAccount: String
}

extension DriverModel {
    static func minor(_ value: Decimal, _ digits: Int) -> Int64 {
        var scaled = value * Decimal(DecimalNumber.powerOfTen(digits))
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        return NSDecimalNumber(decimal: whole).int64Value
    }

    /// The model for fiscal year `year` (months from `yearStart`), on the administration's chart.
    public func evaluate(yearStart: LocalDate, accounts: [String: Account], currency: CurrencyCode) throws -> DriverResult {
        let digits = currency.minorDigits
        func account(_ code: String, _ what: String) throws -> Account {
            guard let found = accounts[code] else {
                throw BudgetingError("\(file): \(what) account \(code) does not exist in the administration's chart")
            }
            return found
        }
        for code in [balance.cash, balance.receivables, balance.payables, balance.equity, balance.accumulatedDepreciation] {
            _ = try account(code, "balance")
        }
        var pl: [String: [Int64]] = [:]
        func book(_ code: String, _ month: Int, _ amount: Int64) { pl[code, default: Array(repeating: 0, count: 12)][month] += amount }
        var revenue = Array(repeating: Int64(0), count: 12), purchases = Array(repeating: Int64(0), count: 12)
        for line in lines {
            let target = try account(line.account, "line")
            guard !target.type.isBalanceSheet else {
                throw BudgetingError("\(file): line \(line.account) is a balance-sheet account; lines give P&L accounts")
            }
            for month in 0..<12 {
                let context = BudgetFormula.Context(variable: { name in
                    if name == "month" { return Decimal(month + 1) }
                    guard let values = self.drivers[name] else { throw BudgetingError("\(self.file): unknown driver '\(name)'") }
                    return values[month]
                })
                let value = Self.minor(try line.formula.evaluate(context, place: "\(file), account \(line.account), month \(month + 1)"), digits)
                let signed = target.normalSide == .credit ? -value : value
                book(line.account, month, signed)
                if target.type == .revenue { revenue[month] += value }
                if line.payable { purchases[month] += value }
            }
        }
        // Investments: bought in their month, depreciated straight-line from the month after.
        var fixedAssets = Array(repeating: [String: Int64](), count: 12)
        var depreciation = Array(repeating: Int64(0), count: 12)
        var invested = Array(repeating: Int64(0), count: 12)
        for investment in investments {
            _ = try account(investment.asset, "investment asset")
            _ = try account(investment.depreciation, "depreciation")
            let monthly = investment.amount / Int64(investment.lifeYears * 12)
            invested[investment.month - 1] += investment.amount
            for month in (investment.month - 1)..<12 { fixedAssets[month][investment.asset, default: 0] += investment.amount }
            for month in investment.month..<12 {
                book(investment.depreciation, month, monthly)
                depreciation[month] += monthly
            }
        }
        // Loans: drawn in their month; interest on what is outstanding, and linear repayment, from the month after.
        var borrowed = Array(repeating: Int64(0), count: 12), repaid = Array(repeating: Int64(0), count: 12)
        var outstanding = Array(repeating: [String: Int64](), count: 12)
        for loan in loans {
            _ = try account(loan.account, "loan")
            _ = try account(loan.interest, "interest")
            let repayment = loan.amount / Int64(loan.years * 12)
            var left = loan.amount
            borrowed[loan.month - 1] += loan.amount
            for month in (loan.month - 1)..<12 {
                if month >= loan.month {
                    let interest = DecimalNumber(mantissa: loan.ratePercent.mantissa, scale: loan.ratePercent.scale + 2)
                        .multiply(left) / 12
                    book(loan.interest, month, interest)
                    let pay = min(repayment, left)
                    left -= pay
                    repaid[month] += pay
                }
                outstanding[month][loan.account, default: 0] += left
            }
        }
        let days = (0..<12).map { yearStart.adding(months: $0).lastOfMonth.day }
        func daysOf(_ driver: String, _ month: Int) -> Decimal { drivers[driver]?[month] ?? 0 }
        var sheets: [[String: Int64]] = [[balance.cash: openingCash, balance.equity: -openingCash].filter { $0.value != 0 }]
        var flows: [DriverResult.CashFlow] = []
        var cash = openingCash, equity = -openingCash, receivables: Int64 = 0, payables: Int64 = 0, accumulated: Int64 = 0
        for month in 0..<12 {
            let result = -pl.values.reduce(0) { $0 + $1[month] }
            let newReceivables = Self.minor(Decimal(revenue[month]) * daysOf("dso", month) / Decimal(days[month])
                                            / Decimal(DecimalNumber.powerOfTen(digits)), digits)
            let newPayables = Self.minor(Decimal(purchases[month]) * daysOf("dpo", month) / Decimal(days[month])
                                         / Decimal(DecimalNumber.powerOfTen(digits)), digits)
            var flow = DriverResult.CashFlow()
            flow.result = result
            flow.depreciation = depreciation[month]
            flow.receivables = receivables - newReceivables
            flow.payables = newPayables - payables
            flow.investments = -invested[month]
            flow.borrowing = borrowed[month]
            flow.repayments = -repaid[month]
            flows.append(flow)
            cash += flow.total
            equity -= result
            receivables = newReceivables
            payables = newPayables
            accumulated += depreciation[month]
            var sheet: [String: Int64] = [balance.cash: cash, balance.receivables: receivables, balance.payables: -payables,
                                          balance.equity: equity, balance.accumulatedDepreciation: -accumulated]
            for (code, amount) in fixedAssets[month] { sheet[code, default: 0] += amount }
            for (code, amount) in outstanding[month] { sheet[code, default: 0] -= amount }
            sheets.append(sheet.filter { $0.value != 0 })
        }
        return DriverResult(profitAndLoss: pl, balanceSheets: sheets, cashFlows: flows, cashAccount: balance.cash)
    }
}
