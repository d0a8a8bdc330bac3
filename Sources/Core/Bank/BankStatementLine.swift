/// A line of a bank statement, waiting to be processed into the ledger or already processed.
public struct BankStatementLine: Hashable, Sendable, Codable {
    public var id: Int64
    /// The ledger account (bank control account) the line books to.
    public var account: String
    /// The booking date.
    public var date: LocalDate
    /// Signed: money received positive.
    public var amount: Money
    public var counterpartyName: String?
    public var counterpartyIBAN: String?
    public var description: String
    /// Unique per administration: re-importing the same line is a no-op.
    public var reference: String
    public var entryID: Int64?
    /// The statement the line came in (`IBAN/identifier`), when it came from a file.
    public var statement: String?
    public var valueDate: LocalDate?
    public var counterpartyBIC: String?
    public var endToEndID: String?
    public var structuredReference: String?
    public var bankReference: String?
    public var typeCode: String?
    public var mandateID: String?
    public var reversal: Bool
    /// How the line was processed: the matching rule (`invoice-number`, `iban`, …) or `manual`.
    public var processedBy: String?

    public init(id: Int64, account: String, date: LocalDate, amount: Money, counterpartyName: String?,
                counterpartyIBAN: String?, description: String, reference: String, entryID: Int64?,
                statement: String? = nil, valueDate: LocalDate? = nil, counterpartyBIC: String? = nil,
                endToEndID: String? = nil, structuredReference: String? = nil, bankReference: String? = nil,
                typeCode: String? = nil, mandateID: String? = nil, reversal: Bool = false, processedBy: String? = nil) {
        self.id = id
        self.account = account
        self.date = date
        self.amount = amount
        self.counterpartyName = counterpartyName
        self.counterpartyIBAN = counterpartyIBAN
        self.description = description
        self.reference = reference
        self.entryID = entryID
        self.statement = statement
        self.valueDate = valueDate
        self.counterpartyBIC = counterpartyBIC
        self.endToEndID = endToEndID
        self.structuredReference = structuredReference
        self.bankReference = bankReference
        self.typeCode = typeCode
        self.mandateID = mandateID
        self.reversal = reversal
        self.processedBy = processedBy
    }

    public var isProcessed: Bool { entryID != nil }
}
