/// An exact amount: integer minor units of one currency. Never a floating-point number.
public struct Money: Hashable, Sendable, Codable {
    public var minorUnits: Int64
    public var currency: CurrencyCode

    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal string such as `1234.50` or `-0.05` exactly into minor units.
    public init(parsing text: String, currency: CurrencyCode, field: String = "amount") throws(CoreError) {
        let number = try DecimalNumber(parsing: text, field: field)
        guard number.scale <= currency.minorDigits else {
            throw CoreError(field, "'\(text)' has more decimals than \(currency) allows (\(currency.minorDigits))")
        }
        let (value, overflow) = number.mantissa.multipliedReportingOverflow(
            by: DecimalNumber.powerOfTen(currency.minorDigits - number.scale))
        guard !overflow else { throw CoreError(field, "'\(text)' is too large") }
        self.init(minorUnits: value, currency: currency)
    }

    public var isZero: Bool { minorUnits == 0 }
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    /// The amount as a plain decimal string (`-1234.50`), without grouping or symbol.
    public var decimalString: String { Money.format(minorUnits, digits: currency.minorDigits) }

    /// Formats minor units with the given number of decimals.
    public static func format(_ minor: Int64, digits: Int) -> String {
        let negative = minor < 0
        let magnitude = minor.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        let divisor = UInt64(DecimalNumber.powerOfTen(digits))
        var fraction = String(magnitude % divisor)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (negative ? "-" : "") + String(magnitude / divisor) + "." + fraction
    }

    /// Formats with thousands separators for tables (`1,234.50`).
    public static func formatGrouped(_ minor: Int64, digits: Int) -> String {
        let plain = format(minor, digits: digits)
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }
}
