public import Core

/// An amount as written in a journal: an exact decimal and its commodity (`""` when none is written).
public struct JournalAmount: Hashable, Sendable {
    public var quantity: DecimalNumber
    public var commodity: String

    public init(quantity: DecimalNumber, commodity: String) {
        self.quantity = quantity
        self.commodity = commodity
    }
}

/// The price of a posting in another commodity: per unit (`@`) or in total (`@@`).
public struct JournalCost: Hashable, Sendable {
    public var amount: JournalAmount
    public var isTotal: Bool
}

/// One posting line.
public struct JournalPosting: Hashable, Sendable {
    public var line: Int
    public var account: String
    public var amount: JournalAmount?
    public var cost: JournalCost?
    public var tags: [String: String]
}

/// One transaction: a dated header and its postings.
public struct JournalTransaction: Hashable, Sendable {
    public var line: Int
    public var date: LocalDate
    public var status: Character?
    public var code: String?
    public var description: String
    public var tags: [String: String]
    public var postings: [JournalPosting]
}

/// An `account` directive, with the type its `type:` tag declares, if any.
public struct JournalAccountDeclaration: Hashable, Sendable {
    public var line: Int
    public var name: String
    public var type: AccountType?
    /// hledger's `C` (cash) type: an asset that is money.
    public var isCash: Bool
}

/// What a journal file holds, item by item.
public enum JournalItem: Hashable, Sendable {
    case account(JournalAccountDeclaration)
    case transaction(JournalTransaction)
}
