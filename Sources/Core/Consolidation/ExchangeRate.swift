/// Rates between two currencies for one period: how many units of `quote` one unit of `base` buys
/// (`EUR/NOK 11.72`), at the period's end (closing), on average over it, and — where set — historically.
public struct ExchangeRate: Sendable, Hashable, Codable {
    public var base: CurrencyCode
    public var quote: CurrencyCode
    /// `2026-12`, `2026-Q4` or `2026`.
    public var period: String
    public var closing: DecimalNumber?
    public var average: DecimalNumber?
    public var historical: DecimalNumber?

    public init(base: CurrencyCode, quote: CurrencyCode, period: String, closing: DecimalNumber? = nil,
                average: DecimalNumber? = nil, historical: DecimalNumber? = nil) {
        self.base = base
        self.quote = quote
        self.period = period
        self.closing = closing
        self.average = average
        self.historical = historical
    }

    /// `EUR/NOK`.
    public var pair: String { "\(base)/\(quote)" }

    /// Checks a period label: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`.
    public static func validPeriod(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4, year >= 1900 else { return false }
        if parts.count == 1 { return true }
        guard parts.count == 2 else { return false }
        if parts[1].hasPrefix("Q") { return ["Q1", "Q2", "Q3", "Q4"].contains(String(parts[1])) }
        guard parts[1].count == 2, let month = Int(parts[1]) else { return false }
        return (1...12).contains(month)
    }
}

extension DecimalNumber {
    /// `amount` minor units of a currency with `fromDigits` decimals, divided by this rate (units of that currency
    /// per unit of the target), in minor units of a currency with `toDigits` decimals, rounded half away from zero.
    public func translate(_ amount: Int64, fromDigits: Int, toDigits: Int) -> Int64 {
        precondition(mantissa > 0, "a rate is positive")
        // amount × 10^(toDigits − fromDigits) × 10^scale / mantissa
        var numerator = Int128(amount)
        var denominator = Int128(mantissa)
        let shift = toDigits - fromDigits + scale
        if shift >= 0 {
            for _ in 0..<shift { numerator *= 10 }
        } else {
            for _ in 0..<(-shift) { denominator *= 10 }
        }
        return Int64(numerator.dividedRounded(by: denominator))
    }
}

extension DecimalNumber {
    /// `amount` minor units (`fromDigits` decimals) times this rate, in minor units with `toDigits` decimals,
    /// rounded half away from zero: the inverse of `translate`.
    public func convert(_ amount: Int64, fromDigits: Int, toDigits: Int) -> Int64 {
        var numerator = Int128(amount) * Int128(mantissa)
        var denominator: Int128 = 1
        let shift = toDigits - fromDigits - scale
        if shift >= 0 {
            for _ in 0..<shift { numerator *= 10 }
        } else {
            for _ in 0..<(-shift) { denominator *= 10 }
        }
        return Int64(numerator.dividedRounded(by: denominator))
    }
}
