/// The file format a bank statement came in.
public enum BankStatementFormat: String, Sendable, Codable, CaseIterable {
    case mt940
    case camt052 = "camt.052"
    case camt053 = "camt.053"
    case camt054 = "camt.054"
}

/// A booked balance of a bank account on a day, signed: a credit balance (money on the account) is positive.
public struct BankBalance: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var amount: Money

    public init(date: LocalDate, amount: Money) {
        self.date = date
        self.amount = amount
    }
}

/// One statement of one bank account, whatever format it came in: what the ledger needs of MT940 and CAMT alike.
public struct BankStatement: Hashable, Sendable, Codable {
    public var format: BankStatementFormat
    /// The statement's identifier as the bank gives it (MT940 `:20:` and `:28C:`, CAMT `Stmt/Id`).
    public var identifier: String
    /// The account the statement is for: an IBAN where the bank gives one, else its account number.
    public var account: String
    public var currency: CurrencyCode
    public var openingBalance: BankBalance?
    public var closingBalance: BankBalance?
    public var transactions: [BankTransaction]
    /// Information for the whole statement (MT940 `:86:` after the closing balance, CAMT `AddtlStmtInf`).
    public var information: String?

    public init(format: BankStatementFormat, identifier: String, account: String, currency: CurrencyCode,
                openingBalance: BankBalance? = nil, closingBalance: BankBalance? = nil,
                transactions: [BankTransaction] = [], information: String? = nil) {
        self.format = format
        self.identifier = identifier
        self.account = account
        self.currency = currency
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.transactions = transactions
        self.information = information
    }
}

/// One booked movement on a bank account: signed (money in positive), with what identifies the other party and
/// what the payment is for, which is what matching to open items reads.
public struct BankTransaction: Hashable, Sendable, Codable {
    public var bookingDate: LocalDate
    public var valueDate: LocalDate
    /// Signed: money received is positive, money paid negative.
    public var amount: Money
    /// A reversal (storno) of an earlier booking.
    public var reversal: Bool
    /// The bank's transaction type (MT940 `NTRF`, CAMT domain/family/sub-family or proprietary code).
    public var typeCode: String?
    /// The bank's own reference for the booking (MT940 bank reference, CAMT `AcctSvcrRef`).
    public var bankReference: String?
    /// The payer's reference carried end to end (MT940 customer reference, CAMT `EndToEndId`).
    public var endToEndID: String?
    public var counterpartyName: String?
    public var counterpartyIBAN: String?
    public var counterpartyBIC: String?
    /// Free text: the unstructured remittance information, or MT940's `:86:` narrative.
    public var description: String
    /// A structured payment reference: an ISO 11649 creditor reference (`RF…`) or a Dutch betalingskenmerk.
    public var structuredReference: String?
    /// The direct-debit mandate, for collections.
    public var mandateID: String?

    public init(bookingDate: LocalDate, valueDate: LocalDate, amount: Money, reversal: Bool = false,
                typeCode: String? = nil, bankReference: String? = nil, endToEndID: String? = nil,
                counterpartyName: String? = nil, counterpartyIBAN: String? = nil, counterpartyBIC: String? = nil,
                description: String = "", structuredReference: String? = nil, mandateID: String? = nil) {
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.amount = amount
        self.reversal = reversal
        self.typeCode = typeCode
        self.bankReference = bankReference
        self.endToEndID = endToEndID
        self.counterpartyName = counterpartyName
        self.counterpartyIBAN = counterpartyIBAN
        self.counterpartyBIC = counterpartyBIC
        self.description = description
        self.structuredReference = structuredReference
        self.mandateID = mandateID
    }
}
