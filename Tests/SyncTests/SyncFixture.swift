import Core
import Foundation
import Ledger
import Sync
import TestSupport

/// A fresh administration on the shipped base chart (relations C1, S1, B1, cost centres P1 and inactive OLD) with the
/// sync service over it, and JSON bodies as a CRM sends them.
struct SyncFixture {
    let t: TestLedger
    let sync: SyncService
    static let admin = TestLedger.admin

    init() async throws {
        t = try await TestLedger()
        sync = SyncService(ledger: t.ledger)
    }

    func remove() { t.remove() }

    /// An invoice body; each line is (account, net, VAT code, cost centre).
    static func invoice(_ kind: String = "sales", number: String, relation: String = "C1", date: String = "2026-03-10",
                        dueDate: String? = nil, lines: [(String, String, String, String?)], totalVat: String,
                        total: String, vat: [(String, String)]? = nil) -> Data {
        var body: [String: Any] = [
            "kind": kind, "number": number, "relation": relation, "date": date,
            "description": "Invoice \(number)", "totalVat": totalVat, "total": total,
            "lines": lines.map { line in
                var object: [String: Any] = ["account": line.0, "net": line.1, "vatCode": line.2, "description": "Line"]
                if let centre = line.3 { object["costCentre"] = centre }
                return object
            },
        ]
        if let dueDate { body["dueDate"] = dueDate }
        if let vat { body["vat"] = vat.map { ["vatCode": $0.0, "amount": $0.1] } }
        return try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    static func json(_ text: String) -> Data { Data(text.utf8) }

    /// A full relation body, as a CRM sends one.
    static func relation(name: String = "Hotel De Zon", kind: String = "customer", iban: String = "nl91 abna 0417 1643 00",
                         terms: Int = 14) -> Data {
        json("""
            {"name": "\(name)", "kind": "\(kind)",
             "contact": {"name": "Joke de Zon", "email": "joke@dezon.example", "phone": "+31 20 123 4567"},
             "address": {"street": "Strandweg 1", "postalCode": "1234 AB", "city": "Zandvoort", "country": "nl"},
             "vatNumber": "NL 8123.45.678.B01", "chamberOfCommerce": "12345678", "iban": "\(iban)",
             "paymentTermDays": \(terms), "invoiceDelivery": "peppol"}
            """)
    }
}
