/// Debit and credit totals of one account in one period (and cost centre), maintained as entries post.
public struct PeriodBalance: Hashable, Sendable, Codable {
    public var account: String
    public var year: Int
    public var period: Int
    /// Empty when the lines carried no cost centre.
    public var costCentre: String
    public var debit: Int64
    public var credit: Int64

    public init(account: String, year: Int, period: Int, costCentre: String = "", debit: Int64, credit: Int64) {
        self.account = account
        self.year = year
        self.period = period
        self.costCentre = costCentre
        self.debit = debit
        self.credit = credit
    }

    public var net: Int64 { debit - credit }
}

/// Debit and credit totals of one account over some range.
public struct AccountTotals: Hashable, Sendable, Codable {
    public var debit: Int64
    public var credit: Int64

    public init(debit: Int64 = 0, credit: Int64 = 0) {
        self.debit = debit
        self.credit = credit
    }

    public var net: Int64 { debit - credit }

    public static func + (a: Self, b: Self) -> Self { Self(debit: a.debit + b.debit, credit: a.credit + b.credit) }
}
