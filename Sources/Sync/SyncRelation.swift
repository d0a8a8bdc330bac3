public import Core
public import Foundation

/// A relation (customer, supplier or both) as the CRM API reads and writes it, and as the change feed shows it.
public struct SyncRelation: Sendable, Codable, Equatable {
    /// The visiting address.
    public struct Address: Sendable, Codable, Equatable {
        public var street: String?
        public var postalCode: String?
        public var city: String?
        /// ISO 3166 two-letter code (`NL`).
        public var country: String?

        public init(street: String? = nil, postalCode: String? = nil, city: String? = nil, country: String? = nil) {
            self.street = street
            self.postalCode = postalCode
            self.city = city
            self.country = country
        }
    }

    public var number: String
    public var name: String
    public var kind: RelationKind
    /// The one contact person.
    public var contact: ContactPerson?
    public var address: Address?
    public var vatNumber: String?
    public var chamberOfCommerce: String?
    /// Electronic form: no spaces, upper case, check digits verified.
    public var iban: String?
    public var paymentTermDays: Int
    public var invoiceDelivery: InvoiceDelivery

    public init(number: String, name: String, kind: RelationKind, contact: ContactPerson? = nil, address: Address? = nil,
                vatNumber: String? = nil, chamberOfCommerce: String? = nil, iban: String? = nil,
                paymentTermDays: Int = 30, invoiceDelivery: InvoiceDelivery = .email) {
        self.number = number
        self.name = name
        self.kind = kind
        self.contact = contact
        self.address = address
        self.vatNumber = vatNumber
        self.chamberOfCommerce = chamberOfCommerce
        self.iban = iban
        self.paymentTermDays = paymentTermDays
        self.invoiceDelivery = invoiceDelivery
    }

    /// The API form of a stored relation.
    public init(_ r: Relation) {
        let hasAddress = r.address != nil || r.postalCode != nil || r.city != nil || r.country != nil
        self.init(number: r.number, name: r.name, kind: r.kind,
                  contact: r.contact,
                  address: hasAddress ? Address(street: r.address, postalCode: r.postalCode, city: r.city, country: r.country) : nil,
                  vatNumber: r.vatNumber, chamberOfCommerce: r.chamberOfCommerce, iban: r.iban,
                  paymentTermDays: r.paymentTermDays, invoiceDelivery: r.invoiceDelivery)
    }

    /// The ledger's relation, keeping what the API does not carry (the group entity) from `existing`.
    func relation(keeping existing: Relation?) -> Relation {
        Relation(number: number, name: name, kind: kind, address: address?.street, postalCode: address?.postalCode,
                 city: address?.city, country: address?.country,
                 contact: contact, iban: iban,
                 vatNumber: vatNumber, chamberOfCommerce: chamberOfCommerce, paymentTermDays: paymentTermDays,
                 invoiceDelivery: invoiceDelivery, groupEntity: existing?.groupEntity)
    }

    static let keys: Set<String> = [
        "number", "name", "kind", "contact", "address", "vatNumber", "chamberOfCommerce", "iban", "paymentTermDays",
        "invoiceDelivery",
    ]

