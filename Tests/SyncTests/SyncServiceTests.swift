import Core
import Foundation
import Ledger
import Sync
import Testing
import TestSupport

/// Relations, cost centres and invoices through the service: normalising, idempotency, and a table of bad input
/// each refused with its field named and nothing written.
struct SyncServiceTests {
    @Test func aRelationIsCheckedNormalisedAndUpdatedInPlace() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let first = try await f.sync.upsertRelation(SyncFixture.relation(), number: "D001", in: SyncFixture.admin,
                                                    idempotencyKey: "r-1")
        #expect(first.body.created && !first.replayed)
        let saved = try #require(try await f.t.ledger.relations(SyncFixture.admin).first { $0.number == "D001" })
        #expect(saved.iban == "NL91ABNA0417164300" && saved.vatNumber == "NL812345678B01" && saved.country == "NL")
        #expect(saved.contact == ContactPerson(name: "Joke de Zon", email: "joke@dezon.example", phone: "+31 20 123 4567"))
        #expect(saved.address == "Strandweg 1" && saved.postalCode == "1234 AB" && saved.city == "Zandvoort")
        #expect(saved.paymentTermDays == 14 && saved.invoiceDelivery == .peppol && saved.chamberOfCommerce == "12345678")
        // An update keeps what the API does not carry (the group entity).
        var grouped = saved
        grouped.groupEntity = "holding"
        try await f.t.ledger.save(grouped, in: SyncFixture.admin)
        let second = try await f.sync.upsertRelation(SyncFixture.relation(name: "Hotel De Zon B.V.", terms: 30),
                                                     number: "D001", in: SyncFixture.admin, idempotencyKey: "r-2")
        #expect(!second.body.created && second.body.relation.name == "Hotel De Zon B.V.")
        let updated = try #require(try await f.t.ledger.relations(SyncFixture.admin).first { $0.number == "D001" })
        #expect(updated.groupEntity == "holding" && updated.paymentTermDays == 30)
        // A cost centre, then deactivated.
        let centre = try await f.sync.upsertCostCentre(SyncFixture.json(#"{"description": "Verbouwing"}"#), code: "PRJ-7",
                                                       in: SyncFixture.admin, idempotencyKey: "c-1")
        #expect(centre.body == CostCentreReply(costCentre: SyncCostCentre(code: "PRJ-7", description: "Verbouwing"), created: true))
        let closed = try await f.sync.upsertCostCentre(SyncFixture.json(#"{"code": "PRJ-7", "description": "Verbouwing", "active": false}"#),
                                                       code: "PRJ-7", in: SyncFixture.admin, idempotencyKey: "c-2")
        #expect(!closed.body.created && !closed.body.costCentre.active)
    }

    @Test func theDueDateFollowsTheRelationsTermsUnlessGiven() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let termed = try await f.sync.postInvoice(
            SyncFixture.invoice("purchase", number: "S-1", relation: "S1", lines: [(f.t.expense, "50.00", "I21", nil)],
                                totalVat: "10.50", total: "60.50"), to: SyncFixture.admin, idempotencyKey: "s1")
        #expect(termed.body.invoice.dueDate == day("2026-03-24"))  // S1 pays in 14 days
        let given = try await f.sync.postInvoice(
            SyncFixture.invoice(number: "D-1", dueDate: "2026-03-20", lines: [(f.t.revenue, "50.00", "V21", nil)],
                                totalVat: "10.50", total: "60.50"), to: SyncFixture.admin, idempotencyKey: "d1")
        #expect(given.body.invoice.dueDate == day("2026-03-20"))
        let items = try await f.sync.openItems(SyncFixture.admin, today: day("2026-03-22"))
        #expect(items.items.map(\.invoice) == ["D-1", "S-1"])
        #expect(items.items.map(\.overdue) == [true, false] && items.items.map(\.daysOverdue) == [2, 0])
        #expect(items.items.map(\.outstanding) == ["60.50", "60.50"])
        #expect(try await f.sync.openItems(SyncFixture.admin, side: .payable, today: day("2026-03-22")).items.map(\.invoice) == ["S-1"])
        #expect(try await f.sync.openItems(SyncFixture.admin, relation: "C1", today: day("2026-03-22")).items.map(\.invoice) == ["D-1"])
    }

