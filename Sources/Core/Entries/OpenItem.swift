/// Which side of the business an open item sits on.
public enum OpenItemSide: String, Sendable, Codable, CaseIterable {
    case receivable, payable
}

/// An invoice (or unallocated payment) of one relation not yet fully settled.
public struct OpenItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var relation: String
    public var side: OpenItemSide
    public var account: String
    public var invoice: String
    public var date: LocalDate
    public var dueDate: LocalDate
    /// Signed as booked on the control account (receivable invoices positive, payable invoices negative).
    public var original: Int64
    public var outstanding: Int64

    public init(id: Int64, relation: String, side: OpenItemSide, account: String, invoice: String, date: LocalDate,
                dueDate: LocalDate, original: Int64, outstanding: Int64) {
        self.id = id
        self.relation = relation
        self.side = side
        self.account = account
        self.invoice = invoice
        self.date = date
        self.dueDate = dueDate
        self.original = original
        self.outstanding = outstanding
    }

    public var isSettled: Bool { outstanding == 0 }
    public var isPartlySettled: Bool { outstanding != 0 && outstanding != original }

    /// Days past the due date on `today` (0 when not yet due).
    public func daysOverdue(on today: LocalDate) -> Int { max(0, dueDate.days(until: today)) }
}

/// Ageing buckets by the invoice's age in days on a given day.
public enum AgeingBucket: String, Sendable, Codable, CaseIterable, Comparable {
    case days0to30 = "0-30", days31to60 = "31-60", days61to90 = "61-90", over90 = ">90"

    public init(ageInDays days: Int) {
        switch days {
        case ...30: self = .days0to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        default: self = .over90
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
