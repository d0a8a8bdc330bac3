/// Whether a relation buys from us, sells to us, or both.
public enum RelationKind: String, Sendable, Codable, CaseIterable {
    case customer, supplier, both
}

/// How a customer wants to receive invoices.
public enum InvoiceDelivery: String, Sendable, Codable, CaseIterable {
    case email, post, peppol, portal
}

/// The one contact person kept for a relation.
public struct ContactPerson: Hashable, Sendable, Codable {
    public var name: String
    public var email: String?
    public var phone: String?

    public init(name: String, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A customer or supplier (debiteur / crediteur) of one administration.
public struct Relation: Hashable, Sendable, Codable {
    public var number: String
    public var name: String
    public var kind: RelationKind
    public var address: String?
    public var postalCode: String?
    public var city: String?
    public var country: String?
    public var contact: ContactPerson?
    public var iban: String?
    public var vatNumber: String?
    public var chamberOfCommerce: String?
    /// Days after the invoice date the amount is due.
    public var paymentTermDays: Int
    public var invoiceDelivery: InvoiceDelivery
    /// The group entity this relation represents, for intercompany eliminations.
    public var groupEntity: String?

    public init(
        number: String, name: String, kind: RelationKind, address: String? = nil, postalCode: String? = nil,
        city: String? = nil, country: String? = nil, contact: ContactPerson? = nil, iban: String? = nil,
        vatNumber: String? = nil, chamberOfCommerce: String? = nil, paymentTermDays: Int = 30,
        invoiceDelivery: InvoiceDelivery = .email, groupEntity: String? = nil
    ) {
        self.number = number
        self.name = name
        self.kind = kind
        self.address = address
        self.postalCode = postalCode
        self.city = city
        self.country = country
        self.contact = contact
        self.iban = iban
        self.vatNumber = vatNumber
        self.chamberOfCommerce = chamberOfCommerce
        self.paymentTermDays = paymentTermDays
        self.invoiceDelivery = invoiceDelivery
        self.groupEntity = groupEntity
    }
}

/// A cost centre or project (kostenplaats) that lines can be analysed by.
public struct CostCentre: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var active: Bool

    public init(code: String, name: String, active: Bool = true) {
        self.code = code
        self.name = name
        self.active = active
    }
}

/// One administration: a client company whose books are kept.
public struct Administration: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var currency: CurrencyCode
    /// Month (1–12) the fiscal year starts in.
    public var fiscalYearStart: Int
    public var cluster: String?
    /// The accountant responsible (a user name for now).
    public var responsible: String?

    public init(id: String, name: String, currency: CurrencyCode, fiscalYearStart: Int = 1, cluster: String? = nil,
                responsible: String? = nil) {
        self.id = id
        self.name = name
        self.currency = currency
        self.fiscalYearStart = fiscalYearStart
        self.cluster = cluster
        self.responsible = responsible
    }

    /// Checks the identifier is safe to use in paths, URLs and file names.
    public static func validate(id: String) throws(CoreError) {
        guard !id.isEmpty, id.count <= 64,
              id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              id.first!.isLetter || id.first!.isNumber
        else {
            throw CoreError("id", "'\(id)' is not a valid administration id (letters, digits, '-' and '_', up to 64)")
        }
    }
}
