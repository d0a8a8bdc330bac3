/// The rule by which a bank line was matched to open items.
public enum BankMatchRule: String, Sendable, Codable, CaseIterable {
    /// A structured reference (RF creditor reference or betalingskenmerk) naming the invoice.
    case structuredReference = "structured-reference"
    /// The invoice number in the description or the end-to-end reference.
    case invoiceNumber = "invoice-number"
    /// Several invoice numbers, paid together.
    case combinedInvoices = "combined-invoices"
    /// The counterparty's IBAN names the relation, and one of its open items has the amount.
    case iban
    /// The counterparty's IBAN names the relation, and the amount is the total of its open items.
    case ibanTotal = "iban-total"
}

/// The part of a bank line that settles one open item, signed as the bank line (money in positive).
public struct BankAllocation: Hashable, Sendable, Codable {
    public var openItem: Int64
    public var relation: String
    public var account: String
    public var invoice: String
    public var amount: Int64
    /// What the item still has open after this payment (signed as booked).
    public var remaining: Int64

    public init(openItem: Int64, relation: String, account: String, invoice: String, amount: Int64, remaining: Int64) {
        self.openItem = openItem
        self.relation = relation
        self.account = account
        self.invoice = invoice
        self.amount = amount
        self.remaining = remaining
    }
}

/// What matching made of one bank line: the open items it settles, or why it is left to process.
public struct BankMatchOutcome: Hashable, Sendable, Codable {
    public var line: Int64
    public var rule: BankMatchRule?
    public var allocations: [BankAllocation]
    /// Why the line is left to process; nil when matched.
    public var reason: String?

    public var isMatched: Bool { rule != nil }
    /// A payment for less than the items it names.
    public var isPartial: Bool { allocations.contains { $0.remaining != 0 } }

    public static func matched(_ line: Int64, _ rule: BankMatchRule, _ allocations: [BankAllocation]) -> Self {
        Self(line: line, rule: rule, allocations: allocations, reason: nil)
    }

    public static func toProcess(_ line: Int64, _ reason: String) -> Self {
        Self(line: line, rule: nil, allocations: [], reason: reason)
    }
}
