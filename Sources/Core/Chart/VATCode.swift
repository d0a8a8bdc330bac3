/// How a VAT code treats a transaction.
public enum VATKind: String, Sendable, Codable, CaseIterable {
    case sales, purchase
    case reverseCharge = "reverse-charge"
    case exempt
}

/// A VAT code: rate, kind, the GL accounts it posts to, the return box it feeds and when it is valid.
public struct VATCode: Hashable, Sendable, Codable {
    public var code: String
    public var description: String
    /// Percentage, exact (`21`, `9`).
    public var rate: DecimalNumber
    public var kind: VATKind
    /// Return box the turnover and VAT feed (`1a`, `4b`).
    public var box: String?
    /// Box the deductible input VAT feeds (`5b`), for purchases and reverse charge.
    public var deductibleBox: String?
    public var payableAccount: String?
    public var receivableAccount: String?
    public var validFrom: LocalDate?
    public var validTo: LocalDate?

    public init(
        code: String, description: String, rate: DecimalNumber, kind: VATKind, box: String?,
        deductibleBox: String? = nil, payableAccount: String? = nil, receivableAccount: String? = nil,
        validFrom: LocalDate? = nil, validTo: LocalDate? = nil
    ) {
        self.code = code
        self.description = description
        self.rate = rate
        self.kind = kind
        self.box = box
        self.deductibleBox = deductibleBox
        self.payableAccount = payableAccount
        self.receivableAccount = receivableAccount
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isValid(on date: LocalDate) -> Bool {
        (validFrom.map { date >= $0 } ?? true) && (validTo.map { date <= $0 } ?? true)
    }

    /// The VAT on a net amount at this code's rate, rounded half away from zero.
    public func vat(on net: Int64) -> Int64 { rate.percentOf(net) }
}

/// The kind of journal (dagboek).
public enum JournalKind: String, Sendable, Codable, CaseIterable {
    case bank, cash, sales, purchase, general
}

/// A journal: where entries of one kind are booked, with its default account.
public struct Journal: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var kind: JournalKind
    public var account: String?

    public init(code: String, name: String, kind: JournalKind, account: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.account = account
    }
}
