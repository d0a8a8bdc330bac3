import Core
import Foundation
import Ledger
import Sync
import Testing
import TestSupport
import Workflow

/// The CRM sync over real HTTP on loopback: a whole session replayed, narrowed tokens and roles on every route, and
/// bad input refused with the field named and nothing written.
struct SyncAPITests {
    /// A token for `user`, optionally narrowed to some administrations.
    static func token(_ f: ServerFixture, _ user: String, _ administrations: [String]?) async throws -> String {
        try await AccessService(store: f.workspace.store, cost: 1 << 10)
            .createToken("crm-\(user)", for: user, administrations: administrations, by: "ada", at: "t0").secret
    }

    /// A revenue account with V21 and an expense account with I21 of the administration's chart.
    static func accounts(_ f: ServerFixture, _ admin: String) async throws -> (revenue: String, expense: String) {
        let accounts = try await f.workspace.ledger.accounts(admin).filter { $0.active && $0.control == nil }
        return (accounts.first { $0.type == .revenue && $0.vatCode == "V21" }!.code,
                accounts.first { $0.type == .expense && $0.vatCode == "I21" }!.code)
    }

    static func invoice(_ kind: String, _ number: String, _ relation: String, _ account: String, _ net: String, _ code: String,
                        vat: String, total: String, costCentre: String? = nil) -> String {
        let centre = costCentre.map { #", "costCentre": "\#($0)""# } ?? ""
        return #"{"kind": "\#(kind)", "number": "\#(number)", "relation": "\#(relation)", "date": "2026-10-01", "#
            + #""description": "Factuur \#(number)", "lines": [{"account": "\#(account)", "net": "\#(net)", "vatCode": "\#(code)"\#(centre)}], "#
            + #""totalVat": "\#(vat)", "total": "\#(total)"}"#
    }

    static let relation = #"{"name": "Hotel De Zon", "kind": "customer", "contact": {"name": "Joke", "email": "joke@dezon.example"}, "#
        + #""address": {"street": "Strandweg 1", "postalCode": "1234 AB", "city": "Zandvoort", "country": "NL"}, "#
        + #""iban": "NL91 ABNA 0417 1643 00", "paymentTermDays": 14, "invoiceDelivery": "email"}"#

    @Test func replayingASessionTwicePostsNothingTwice() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let token = try await Self.token(f, "anna", ["m1"])
        let (revenue, expense) = try await Self.accounts(f, "m1")
        let base = "/api/v1/administrations/m1"
        let session: [(String, String, String)] = [
            ("PUT", "\(base)/relations/D001", Self.relation),
            ("PUT", "\(base)/relations/K001", #"{"name": "Bouw B.V.", "kind": "supplier", "iban": "DE89370400440532013000"}"#),
            ("PUT", "\(base)/relations/D001", Self.relation.replacingOccurrences(of: "Hotel De Zon", with: "Hotel De Zon B.V.")),
            ("PUT", "\(base)/cost-centres/PZ", #"{"description": "Project Zon"}"#),
            ("POST", "\(base)/invoices", Self.invoice("sales", "2026-101", "D001", revenue, "1000.00", "V21", vat: "210.00", total: "1210.00", costCentre: "PZ")),
            ("POST", "\(base)/invoices", Self.invoice("sales", "2026-102", "D001", revenue, "250.00", "V9", vat: "22.50", total: "272.50")),
            ("POST", "\(base)/invoices", Self.invoice("purchase", "INK-1", "K001", expense, "400.00", "I21", vat: "84.00", total: "484.00", costCentre: "PZ")),
            ("POST", "\(base)/invoices", Self.invoice("purchase", "INK-2", "K001", expense, "100.00", "IEU", vat: "0.00", total: "100.00")),
        ]
        var originals: [ServerFixture.Reply] = []
        for (index, (method, path, body)) in session.enumerated() {
            let reply = try await f.request(method, path, body: body, token: token, headers: ["Idempotency-Key": "s-\(index)"])
            #expect([200, 201].contains(reply.status), "\(path): \(String(decoding: reply.body, as: UTF8.self))")
            #expect(reply.headers["idempotent-replayed"] == nil)
            originals.append(reply)
        }
        #expect(originals.map(\.status) == [201, 201, 200, 201, 201, 201, 201, 201])
        let counts = try await f.workspace.store.tableCounts()
        let feed = try await f.request("GET", "\(base)/changes?since=0", token: token)
        let items = try await f.request("GET", "\(base)/open-items", token: token)
        #expect(items.status == 200 && (items.json["items"] as? [[String: Any]])?.count == 4)
        for _ in 0..<2 {
            for (index, (method, path, body)) in session.enumerated() {
                let reply = try await f.request(method, path, body: body, token: token, headers: ["Idempotency-Key": "s-\(index)"])
                #expect(reply.status == originals[index].status && reply.body == originals[index].body, "\(path)")
                #expect(reply.headers["idempotent-replayed"] == "true")
            }
        }
        #expect(try await f.workspace.store.tableCounts() == counts)
        #expect(try await f.request("GET", "\(base)/changes?since=0", token: token).body == feed.body)
        let entries = try await f.workspace.ledger.entries("m1")
        #expect(entries.count == 4 && entries.allSatisfy { $0.source == "crm" })
        // The open items read back: a relation and a side, with due dates and overdue days on the server's today.
        let owed = try await f.request("GET", "\(base)/open-items?relation=D001&side=receivable", token: token)
        let list = try #require(owed.json["items"] as? [[String: Any]])
        #expect(list.map { $0["invoice"] as? String } == ["2026-101", "2026-102"])
        #expect(list[0]["outstanding"] as? String == "1210.00" && list[0]["dueDate"] as? String == "2026-10-15")
        #expect(list[0]["overdue"] as? Bool == true && list[0]["daysOverdue"] as? Int == 34)  // today 2026-11-18
        let payable = try await f.request("GET", "\(base)/open-items?side=payable", token: token)
        #expect((payable.json["items"] as? [[String: Any]])?.map { $0["outstanding"] as? String } == ["484.00", "100.00"])
        // A payment through the ledger shows in the feed from the last cursor.
        let cursor = try #require(feed.json["cursor"] as? Int)
        _ = try await f.workspace.ledger.post(EntryDraft(journal: "BNK", date: day("2026-10-20"), description: "Ontvangst", lines: [
            EntryLineDraft(account: "10201", amount: 121_000),
            EntryLineDraft(account: "13011", amount: -121_000, relation: "D001", invoice: "2026-101"),
        ]), to: "m1")
        let changed = try await f.request("GET", "\(base)/changes?since=\(cursor)", token: token)
        let change = try #require((changed.json["changes"] as? [[String: Any]])?.first)
        #expect((change["openItem"] as? [String: Any])?["outstanding"] as? String == "0.00")
        #expect((changed.json["cursor"] as? Int ?? 0) > cursor)
    }

    @Test func aNarrowedTokenReachesOnlyItsAdministrationAndAViewerOnlyReads() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let narrowed = try await Self.token(f, "ada", ["m1"])
        let viewer = try await Self.token(f, "vera", nil)
        let (revenue, _) = try await Self.accounts(f, "m2")
        _ = try await f.workspace.ledger.save(Relation(number: "D1", name: "Klant", kind: .customer), in: "m2")
        func routes(_ admin: String) -> [(String, String, String?)] {
            let base = "/api/v1/administrations/\(admin)"
            return [
                ("PUT", "\(base)/relations/D9", Self.relation),
                ("PUT", "\(base)/cost-centres/P9", #"{"description": "P"}"#),
                ("POST", "\(base)/invoices", Self.invoice("sales", "N-1", "D1", revenue, "10.00", "V21", vat: "2.10", total: "12.10")),
                ("GET", "\(base)/open-items", nil),
                ("GET", "\(base)/changes?since=0", nil),
            ]
        }
        let before = try await f.workspace.store.tableCounts()
        for (method, path, body) in routes("m2") {
            let reply = try await f.request(method, path, body: body, token: narrowed, headers: ["Idempotency-Key": "a"])
            #expect(reply.status == 403 && reply.errorCode == "not-yours", "\(method) \(path)")
            let anonymous = try await f.request(method, path, body: body, headers: ["Idempotency-Key": "a"])
            #expect(anonymous.status == 401, "\(method) \(path)")
        }
        for (method, path, body) in routes("m2") where method != "GET" {
            let reply = try await f.request(method, path, body: body, token: viewer, headers: ["Idempotency-Key": "v"])
            #expect(reply.status == 403 && reply.errorCode == "forbidden", "\(method) \(path)")
        }
        #expect(try await f.workspace.store.tableCounts() == before)
        for (method, path, _) in routes("m2") where method == "GET" {
            #expect(try await f.request(method, path, token: viewer).status == 200, "\(path)")
        }
        // The same token on its own administration: every route answers.
        _ = try await f.workspace.ledger.save(Relation(number: "D1", name: "Klant", kind: .customer), in: "m1")
        let (m1Revenue, _) = try await Self.accounts(f, "m1")
        for (method, path, body) in routes("m1") {
            let reply = try await f.request(method, path, body: body?.replacingOccurrences(of: revenue, with: m1Revenue),
                                            token: narrowed, headers: ["Idempotency-Key": "m1-\(path)"])
            #expect([200, 201].contains(reply.status), "\(method) \(path): \(String(decoding: reply.body, as: UTF8.self))")
        }
        // An accountant reaches the administrations of their team only.
        let bob = try await Self.token(f, "bob", nil)
        #expect(try await f.request("GET", "/api/v1/administrations/h1/open-items", token: bob).errorCode == "not-yours")
        #expect(try await f.request("PUT", "/api/v1/administrations/m1/cost-centres/X", body: #"{"description": "X"}"#, token: bob,
                                    headers: ["Idempotency-Key": "b"]).status == 201)  // anna's m1: bob is in her team
    }

