/// What an entry is for: ordinary bookings, and the special entries of opening, closing and correcting.
public enum EntryKind: String, Sendable, Codable, CaseIterable {
    case standard, opening, closing, reversal
}

/// One line of an entry to be posted. Amounts are signed minor units: debit positive, credit negative.
public struct EntryLineDraft: Hashable, Sendable, Codable {
    public var account: String
    /// In the line's currency (the administration's when `currency` is nil).
    public var amount: Int64
    public var currency: CurrencyCode?
    /// Units of the administration's currency per unit of `currency`.
    public var rate: DecimalNumber?
    /// The amount in the administration's currency; required with a foreign currency.
    public var baseAmount: Int64?
    public var vatCode: String?
    /// VAT on this line, in the administration's currency, signed as the line.
    public var vatAmount: Int64?
    public var relation: String?
    public var costCentre: String?
    public var invoice: String?
    public var dueDate: LocalDate?
    public var description: String?

    public init(
        account: String, amount: Int64, currency: CurrencyCode? = nil, rate: DecimalNumber? = nil,
        baseAmount: Int64? = nil, vatCode: String? = nil, vatAmount: Int64? = nil, relation: String? = nil,
        costCentre: String? = nil, invoice: String? = nil, dueDate: LocalDate? = nil, description: String? = nil
    ) {
        self.account = account
        self.amount = amount
        self.currency = currency
        self.rate = rate
        self.baseAmount = baseAmount
        self.vatCode = vatCode
        self.vatAmount = vatAmount
        self.relation = relation
        self.costCentre = costCentre
        self.invoice = invoice
        self.dueDate = dueDate
        self.description = description
    }
}

/// An entry to be posted: journal, date, description, lines, and the idempotency key (source + reference).
public struct EntryDraft: Hashable, Sendable, Codable {
    public var journal: String
    public var date: LocalDate
    public var description: String
    public var source: String?
    public var reference: String?
    public var kind: EntryKind
    public var lines: [EntryLineDraft]

    public init(journal: String, date: LocalDate, description: String, source: String? = nil,
                reference: String? = nil, kind: EntryKind = .standard, lines: [EntryLineDraft]) {
        self.journal = journal
        self.date = date
        self.description = description
        self.source = source
        self.reference = reference
        self.kind = kind
        self.lines = lines
    }
}

/// A posted line: everything of the draft, with the amount in the administration's currency settled.
public struct PostedLine: Hashable, Sendable, Codable {
    public var number: Int
    public var account: String
    /// Signed, in the administration's currency.
    public var amount: Int64
    public var currency: CurrencyCode?
    public var foreignAmount: Int64?
    public var rate: DecimalNumber?
    public var vatCode: String?
    public var vatAmount: Int64?
    public var relation: String?
    public var costCentre: String?
    public var invoice: String?
    public var dueDate: LocalDate?
    public var description: String?

    public init(number: Int, account: String, amount: Int64, currency: CurrencyCode? = nil,
                foreignAmount: Int64? = nil, rate: DecimalNumber? = nil, vatCode: String? = nil,
                vatAmount: Int64? = nil, relation: String? = nil, costCentre: String? = nil,
                invoice: String? = nil, dueDate: LocalDate? = nil, description: String? = nil) {
        self.number = number
        self.account = account
        self.amount = amount
        self.currency = currency
        self.foreignAmount = foreignAmount
        self.rate = rate
        self.vatCode = vatCode
        self.vatAmount = vatAmount
        self.relation = relation
        self.costCentre = costCentre
        self.invoice = invoice
        self.dueDate = dueDate
        self.description = description
    }

    public var debit: Int64 { max(amount, 0) }
    public var credit: Int64 { max(-amount, 0) }
}

/// An entry as it stands in the ledger: numbered, dated into a period, and immutable.
public struct PostedEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var administration: String
    /// Sequential per administration.
    public var number: Int64
    public var journal: String
    public var date: LocalDate
    public var year: Int
    public var period: Int
    public var description: String
    public var source: String?
    public var reference: String?
    public var kind: EntryKind
    public var reversalOf: Int64?
    public var reversedBy: Int64?
    public var lines: [PostedLine]

    public init(id: Int64, administration: String, number: Int64, journal: String, date: LocalDate, year: Int,
                period: Int, description: String, source: String?, reference: String?, kind: EntryKind,
                reversalOf: Int64?, reversedBy: Int64?, lines: [PostedLine]) {
        self.id = id
        self.administration = administration
        self.number = number
        self.journal = journal
        self.date = date
        self.year = year
        self.period = period
        self.description = description
        self.source = source
        self.reference = reference
        self.kind = kind
        self.reversalOf = reversalOf
        self.reversedBy = reversedBy
        self.lines = lines
    }

    public var totalDebit: Int64 { lines.reduce(0) { $0 + $1.debit } }
}
