import Core
import Foundation

/// Why one field's text cannot be read; the parser adds the file, the line and the tag.
struct MT940Problem: Error, Sendable {
    var message: String

    init(_ message: String) { self.message = message }
}

/// The value formats MT940 fields share: dates without century, amounts with a decimal comma.
enum MT940Value {
    /// `YYMMDD` as a date in 2000–2099: MT940 has no century, and bank statements before 2000 are not imported.
    ///
    /// With `endOfFebruary`, days 29–31 of February are read as February's last day: some banks write value dates
    /// on a 30-day-month basis.
    static func date(_ text: Substring, endOfFebruary: Bool = false) -> LocalDate? {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit), let number = Int(text) else { return nil }
        return date(year: 2000 + number / 10000, month: number / 100 % 100, day: number % 100,
                    endOfFebruary: endOfFebruary)
    }

    /// `MMDD` of an entry date, in the year that puts it nearest to the value date (across a year end either way).
    static func entryDate(_ text: Substring, near valueDate: LocalDate) -> LocalDate? {
        guard text.count == 4, text.allSatisfy(\.isASCIIDigit), let number = Int(text) else { return nil }
        let candidates = (valueDate.year - 1...valueDate.year + 1).compactMap {
            date(year: $0, month: number / 100, day: number % 100, endOfFebruary: true)
        }
        return candidates.min { abs($0.days(until: valueDate)) < abs($1.days(until: valueDate)) }
    }

    private static func date(year: Int, month: Int, day: Int, endOfFebruary: Bool) -> LocalDate? {
        let day = endOfFebruary && month == 2 && (29...31).contains(day)
            ? LocalDate.daysIn(month: 2, year: year) : day
        return try? LocalDate(year: year, month: month, day: day)
    }

    /// An amount as MT940 writes it: digits with a decimal comma (`1213,28`, `9,`, `0,`; `500` from Knab).
    static func amount(_ text: Substring, currency: CurrencyCode) throws(MT940Problem) -> Money {
        if text.contains("."), text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }) {
            throw MT940Problem("the amount '\(text)' has a decimal point; MT940 writes amounts with a decimal comma, "
                + "as \(text.replacingOccurrences(of: ".", with: ","))")
        }
        guard text.contains(where: \.isASCIIDigit) else {
            throw MT940Problem(text.isEmpty
                ? "the amount is missing; write digits with a decimal comma, as 12,50"
                : "'\(text)' is not an amount; write digits with a decimal comma, as 12,50")
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, text.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else {
            throw MT940Problem("'\(text)' is not an amount; write digits with one decimal comma, as 12,50")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= currency.minorDigits else {
            throw MT940Problem(
                "the amount '\(text)' has more decimals than \(currency) allows (\(currency.minorDigits))")
        }
        let decimal = (parts[0].isEmpty ? "0" : String(parts[0])) + (fraction.isEmpty ? "" : "." + fraction)
        do { return try Money(parsing: decimal, currency: currency) } catch {
            throw MT940Problem("the amount '\(text)' is too large")
        }
    }
}

extension Character {
    /// `0`–`9` only (`isNumber` also accepts other scripts' digits and fractions).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
