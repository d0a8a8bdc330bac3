public import Core

/// What an XAF (XML Auditfile Financieel, 3.1/3.2) file holds, record by record, in file order.
public enum XAFRecord: Sendable {
    case header(XAFHeader)
    case account(XAFAccount)
    case relation(XAFRelation)
    /// The end of the master data: every account and relation has been read.
    case masterDataEnd
    case openingBalance(date: LocalDate, lines: [XAFLine])
    case transaction(XAFTransaction)
}

public struct XAFHeader: Sendable, Equatable {
    public var version: String
    public var fiscalYear: String
    public var start: LocalDate
    public var end: LocalDate
    public var currency: CurrencyCode
    public var software: String
}

public struct XAFAccount: Sendable, Equatable {
    public var id: String
    public var description: String
    /// `B` balance sheet, `P` profit and loss.
    public var type: String
    /// The RGS code (leadReference), when the file gives one.
    public var rgs: String?
    public var line: Int
}

public struct XAFRelation: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `C` customer, `S` supplier, `B` both (`O` other).
    public var type: String
    public var vatNumber: String?
    public var chamberOfCommerce: String?
    public var iban: String?
    public var email: String?
    public var contact: String?
    public var city: String?
    public var line: Int
}

public struct XAFLine: Sendable, Equatable {
    public var number: String
    public var account: String
    /// Minor units, debit positive.
    public var amount: Int64
    public var description: String?
    public var relation: String?
    public var invoice: String?
    public var costCentre: String?
    /// The line's VAT as the file gives it: the percentage and the VAT amount (minor units, debit positive).
    public var vat: (percent: DecimalNumber, amount: Int64)?
    public var line: Int

    public static func == (a: XAFLine, b: XAFLine) -> Bool {
        a.number == b.number && a.account == b.account && a.amount == b.amount && a.description == b.description
            && a.relation == b.relation && a.invoice == b.invoice && a.costCentre == b.costCentre && a.line == b.line
            && a.vat?.percent == b.vat?.percent && a.vat?.amount == b.vat?.amount
    }
}

public struct XAFTransaction: Sendable, Equatable {
    public var journal: String
    /// `jrnTp`: B bank, C cash, S sales, P purchases, M memorial, Z other.
    public var journalType: String
    public var number: String
    public var description: String
    public var date: LocalDate
    public var lines: [XAFLine]
    public var line: Int
}
