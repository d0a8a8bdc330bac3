public import Core
public import Foundation

/// The wall clock the workflow reads: audit time stamps, leases and distribution windows all come from it, never
/// from the business day a user moves with `--today`. Injected, so tests and simulations move time themselves.
public struct WorkflowClock: Sendable {
    /// Now.
    public let now: @Sendable () -> Date
    /// The bureau's time zone: a window's days are the bureau's days.
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = WorkflowClock.bureauTimeZone, now: @escaping @Sendable () -> Date) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The system clock in the bureau's time zone.
    public static let system = WorkflowClock(now: { Date() })

    /// Europe/Amsterdam where the system knows it, else UTC.
    public static let bureauTimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// An instant as the ISO 8601 UTC text stored with audit records and leases (compared as text), to the second.
    /// Formatted by hand: every apply stamps its lease and audit record, and a formatter per stamp cost more than
    /// the apply's own writes.
    public func stamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, rest) = (seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400, ((seconds % 86_400) + 86_400) % 86_400)
        let day = LocalDate(dayNumber: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day)T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }

    /// Now, stamped.
    public func stamp() -> String { stamp(now()) }

    /// The bureau's calendar day of an instant.
    public func day(_ date: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return (try? LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1))
            ?? LocalDate(dayNumber: Int(date.timeIntervalSince1970 / 86_400))
    }

    /// Today, in the bureau's time zone.
    public func today() -> LocalDate { day(now()) }
}

/// Who holds a lease: host, process and a random instance, so two timers in one process (or two processes that
/// happen to share a pid on two hosts) never mistake each other's lease for their own.
public struct LeaseOwner: Sendable, Hashable, CustomStringConvertible {
    public let id: String

    public init(_ id: String) { self.id = id }

    /// This process, in a role (`timer`, `cli`, `web`).
    public static func thisProcess(_ role: String) -> LeaseOwner {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let instance = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return LeaseOwner("\(role)@\(host):\(pid):\(instance)")
    }

    public var description: String { id }
}
