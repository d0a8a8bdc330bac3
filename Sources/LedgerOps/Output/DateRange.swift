import Core

/// A date range from `--from`/`--to`: days (`2026-03-14`) or periods (`2026-03`); defaults to the fiscal year of today.
struct DateRange {
    var from: LocalDate
    var to: LocalDate

    init(from: String?, to: String?, today: LocalDate, calendar: FiscalCalendar) throws {
        let year = calendar.fiscalYear(containing: today)
        self.from = try from.map { try Self.parse($0, field: "--from", end: false) } ?? calendar.startOfYear(year)
        self.to = try to.map { try Self.parse($0, field: "--to", end: true) }
            ?? calendar.endOfYear(calendar.fiscalYear(containing: self.from))
    }

    static func parse(_ text: String, field: String, end: Bool) throws -> LocalDate {
        if text.count == 7, let month = Int(text.suffix(2)), let year = Int(text.prefix(4)), text.dropFirst(4).first == "-" {
            let first = try LocalDate(year: year, month: month, day: 1)
            return end ? first.lastOfMonth : first
        }
        return try LocalDate(parsing: text, field: field)
    }
}
