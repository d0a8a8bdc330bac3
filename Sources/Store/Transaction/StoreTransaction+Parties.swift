public import Core
import GRDB

extension StoreTransaction {
    /// Inserts or updates a relation by its number.
    public func upsert(_ r: Relation, admin: String) throws {
        try execute("""
            INSERT INTO relation (admin_id, number, name, kind, address, postal_code, city, country, contact_name,
                contact_email, contact_phone, iban, vat_number, coc_number, payment_term_days, invoice_delivery,
                group_entity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, number) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                address = excluded.address, postal_code = excluded.postal_code, city = excluded.city,
                country = excluded.country, contact_name = excluded.contact_name,
                contact_email = excluded.contact_email, contact_phone = excluded.contact_phone,
                iban = excluded.iban, vat_number = excluded.vat_number, coc_number = excluded.coc_number,
                payment_term_days = excluded.payment_term_days, invoice_delivery = excluded.invoice_delivery,
                group_entity = excluded.group_entity
            """, [admin, r.number, r.name, r.kind.rawValue, r.address, r.postalCode, r.city, r.country,
                  r.contact?.name, r.contact?.email, r.contact?.phone, r.iban, r.vatNumber, r.chamberOfCommerce,
                  r.paymentTermDays, r.invoiceDelivery.rawValue, r.groupEntity])
    }

    public func relation(_ admin: String, number: String) throws -> Relation? {
        try row("SELECT * FROM relation WHERE admin_id = ? AND number = ?", [admin, number]).map(Self.relation(from:))
    }

    public func relations(_ admin: String) throws -> [Relation] {
        try rows("SELECT * FROM relation WHERE admin_id = ? ORDER BY number", [admin]).map(Self.relation(from:))
    }

    static func relation(from r: Row) throws -> Relation {
        let contactName: String? = r["contact_name"]
        return Relation(
            number: r["number"], name: r["name"], kind: try r.enumValue("kind", as: RelationKind.self),
            address: r["address"], postalCode: r["postal_code"], city: r["city"], country: r["country"],
            contact: contactName.map { ContactPerson(name: $0, email: r["contact_email"], phone: r["contact_phone"]) },
            iban: r["iban"], vatNumber: r["vat_number"], chamberOfCommerce: r["coc_number"],
            paymentTermDays: r["payment_term_days"],
            invoiceDelivery: try r.enumValue("invoice_delivery", as: InvoiceDelivery.self),
            groupEntity: r["group_entity"])
    }

    public func upsert(_ c: CostCentre, admin: String) throws {
        try execute("""
            INSERT INTO cost_centre (admin_id, code, name, active) VALUES (?, ?, ?, ?)
            ON CONFLICT (admin_id, code) DO UPDATE SET name = excluded.name, active = excluded.active
            """, [admin, c.code, c.name, c.active])
    }

    public func costCentres(_ admin: String) throws -> [CostCentre] {
        try rows("SELECT * FROM cost_centre WHERE admin_id = ? ORDER BY code", [admin]).map {
            CostCentre(code: $0["code"], name: $0["name"], active: $0["active"])
        }
    }
}