    /// (what, method, path under m1, body, idempotency key, status, code, field).
    static let badRequests: [(String, String, String, String, String?, Int, String, String?)] = [
        ("invalid JSON", "POST", "invoices", #"{"kind": "sales",, "#, "k1", 400, "malformed-json", nil),
        ("no idempotency key", "PUT", "relations/D5", relation, nil, 400, "missing-idempotency-key", "Idempotency-Key"),
        ("unknown VAT code", "POST", "invoices", invoice("sales", "B-1", "C1", "REV", "10.00", "V99", vat: "2.10", total: "12.10"), "k2", 422, "unknown-vat-code", "lines[0].vatCode"),
        ("unbalanced", "POST", "invoices", invoice("sales", "B-1", "C1", "REV", "10.00", "V21", vat: "2.10", total: "12.20"), "k3", 422, "unbalanced", "total"),
        ("unknown relation", "POST", "invoices", invoice("sales", "B-1", "ZZ", "REV", "10.00", "V21", vat: "2.10", total: "12.10"), "k4", 422, "unknown-relation", "relation"),
        ("unknown account", "POST", "invoices", invoice("sales", "B-1", "C1", "99999", "10.00", "V21", vat: "2.10", total: "12.10"), "k5", 422, "unknown-account", "lines[0].account"),
        ("unknown cost centre", "POST", "invoices", invoice("sales", "B-1", "C1", "REV", "10.00", "V21", vat: "2.10", total: "12.10", costCentre: "NOPE"), "k6", 422, "unknown-cost-centre", "lines[0].costCentre"),
        ("wrong kind", "POST", "invoices", invoice("sales", "B-1", "C1", "REV", "10.00", "I21", vat: "2.10", total: "12.10"), "k7", 422, "vat-code-kind", "lines[0].vatCode"),
        ("zero amount", "POST", "invoices", invoice("sales", "B-1", "C1", "REV", "0.00", "V21", vat: "0.00", total: "0.00"), "k8", 422, "zero-amount", "lines[0].net"),
        ("bad IBAN", "PUT", "relations/D5", #"{"name": "X", "kind": "customer", "iban": "NL00ABNA0417164300"}"#, "k9", 422, "invalid-field", "iban"),
        ("missing name", "PUT", "relations/D5", #"{"kind": "customer"}"#, "k10", 422, "missing-field", "name"),
        ("number differs from the path", "PUT", "relations/D5", #"{"number": "D6", "name": "X", "kind": "customer"}"#, "k11", 422, "invalid-field", "number"),
        ("same key, other content", "PUT", "relations/C1", #"{"name": "Ander", "kind": "customer"}"#, "used", 409, "idempotency-key-reused", "Idempotency-Key"),
        ("bad side", "GET", "open-items?side=both", "", nil, 400, "invalid-field", "side"),
        ("bad cursor", "GET", "changes?since=abc", "", nil, 400, "invalid-field", "since"),
    ]

    @Test func badRequestsAreRefusedWithTheFieldAndWriteNothing() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let token = try await Self.token(f, "anna", ["m1"])
        let (revenue, _) = try await Self.accounts(f, "m1")
        let base = "/api/v1/administrations/m1/"
        let first = try await f.request("PUT", base + "relations/C1", body: #"{"name": "Klant", "kind": "customer"}"#, token: token,
                                        headers: ["Idempotency-Key": "used"])
        #expect(first.status == 201)
        let before = try await f.workspace.store.tableCounts()
        for (what, method, path, body, key, status, code, field) in Self.badRequests {
            let reply = try await f.request(method, base + path, body: body.isEmpty ? nil : body.replacingOccurrences(of: "REV", with: revenue),
                                            token: token, headers: key.map { ["Idempotency-Key": $0] } ?? [:])
            #expect(reply.status == status && reply.errorCode == code, "\(what): \(String(decoding: reply.body, as: UTF8.self))")
            let error = reply.json["error"] as? [String: Any]
            #expect(error?["field"] as? String == field, "\(what)")
            if let field { #expect((error?["message"] as? String)?.contains(field) == true, "\(what)") }
            if code == "idempotency-key-reused" { #expect((error?["message"] as? String)?.contains("'used'") == true) }
        }
        #expect(try await f.workspace.store.tableCounts() == before)
    }
}
