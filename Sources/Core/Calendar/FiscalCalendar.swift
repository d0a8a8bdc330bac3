/// The state of an accounting period: open for posting, closed (can be reopened), or locked for good.
public enum PeriodState: String, Sendable, Codable, CaseIterable, Comparable {
    case open, closed, locked

    private var rank: Int { self == .open ? 0 : self == .closed ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// One period of a fiscal year. Period 0 holds opening balances, 1–12 the months, 13 the year-end closing.
public struct Period: Hashable, Sendable, Codable {
    public var year: Int
    public var number: Int
    public var start: LocalDate
    public var end: LocalDate
    public var state: PeriodState

    public init(year: Int, number: Int, start: LocalDate, end: LocalDate, state: PeriodState) {
        self.year = year
        self.number = number
        self.start = start
        self.end = end
        self.state = state
    }

    public static let opening = 0
    public static let closing = 13

    /// `2026-03`, `2026-00` (opening), `2026-13` (closing).
    public var label: String { "\(year)-\(number < 10 ? "0" : "")\(number)" }
}

/// A fiscal year named by the calendar year it starts in, with its periods.
public struct FiscalYear: Hashable, Sendable, Codable {
    public var year: Int
    public var start: LocalDate
    public var end: LocalDate
    public var closed: Bool
    public var periods: [Period]

    public init(year: Int, start: LocalDate, end: LocalDate, closed: Bool, periods: [Period]) {
        self.year = year
        self.start = start
        self.end = end
        self.closed = closed
        self.periods = periods
    }
}

/// Maps dates to fiscal years and periods for an administration whose year starts in a given month.
public struct FiscalCalendar: Hashable, Sendable {
    public let startMonth: Int

    public init(startMonth: Int) throws(CoreError) {
        guard (1...12).contains(startMonth) else {
            throw CoreError("fiscalYearStart", "month \(startMonth) is not between 1 and 12")
        }
        self.startMonth = startMonth
    }

    /// The fiscal year (named by its starting calendar year) that contains `date`.
    public func fiscalYear(containing date: LocalDate) -> Int {
        date.month >= startMonth ? date.year : date.year - 1
    }

    /// The monthly period number (1–12) that contains `date`.
    public func periodNumber(containing date: LocalDate) -> Int {
        (date.month - startMonth + 12) % 12 + 1
    }

    public func startOfYear(_ year: Int) -> LocalDate { try! LocalDate(year: year, month: startMonth, day: 1) }
    public func endOfYear(_ year: Int) -> LocalDate { startOfYear(year + 1).adding(days: -1) }

    /// A new fiscal year with periods 0–13, all open.
    public func makeYear(_ year: Int) -> FiscalYear {
        let start = startOfYear(year), end = endOfYear(year)
        var periods = [Period(year: year, number: Period.opening, start: start, end: start, state: .open)]
        for n in 1...12 {
            let first = start.adding(months: n - 1)
            periods.append(Period(year: year, number: n, start: first, end: first.lastOfMonth, state: .open))
        }
        periods.append(Period(year: year, number: Period.closing, start: end, end: end, state: .open))
        return FiscalYear(year: year, start: start, end: end, closed: false, periods: periods)
    }
}