    /// Parses and checks the JSON body of `PUT relations/{number}`; `number` is the path's (the body may repeat it).
    public static func parse(_ data: Data, number: String?) throws(SyncError) -> SyncRelation {
        let json = try SyncJSON(data, known: keys)
        let given = try json.string("number")
        if let number, let given, given != number {
            throw SyncError("invalid-field", "number", "the body names relation \(given) but the path \(number)")
        }
        guard let number = number ?? given else {
            throw SyncError("missing-field", "number", "required field 'number' is missing")
        }
        var contact: ContactPerson? = nil
        if let c = try json.object("contact", known: ["name", "email", "phone"]) {
            contact = ContactPerson(name: try c.string("name", required: true)!, email: try c.string("email"),
                              phone: try c.string("phone"))
        }
        var address: Address? = nil
        if let a = try json.object("address", known: ["street", "postalCode", "city", "country"]) {
            address = Address(street: try a.string("street"), postalCode: try a.string("postalCode"),
                              city: try a.string("city"), country: try a.string("country"))
        }
        let relation = SyncRelation(
            number: number, name: try json.string("name", required: true)!,
            kind: try json.choice("kind", as: RelationKind.self, required: true)!, contact: contact, address: address,
            vatNumber: try json.string("vatNumber"), chamberOfCommerce: try json.string("chamberOfCommerce"),
            iban: try json.string("iban"), paymentTermDays: try json.integer("paymentTermDays") ?? 30,
            invoiceDelivery: try json.choice("invoiceDelivery", as: InvoiceDelivery.self) ?? .email)
        return try relation.checked()
    }

    /// This relation with its fields checked and normalised (IBAN, VAT number, country); errors name the field.
    public func checked() throws(SyncError) -> SyncRelation {
        var r = self
        try SyncRules.checkKey(number, field: "number", what: "relation number")
        r.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !r.name.isEmpty else { throw SyncError("missing-field", "name", "relation \(number) has no name") }
        if let contact {
            guard !contact.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SyncError("missing-field", "contact.name", "the contact person has no name")
            }
            if let email = contact.email {
                let parts = email.split(separator: "@", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
                    throw SyncError("invalid-field", "contact.email", "'\(email)' is not an e-mail address")
                }
            }
        }
        if let country = address?.country {
            let code = country.uppercased()
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw SyncError("invalid-field", "address.country", "'\(country)' is not a two-letter country code (NL, BE, DE)")
            }
            r.address?.country = code
        }
        if let iban {
            do { r.iban = try IBAN(iban).value } catch { throw SyncError(error) }
        }
        if let vat = vatNumber {
            let compact = String(vat.filter { !$0.isWhitespace && $0 != "." }).uppercased()
            guard compact.count >= 4, compact.count <= 16, compact.prefix(2).allSatisfy(\.isLetter),
                  compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else {
                throw SyncError("invalid-field", "vatNumber", "'\(vat)' is not a VAT number: a country prefix and the "
                    + "number, e.g. NL123456789B01")
            }
            r.vatNumber = compact
        }
        guard (0...730).contains(paymentTermDays) else {
            throw SyncError("invalid-field", "paymentTermDays", "payment terms must be 0 to 730 days, not \(paymentTermDays)")
        }
        return r
    }
}

/// A cost centre (project) as the CRM API writes it.
public struct SyncCostCentre: Sendable, Codable, Equatable {
    public var code: String
    public var description: String
    public var active: Bool

    public init(code: String, description: String, active: Bool = true) {
        self.code = code
        self.description = description
        self.active = active
    }

    /// Parses and checks the JSON body of `PUT cost-centres/{code}`; `code` is the path's (the body may repeat it).
    public static func parse(_ data: Data, code: String?) throws(SyncError) -> SyncCostCentre {
        let json = try SyncJSON(data, known: ["code", "description", "active"])
        let given = try json.string("code")
        if let code, let given, given != code {
            throw SyncError("invalid-field", "code", "the body names cost centre \(given) but the path \(code)")
        }
        guard let code = code ?? given else { throw SyncError("missing-field", "code", "required field 'code' is missing") }
        let centre = SyncCostCentre(code: code, description: try json.string("description", required: true)!,
                                    active: try json.bool("active") ?? true)
        return try centre.checked()
    }

    /// This cost centre with its fields checked.
    public func checked() throws(SyncError) -> SyncCostCentre {
        try SyncRules.checkKey(code, field: "code", what: "cost centre code")
        let trimmed = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SyncError("missing-field", "description", "cost centre \(code) has no description") }
        return SyncCostCentre(code: code, description: trimmed, active: active)
    }
}
