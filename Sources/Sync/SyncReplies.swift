public import Core

/// The answer to a write: its body, and whether it is the stored answer to an earlier request with the same
/// idempotency key (then nothing was written).
public struct SyncReply<Body: Sendable & Codable & Equatable>: Sendable, Equatable {
    public var body: Body
    public var replayed: Bool

    public init(body: Body, replayed: Bool) {
        self.body = body
        self.replayed = replayed
    }
}

/// A relation as saved; `created` is false when an existing one was updated.
public struct RelationReply: Sendable, Codable, Equatable {
    public var relation: SyncRelation
    public var created: Bool

    public init(relation: SyncRelation, created: Bool) {
        self.relation = relation
        self.created = created
    }
}

/// A cost centre as saved; `created` is false when an existing one was updated.
public struct CostCentreReply: Sendable, Codable, Equatable {
    public var costCentre: SyncCostCentre
    public var created: Bool

    public init(costCentre: SyncCostCentre, created: Bool) {
        self.costCentre = costCentre
        self.created = created
    }
}

/// An invoice as posted; `created` is false when the same invoice was already posted (under another key).
public struct InvoiceReply: Sendable, Codable, Equatable {
    public var invoice: PostedInvoice
    public var created: Bool
}

/// What an invoice became in the ledger. Amounts are decimal strings in `currency`, as the invoice shows them.
public struct PostedInvoice: Sendable, Codable, Equatable {
    /// One VAT code's share: the nets, the VAT on the invoice, and VAT reverse-charged (owed and deducted by us).
    public struct CodeTotal: Sendable, Codable, Equatable {
        public var vatCode: String
        public var net: String
        public var vat: String
        public var reverseCharged: String?
    }

    public var kind: InvoiceInput.Kind
    public var number: String
    public var relation: String
    public var date: LocalDate
    public var dueDate: LocalDate
    public var journal: String
    /// The entry's number in the administration.
    public var entry: Int64
    public var currency: String
    public var net: String
    public var vat: String
    public var total: String
    public var vatByCode: [CodeTotal]
}

/// An open item as the CRM reads it back. Amounts are what the relation owes us (receivable) or we owe it
/// (payable), positive for an invoice, as decimal strings.
public struct SyncOpenItem: Sendable, Codable, Equatable {
    public var id: Int64
    public var side: OpenItemSide
    public var relation: String
    public var relationName: String?
    public var invoice: String
    public var date: LocalDate
    public var dueDate: LocalDate
    public var currency: String
    public var original: String
    public var outstanding: String
    /// Due date passed with something still outstanding, on the `today` asked about.
    public var overdue: Bool
    public var daysOverdue: Int

    init(_ item: OpenItem, name: String?, currency: CurrencyCode, today: LocalDate) {
        let sign: Int64 = item.side == .receivable ? 1 : -1
        id = item.id
        side = item.side
        relation = item.relation
        relationName = name
        invoice = item.invoice
        date = item.date
        dueDate = item.dueDate
        self.currency = currency.code
        original = Money.format(sign * item.original, digits: currency.minorDigits)
        outstanding = Money.format(sign * item.outstanding, digits: currency.minorDigits)
        daysOverdue = item.outstanding == 0 ? 0 : item.daysOverdue(on: today)
        overdue = daysOverdue > 0
    }
}

/// The open items of an administration on a day.
public struct OpenItemList: Sendable, Codable, Equatable {
    public var administration: String
    public var today: LocalDate
    public var items: [SyncOpenItem]
}

/// One changed relation or open item, in its current state (or removed).
public struct SyncChange: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case relation, openItem = "open-item" }
    /// The change's position; the feed's cursor is the last one returned.
    public var seq: Int64
    public var kind: Kind
    /// The relation's number, or the open item's id.
    public var key: String
    public var removed: Bool
    public var relation: SyncRelation?
    public var openItem: SyncOpenItem?
}

/// What changed after a cursor, and the cursor to poll with next.
public struct ChangeFeed: Sendable, Codable, Equatable {
    public var changes: [SyncChange]
    public var cursor: Int64
    /// More changes wait beyond this page: poll again at once with `cursor`.
    public var more: Bool

    public init(changes: [SyncChange], cursor: Int64, more: Bool) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
    }
}
