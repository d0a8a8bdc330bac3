/// The debit/credit mark of an MT940 balance or statement line.
public enum MT940Mark: String, Hashable, Sendable, CaseIterable {
    /// Money in; for a balance, money on the account.
    case credit = "C"
    /// Money out; for a balance, an overdraft.
    case debit = "D"
    /// Reversal of a credit: money that came in goes out again.
    case reversalOfCredit = "RC"
    /// Reversal of a debit: money that went out comes back.
    case reversalOfDebit = "RD"

    /// A storno of an earlier booking.
    public var isReversal: Bool { self == .reversalOfCredit || self == .reversalOfDebit }

    /// `1` when the booking adds money to the account, `-1` when it takes money off.
    public var sign: Int64 {
        switch self {
        case .credit, .reversalOfDebit: 1
        case .debit, .reversalOfCredit: -1
        }
    }
}