    @Test func aKeyReplaysItsAnswerAndAnInvoiceIsNeverPostedTwice() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let body = SyncFixture.invoice(number: "2026-001", lines: [(f.t.revenue, "1000.00", "V21", "P1")],
                                       totalVat: "210.00", total: "1210.00")
        let first = try await f.sync.postInvoice(body, to: SyncFixture.admin, idempotencyKey: "inv-1")
        let counts = try await f.t.counts()
        // The same key and request: the stored answer, nothing written.
        let replay = try await f.sync.postInvoice(body, to: SyncFixture.admin, idempotencyKey: "inv-1")
        #expect(replay.replayed && replay.body == first.body)
        #expect(try await f.t.counts() == counts)
        // The same request written differently (key order, spacing) is the same request.
        let reordered = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: body),
                                                   options: [.prettyPrinted])
        #expect(try await f.sync.postInvoice(reordered, to: SyncFixture.admin, idempotencyKey: "inv-1").replayed)
        // The same invoice under a new key: found, not posted again.
        let again = try await f.sync.postInvoice(body, to: SyncFixture.admin, idempotencyKey: "inv-1-retry")
        #expect(!again.replayed && !again.body.created && again.body.invoice.entry == first.body.invoice.entry)
        #expect(try await f.t.counts()["entry"] == counts["entry"])
        // Another content under the same invoice number and a new key: refused.
        let changed = SyncFixture.invoice(number: "2026-001", lines: [(f.t.revenue, "999.00", "V21", "P1")],
                                          totalVat: "209.79", total: "1208.79")
        let before = try await f.t.counts()
        let conflict = await #expect(throws: SyncError.self) {
            try await f.sync.postInvoice(changed, to: SyncFixture.admin, idempotencyKey: "inv-1-changed")
        }
        #expect(conflict?.code == "idempotency-conflict" && conflict?.field == "number")
        #expect(try await f.t.counts() == before)
        // A sales and a purchase invoice may share a number.
        let purchase = try await f.sync.postInvoice(
            SyncFixture.invoice("purchase", number: "2026-001", relation: "S1", lines: [(f.t.expense, "10.00", "I21", nil)],
                                totalVat: "2.10", total: "12.10"), to: SyncFixture.admin, idempotencyKey: "p-1")
        #expect(purchase.body.created)
    }

    @Test func aRefusedRequestStoresNothingAndMayBeRetriedWithItsKey() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let wrong = SyncFixture.invoice(number: "X-1", lines: [(f.t.revenue, "100.00", "V21", nil)], totalVat: "20.00", total: "120.00")
        await #expect(throws: SyncError.self) { try await f.sync.postInvoice(wrong, to: SyncFixture.admin, idempotencyKey: "x") }
        let fixed = SyncFixture.invoice(number: "X-1", lines: [(f.t.revenue, "100.00", "V21", nil)], totalVat: "21.00", total: "121.00")
        #expect(try await f.sync.postInvoice(fixed, to: SyncFixture.admin, idempotencyKey: "x").body.created)
    }

    @Test func replayingAWholeSessionTwiceWritesNothing() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let r = f.t.revenue, e = f.t.expense
        typealias Call = () async throws -> (Data, Bool)
        func encode(_ value: some Encodable) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(value)
        }
        let sync = f.sync, admin = SyncFixture.admin
        let session: [Call] = [
            { let x = try await sync.upsertRelation(SyncFixture.relation(), number: "D001", in: admin, idempotencyKey: "1"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.upsertRelation(SyncFixture.relation(name: "Bouw B.V.", kind: "supplier", iban: "DE89370400440532013000", terms: 30),
                                                    number: "K001", in: admin, idempotencyKey: "2"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.upsertCostCentre(SyncFixture.json(#"{"description": "Project Zon"}"#), code: "PZ", in: admin, idempotencyKey: "3"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.postInvoice(SyncFixture.invoice(number: "V-1", relation: "D001", lines: [(r, "1000.00", "V21", "PZ"), (r, "200.00", "V9", nil)],
                                                                    totalVat: "228.00", total: "1428.00"), to: admin, idempotencyKey: "4"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.postInvoice(SyncFixture.invoice(number: "V-2", relation: "D001", lines: [(r, "80.00", "VICP", nil)],
                                                                    totalVat: "0.00", total: "80.00"), to: admin, idempotencyKey: "5"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.postInvoice(SyncFixture.invoice("purchase", number: "INK-9", relation: "K001", lines: [(e, "500.00", "I21", "PZ")],
                                                                    totalVat: "105.00", total: "605.00"), to: admin, idempotencyKey: "6"); return (try encode(x.body), x.replayed) },
            { let x = try await sync.postInvoice(SyncFixture.invoice("purchase", number: "INK-10", relation: "K001", lines: [(e, "300.00", "IEU", nil)],
                                                                    totalVat: "0.00", total: "300.00"), to: admin, idempotencyKey: "7"); return (try encode(x.body), x.replayed) },
        ]
        var originals: [Data] = []
        for call in session {
            let (body, replayed) = try await call()
            #expect(!replayed)
            originals.append(body)
        }
        let counts = try await f.t.counts()
        let feed = try await sync.changes(admin, since: 0, today: day("2026-04-01"))
        #expect(counts["entry"] == 4 && counts["open_item"] == 4 && counts["sync_request"] == 7)
        for _ in 0..<2 {
            for (index, call) in session.enumerated() {
                let (body, replayed) = try await call()
                #expect(replayed && body == originals[index], "request \(index + 1)")
            }
        }
        #expect(try await f.t.counts() == counts)
        #expect(try await sync.changes(admin, since: 0, today: day("2026-04-01")) == feed)
    }

    // MARK: - Bad input

    enum Write: Sendable { case invoice, relation, costCentre }

    /// (what, body, expected code, expected field). `REV`, `EXP` stand for a revenue and an expense account.
    static let badInput: [(String, Write, String, String, String)] = [
        ("unknown VAT code", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V99"}], "totalVat": "2.10", "total": "12.10"}"#, "unknown-vat-code", "lines[0].vatCode"),
        ("unbalanced VAT total", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.00", "total": "12.00"}"#, "unbalanced", "totalVat"),
        ("unbalanced gross", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.00"}"#, "unbalanced", "total"),
        ("unbalanced VAT per code", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "vat": [{"vatCode": "V21", "amount": "2.11"}], "totalVat": "2.10", "total": "12.10"}"#, "unbalanced", "vat[0].amount"),
        ("unknown relation", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "NOPE", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "unknown-relation", "relation"),
        ("supplier on a sales invoice", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "S1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "relation-kind", "relation"),
        ("unknown account", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "99999", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "unknown-account", "lines[0].account"),
        ("control account", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "16201", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "control-account", "lines[0].account"),
        ("unknown cost centre", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21", "costCentre": "ZZ"}], "totalVat": "2.10", "total": "12.10"}"#, "unknown-cost-centre", "lines[0].costCentre"),
        ("inactive cost centre", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21", "costCentre": "OLD"}], "totalVat": "2.10", "total": "12.10"}"#, "inactive-cost-centre", "lines[0].costCentre"),
        ("closed period", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-02-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "period-closed", "date"),
        ("VAT code of the wrong kind", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "I21"}], "totalVat": "2.10", "total": "12.10"}"#, "vat-code-kind", "lines[0].vatCode"),
        ("sales code on a purchase", .invoice, #"{"kind": "purchase", "number": "B-1", "relation": "S1", "date": "2026-03-10", "description": "x", "lines": [{"account": "EXP", "net": "10.00", "vatCode": "V0"}], "totalVat": "0.00", "total": "10.00"}"#, "vat-code-kind", "lines[0].vatCode"),
        ("empty lines", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [], "totalVat": "0.00", "total": "0.00"}"#, "missing-field", "lines"),
        ("zero amount", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "0.00", "vatCode": "V21"}], "totalVat": "0.00", "total": "0.00"}"#, "zero-amount", "lines[0].net"),
        ("amount as a JSON number", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": 10.5, "vatCode": "V21"}], "totalVat": "2.21", "total": "12.71"}"#, "invalid-field", "lines[0].net"),
        ("three decimals", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.001", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "invalid-field", "lines[0].net"),
        ("unknown field", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21", "vat": "2.10"}], "totalVat": "2.10", "total": "12.10"}"#, "unknown-field", "lines[0].vat"),
        ("bad date", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-02-30", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "invalid-field", "date"),
        ("due before the date", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "dueDate": "2026-03-01", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "invalid-field", "dueDate"),
        ("other currency", .invoice, #"{"kind": "sales", "number": "B-1", "relation": "C1", "date": "2026-03-10", "currency": "USD", "description": "x", "lines": [{"account": "REV", "net": "10.00", "vatCode": "V21"}], "totalVat": "2.10", "total": "12.10"}"#, "invalid-field", "currency"),
        ("invalid JSON", .invoice, #"{"kind": "sales", "number": "B-1",, }"#, "malformed-json", ""),
        ("bad IBAN", .relation, #"{"name": "Fout", "kind": "customer", "iban": "NL91ABNA0417164301"}"#, "invalid-field", "iban"),
        ("missing name", .relation, #"{"kind": "customer", "iban": "NL91ABNA0417164300"}"#, "missing-field", "name"),
        ("bad kind", .relation, #"{"name": "X", "kind": "friend"}"#, "invalid-field", "kind"),
        ("bad e-mail", .relation, #"{"name": "X", "kind": "customer", "contact": {"name": "Y", "email": "nope"}}"#, "invalid-field", "contact.email"),
        ("bad country", .relation, #"{"name": "X", "kind": "customer", "address": {"country": "Nederland"}}"#, "invalid-field", "address.country"),
        ("negative terms", .relation, #"{"name": "X", "kind": "customer", "paymentTermDays": -1}"#, "invalid-field", "paymentTermDays"),
        ("invalid JSON relation", .relation, "[1, 2]", "malformed-json", ""),
        ("cost centre without description", .costCentre, #"{"active": true}"#, "missing-field", "description"),
    ]

    @Test(arguments: badInput)
    func badInputIsRefusedWithItsFieldAndWritesNothing(_ what: String, _ write: Write, _ body: String, _ code: String,
                                                       _ field: String) async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        try await f.t.ledger.setPeriod(.closed, year: 2026, period: 2, in: SyncFixture.admin)
        let before = try await f.t.counts()
        let data = Data(body.replacingOccurrences(of: "REV", with: f.t.revenue).replacingOccurrences(of: "EXP", with: f.t.expense).utf8)
        let error = await #expect(throws: SyncError.self, "\(what)") {
            switch write {
            case .invoice: _ = try await f.sync.postInvoice(data, to: SyncFixture.admin, idempotencyKey: "bad")
            case .relation: _ = try await f.sync.upsertRelation(data, number: "N1", in: SyncFixture.admin, idempotencyKey: "bad")
            case .costCentre: _ = try await f.sync.upsertCostCentre(data, code: "CC", in: SyncFixture.admin, idempotencyKey: "bad")
            }
        }
        #expect(error?.code == code, "\(what): \(String(describing: error))")
        #expect(error?.field == field, "\(what): \(String(describing: error))")
        if !field.isEmpty { #expect(error?.description.hasPrefix(field + ": ") == true) }
        #expect(try await f.t.counts() == before, "\(what) wrote something")
    }

    @Test func theSameKeyWithAnotherRequestIsRefusedNamingTheKey() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        _ = try await f.sync.upsertRelation(SyncFixture.relation(), number: "D001", in: SyncFixture.admin, idempotencyKey: "same")
        let before = try await f.t.counts()
        for attempt in 0..<2 {
            let error = await #expect(throws: SyncError.self) {
                if attempt == 0 {
                    _ = try await f.sync.upsertRelation(SyncFixture.relation(name: "Other"), number: "D001", in: SyncFixture.admin,
                                                        idempotencyKey: "same")
                } else {
                    _ = try await f.sync.upsertCostCentre(SyncFixture.json(#"{"description": "P"}"#), code: "P", in: SyncFixture.admin,
                                                          idempotencyKey: "same")
                }
            }
            #expect(error?.code == "idempotency-key-reused" && error?.field == "Idempotency-Key")
            #expect(error?.message.contains("'same'") == true)
        }
        #expect(try await f.t.counts() == before)
        // Keys are per administration and must be given.
        await #expect(throws: SyncError.self) {
            _ = try await f.sync.upsertRelation(SyncFixture.relation(), number: "D002", in: SyncFixture.admin, idempotencyKey: "")
        }
        let missing = await #expect(throws: SyncError.self) {
            _ = try await f.sync.upsertRelation(SyncFixture.relation(), number: "D002", in: "nope", idempotencyKey: "k")
        }
        #expect(missing?.code == "not-found")
    }
}
