public import Core

/// Turns what a user asks for (`2026`, `2026-Q2`, `2026-03`, or dates) into a range, and a range into the date
/// ranges of a report's columns.
public enum ReportPeriod {
    /// `YYYY` is the fiscal year that starts in that calendar year, `YYYY-Qn` a calendar quarter, `YYYY-MM` a month.
    public static func parse(_ text: String, calendar: FiscalCalendar) throws(ReportingError) -> ClosedRange<LocalDate> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4 else { throw invalid(text) }
        do {
            if parts.count == 1 {
                return calendar.startOfYear(year)...calendar.endOfYear(year)
            }
            if parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
                let first = try LocalDate(year: year, month: q * 3 - 2, day: 1)
                return first...first.adding(months: 2).lastOfMonth
            }
            if parts.count == 2, parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) {
                let first = try LocalDate(year: year, month: month, day: 1)
                return first...first.lastOfMonth
            }
        } catch { throw invalid(text) }
        throw invalid(text)
    }

    private static func invalid(_ text: String) -> ReportingError {
        ReportingError("invalid-period", "--period '\(text)' is not a period: use a year (2026), a quarter (2026-Q2) "
            + "or a month (2026-03)")
    }

    /// The dates column `kind` covers for the asked range.
    public static func range(_ kind: ColumnKind, of asked: ClosedRange<LocalDate>, calendar: FiscalCalendar)
        -> ClosedRange<LocalDate>
    {
        let (from, to) = (asked.lowerBound, asked.upperBound)
        let wholeMonths = from.day == 1 && to == to.lastOfMonth
        switch kind {
        case .period, .budget, .difference, .differencePercent:
            return asked
        case .yearToDate:
            return calendar.startOfYear(calendar.fiscalYear(containing: to))...to
        case .priorPeriod:
            if wholeMonths {
                let months = (to.year - from.year) * 12 + to.month - from.month + 1
                return from.adding(months: -months)...from.adding(days: -1)
            }
            let length = from.days(until: to) + 1
            return from.adding(days: -length)...from.adding(days: -1)
        case .priorYear:
            let end = to == to.lastOfMonth ? to.firstOfMonth.adding(months: -12).lastOfMonth : to.adding(months: -12)
            return from.adding(months: -12)...end
        }
    }
}
