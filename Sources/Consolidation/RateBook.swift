public import Core

/// The exchange rates a consolidation reads, looked up by month with quarter and year rates as fall-backs.
public struct RateBook: Sendable {
    private var rates: [String: ExchangeRate] = [:]

    public init(_ rates: [ExchangeRate]) {
        for r in rates { self.rates["\(r.base)/\(r.quote)/\(r.period)"] = r }
    }

    private func stored(_ base: CurrencyCode, _ quote: CurrencyCode, _ period: String,
                        _ field: KeyPath<ExchangeRate, DecimalNumber?>) -> DecimalNumber? {
        if let direct = rates["\(base)/\(quote)/\(period)"]?[keyPath: field] { return direct }
        return rates["\(quote)/\(base)/\(period)"]?[keyPath: field].map(Self.inverse)
    }

    /// 1 / rate, to 12 decimals.
    static func inverse(_ rate: DecimalNumber) -> DecimalNumber {
        let numerator = Int128(DecimalNumber.powerOfTen(12)) * Int128(DecimalNumber.powerOfTen(rate.scale))
        return DecimalNumber(mantissa: Int64(numerator.dividedRounded(by: Int128(rate.mantissa))), scale: 12).normalized
    }

    static func month(_ date: LocalDate) -> String { "\(date.year)-" + (date.month < 10 ? "0" : "") + "\(date.month)" }

    /// Units of `functional` per unit of `presentation` at the end of the month of `date` (a month rate, or the
    /// quarter's or year's when the month ends it).
    public func closing(_ presentation: CurrencyCode, _ functional: CurrencyCode, at date: LocalDate)
        throws(ConsolidationError) -> (DecimalNumber, String)
    {
        if presentation == functional { return (DecimalNumber(mantissa: 1, scale: 0), "same currency") }
        var labels = [Self.month(date)]
        if date.month % 3 == 0 { labels.append("\(date.year)-Q\(date.month / 3)") }
        if date.month == 12 { labels.append("\(date.year)") }
        for label in labels {
            if let rate = stored(presentation, functional, label, \.closing) { return (rate, "\(label) closing") }
        }
        throw ConsolidationError("no closing rate \(presentation)/\(functional) for \(labels[0]); set it with "
            + "`ledgerops rate set \(presentation)/\(functional) \(labels[0]) --closing RATE`")
    }

    /// The average over the month of `date`: the month's, else its quarter's, else its year's.
    public func average(_ presentation: CurrencyCode, _ functional: CurrencyCode, month date: LocalDate)
        throws(ConsolidationError) -> (DecimalNumber, String)
    {
        if presentation == functional { return (DecimalNumber(mantissa: 1, scale: 0), "same currency") }
        let labels = [Self.month(date), "\(date.year)-Q\((date.month + 2) / 3)", "\(date.year)"]
        for label in labels {
            if let rate = stored(presentation, functional, label, \.average) { return (rate, "\(label) average") }
        }
        throw ConsolidationError("no average rate \(presentation)/\(functional) for \(labels[0]) (nor its quarter or year); "
            + "set it with `ledgerops rate set \(presentation)/\(functional) \(labels[0]) --average RATE`")
    }

    /// The historical rate at `date`: one set as historical for its month, else the closing rate at the end of
    /// the month before (the rate the day began with).
    public func historical(_ presentation: CurrencyCode, _ functional: CurrencyCode, at date: LocalDate)
        throws(ConsolidationError) -> (DecimalNumber, String)
    {
        if presentation == functional { return (DecimalNumber(mantissa: 1, scale: 0), "same currency") }
        if let rate = stored(presentation, functional, Self.month(date), \.historical) {
            return (rate, "\(Self.month(date)) historical")
        }
        let monthBefore = (try? LocalDate(year: date.year, month: date.month, day: 1))?.adding(days: -1) ?? date
        return try closing(presentation, functional, at: date.day == 1 ? monthBefore : date)
    }
}
