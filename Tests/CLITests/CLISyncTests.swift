import Foundation
import Testing

/// `ledgerops sync`: the API's JSON bodies from files, replays, a refusal, open items and the change feed.
struct CLISyncTests {
    @Test func aCRMSessionFromFiles() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["admin", "create", "acme", "--name", "Acme B.V.", "--year", "2026"])
        let relation = try cli.write("relation.json", #"{"number": "D001", "name": "Hotel De Zon", "kind": "customer", "iban": "nl91 abna 0417 1643 00", "paymentTermDays": 14}"#)
        #expect(try cli.ok(["sync", "relation", "acme", "--file", relation]).contains("Created customer D001 Hotel De Zon in acme"))
        #expect(try cli.ok(["sync", "relation", "acme", "--file", relation]).contains("(replayed: this key was answered before; nothing written)"))
        let centre = try cli.write("centre.json", #"{"code": "P1", "description": "Project"}"#)
        #expect(try cli.ok(["sync", "cost-centre", "acme", "--file", centre, "--idempotency-key", "c1"]).contains("Created cost centre P1 Project"))
        let invoice = try cli.write("invoice.json", #"""
            {"kind": "sales", "number": "2026-001", "relation": "D001", "date": "2026-10-01", "description": "Factuur 2026-001",
             "lines": [{"account": "80301", "net": "1000.00", "vatCode": "V21", "costCentre": "P1"}], "totalVat": "210.00", "total": "1210.00"}
            """#)
        let posted = try cli.ok(["sync", "invoice", "acme", "--file", invoice, "--idempotency-key", "i1"])
        #expect(posted.contains("Posted sales invoice 2026-001 of D001 as entry 1 in acme: net 1000.00, VAT 210.00, total 1210.00 EUR, due 2026-10-15"))
        #expect(try cli.ok(["sync", "invoice", "acme", "--file", invoice, "--idempotency-key", "i1"]).contains("replayed"))
        #expect(try cli.ok(["sync", "invoice", "acme", "--file", invoice, "--idempotency-key", "i2"]).contains("Already posted"))
        let unbalanced = try cli.write("bad.json", String(decoding: try Data(contentsOf: URL(fileURLWithPath: invoice)), as: UTF8.self)
            .replacingOccurrences(of: #""totalVat": "210.00""#, with: #""totalVat": "200.00""#))
        let refused = try cli.run(["sync", "invoice", "acme", "--file", unbalanced, "--idempotency-key", "i1"])
        #expect(refused.status == 1 && refused.stderr.contains("idempotency key 'i1' was already used for another request"))
        let refused2 = try cli.run(["sync", "invoice", "acme", "--file", unbalanced])
        #expect(refused2.stderr.contains("error: totalVat: the lines make 210.00 VAT (V21 210.00), the invoice shows 200.00"))
        let items = try cli.ok(["sync", "open-items", "acme", "--side", "receivable"])
        #expect(items.contains("receivable  D001      2026-001  2026-10-01  2026-10-15   1210.00      1210.00            38"))
        let feed = try cli.ok(["sync", "changes", "acme"])
        #expect(feed.contains("D001 2026-001 outstanding 1210.00 EUR") && feed.contains("cursor 2"))
        let json = try cli.ok(["sync", "changes", "acme", "--since", "2", "--json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["changes"] as? [Any])?.isEmpty == true && parsed?["cursor"] as? Int == 2)
    }
}
