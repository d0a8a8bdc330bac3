import Ledger
import Core
import Foundation
import GitSource
import Testing
import TestSupport
import Workflow

/// Real responses, of every route and the errors they document, validated against `/api/v1/openapi.yaml` by
/// `scripts/validate_openapi.py` (jsonschema, in the test venv).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: TestLedger.projectRoot + "/.build/browser-venv/bin/python")
    || ProcessInfo.processInfo.environment["CI"] == "true", "skipped: the test venv is missing (`bash scripts/install-deps.sh peers`)"))
struct OpenAPITests {
    @Test func everyResponseMatchesTheDocument() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let served = try await f.request("GET", "/api/v1/openapi.yaml")
        #expect(served.status == 200 && String(decoding: served.body, as: UTF8.self).hasPrefix("openapi: 3.1.0"))
        let old = String(decoding: try f.workspace.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        try f.workspace.templates.commit([.write(path: "templates/mkb/accounts.csv",
                                                 contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                         message: "New account\n",
                                         author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_000))
        let ada = try await f.signIn("ada"), rita = try await f.signIn("rita"), anna = try await f.signIn("anna")
        var recorded: [[String: Any]] = []
        func call(_ method: String, _ path: String, _ template: String, body: String? = nil,
                  session: ServerFixture.Session? = nil, token: String? = nil, key: String? = nil) async throws -> ServerFixture.Reply {
            let reply = try await f.request(method, path, body: body, session: session, token: token,
                                            headers: key.map { ["Idempotency-Key": $0] } ?? [:])
            let json = reply.body.isEmpty ? NSNull() : (try? JSONSerialization.jsonObject(with: reply.body, options: .fragmentsAllowed)) ?? NSNull()
            recorded.append(["method": method, "path": template, "status": reply.status, "body": json])
            return reply
        }
        _ = try await call("POST", "/api/v1/session", "/session", body: #"{"user": "rita", "password": "wrong password"}"#)
        _ = try await call("POST", "/api/v1/session", "/session", body: "{")
        _ = try await call("GET", "/api/v1/me", "/me", session: rita)
        _ = try await call("GET", "/api/v1/me", "/me")
        _ = try await call("GET", "/api/v1/administrations", "/administrations", session: anna)
        _ = try await call("GET", "/api/v1/administrations/m1", "/administrations/{id}", session: ada)
        _ = try await call("GET", "/api/v1/administrations/h1", "/administrations/{id}", session: anna)
        _ = try await call("GET", "/api/v1/administrations/zz", "/administrations/{id}", session: ada)
        _ = try await call("GET", "/api/v1/administrations/m1/plan", "/administrations/{id}/plan", session: ada)
        for kind in ["balance-sheet", "profit-and-loss", "cash-flow", "kpis", "vat-return"] {
            _ = try await call("GET", "/api/v1/administrations/m1/reports/\(kind)?period=2026&compare=ytd,prior-year",
                               "/administrations/{id}/reports/{kind}", session: rita)
        }
        _ = try await call("GET", "/api/v1/administrations/m1/reports/kpis?period=x", "/administrations/{id}/reports/{kind}", session: rita)
        let token = try await call("POST", "/api/v1/tokens", "/tokens", body: #"{"name": "git", "user": "ada"}"#, session: ada)
        let secret = try #require(token.json["secret"] as? String)
        let hook = try await call("POST", "/api/v1/hooks/git", "/hooks/git", token: secret)
        let id = try #require(hook.json["proposed"] as? Int)
        _ = try await call("POST", "/api/v1/hooks/git", "/hooks/git")
        _ = try await call("GET", "/api/v1/proposals", "/proposals", session: rita)
        _ = try await call("GET", "/api/v1/proposals/\(id)", "/proposals/{id}", session: rita)
        _ = try await call("GET", "/api/v1/proposals/999", "/proposals/{id}", session: rita)
        _ = try await call("POST", "/api/v1/proposals/\(id)/review", "/proposals/{id}/review", body: #"{"approve": true, "comment": "mine"}"#, session: ada)
        _ = try await call("POST", "/api/v1/proposals/\(id)/review", "/proposals/{id}/review", body: #"{"approve": true, "comment": "ok"}"#, session: rita)
        _ = try await call("POST", "/api/v1/proposals/\(id)/distribute", "/proposals/{id}/distribute", session: rita)
        _ = try await call("POST", "/api/v1/proposals/\(id)/distribute", "/proposals/{id}/distribute", session: ada)
        _ = try await call("GET", "/api/v1/distributions/\(id)", "/distributions/{id}", session: ada)
        _ = try await call("GET", "/api/v1/monitor", "/monitor", session: ada)
        _ = try await call("GET", "/api/v1/monitor?scope=bureau", "/monitor", session: anna)
        _ = try await call("GET", "/api/v1/monitor/closing.open-periods", "/monitor/{indicator}", session: ada)
        _ = try await call("GET", "/api/v1/monitor/no.such", "/monitor/{indicator}", session: ada)
        // A group of m1 and h1, applied as a distribution would; m1 holds the investment.
        let group = "name: mh\ntitle: M and H\ncurrency: EUR\nparent: m1\nmembers:\n  - administration: h1\n    ownership: 80\n"
            + "    investment: \"04701\"\n    acquired: 2026-01-01\n"
        let groupCommit = try f.workspace.templates.commit([.write(path: "groups/mh.yaml", contents: Array(group.utf8))],
                                                           message: "Group\n", author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_100))
        try await f.workspace.store.write { tx in try tx.applyGroup("mh", revision: groupCommit.hex, proposal: nil, at: "t") }
        _ = try await call("GET", "/api/v1/groups/mh/consolidation?period=2026", "/groups/{name}/consolidation", session: rita)
        _ = try await f.workspace.ledger.post(EntryDraft(journal: "MEM", date: try LocalDate(year: 2026, month: 1, day: 2),
                                                         description: "Investment in H1", lines: [
                                                             EntryLineDraft(account: "04701", amount: 50_000),
                                                             EntryLineDraft(account: "05011", amount: -50_000)]), to: "m1")
        _ = try await call("GET", "/api/v1/groups", "/groups", session: rita)
        let consolidated = try await call("GET", "/api/v1/groups/mh/consolidation?period=2026", "/groups/{name}/consolidation", session: rita)
        #expect(consolidated.status == 200, "\(consolidated.json)")
        _ = try await call("GET", "/api/v1/groups/none/consolidation", "/groups/{name}/consolidation", session: rita)
        _ = try await call("GET", "/api/v1/audit", "/audit", session: rita)
        _ = try await call("GET", "/api/v1/audit", "/audit", session: anna)
        _ = try await call("GET", "/api/v1/audit/verify", "/audit/verify", session: rita)
        _ = try await call("GET", "/api/v1/users", "/users", session: ada)
        _ = try await call("GET", "/api/v1/tokens", "/tokens", session: ada)
        let tokenID = try #require((token.json["token"] as? [String: Any])?["id"] as? Int)
        _ = try await call("DELETE", "/api/v1/tokens/\(tokenID)", "/tokens/{id}", session: ada)
        _ = try await call("DELETE", "/api/v1/session", "/session", session: rita)

        // The CRM sync: every route, its statuses and its errors.
        let vera = try await f.signIn("vera")
        let accounts = try await f.workspace.ledger.accounts("m1").filter { $0.active && $0.control == nil }
        let revenue = accounts.first { $0.type == .revenue && $0.vatCode == "V21" }!.code
        let relation = #"{"name": "Hotel De Zon", "kind": "customer", "contact": {"name": "Joke", "email": "j@zon.example", "phone": "020"}, "#
            + #""address": {"street": "Strandweg 1", "postalCode": "1234 AB", "city": "Zandvoort", "country": "NL"}, "vatNumber": "NL812345678B01", "#
            + #""chamberOfCommerce": "12345678", "iban": "NL91ABNA0417164300", "paymentTermDays": 14, "invoiceDelivery": "email"}"#
        let relationPath = "/administrations/{id}/relations/{number}", centrePath = "/administrations/{id}/cost-centres/{code}"
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D001", relationPath, body: relation, session: anna, key: "r1")
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D001", relationPath, body: relation, session: anna, key: "r1")
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D001", relationPath, body: relation, session: anna, key: "r2")
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D002", relationPath, body: relation, session: anna)
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D002", relationPath, body: relation, session: vera, key: "v")
        _ = try await call("PUT", "/api/v1/administrations/h1/relations/D002", relationPath, body: relation, session: anna, key: "h")
        _ = try await call("PUT", "/api/v1/administrations/zz/relations/D002", relationPath, body: relation, session: ada, key: "z")
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D001", relationPath, body: #"{"name": "X", "kind": "customer"}"#,
                           session: anna, key: "r1")
        _ = try await call("PUT", "/api/v1/administrations/m1/relations/D002", relationPath, body: #"{"name": "X", "kind": "customer", "iban": "NL00"}"#,
                           session: anna, key: "r3")
        _ = try await call("PUT", "/api/v1/administrations/m1/cost-centres/PZ", centrePath, body: #"{"description": "Project Zon"}"#, session: anna, key: "c1")
        _ = try await call("PUT", "/api/v1/administrations/m1/cost-centres/PZ", centrePath, body: #"{"description": "Zon", "active": false}"#,
                           session: anna, key: "c2")
        let invoice = #"{"kind": "sales", "number": "2026-101", "relation": "D001", "date": "2026-10-01", "description": "Factuur", "#
            + #""lines": [{"account": "\#(revenue)", "net": "1000.00", "vatCode": "V21", "description": "Kamers"}], "#
            + #""vat": [{"vatCode": "V21", "amount": "210.00"}], "totalVat": "210.00", "total": "1210.00"}"#
        _ = try await call("POST", "/api/v1/administrations/m1/invoices", "/administrations/{id}/invoices", body: invoice, session: anna, key: "i1")
        _ = try await call("POST", "/api/v1/administrations/m1/invoices", "/administrations/{id}/invoices", body: invoice, session: anna, key: "i2")
        _ = try await call("POST", "/api/v1/administrations/m1/invoices", "/administrations/{id}/invoices",
                           body: invoice.replacingOccurrences(of: "1000.00", with: "900.00"), session: anna, key: "i3")
        _ = try await call("POST", "/api/v1/administrations/m1/invoices", "/administrations/{id}/invoices", body: "{", session: anna, key: "i4")
        _ = try await call("GET", "/api/v1/administrations/m1/open-items?relation=D001&side=receivable", "/administrations/{id}/open-items", session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/open-items?side=x", "/administrations/{id}/open-items", session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/open-items?relation=NOPE", "/administrations/{id}/open-items", session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/changes?since=0", "/administrations/{id}/changes", session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/changes?since=0&limit=1", "/administrations/{id}/changes", session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/changes?since=x", "/administrations/{id}/changes", session: vera)
        _ = try await call("GET", "/api/v1/administrations/h1/changes", "/administrations/{id}/changes", session: anna)
        _ = try await call("GET", "/api/v1/administrations/m1/changes", "/administrations/{id}/changes")
        let statement = ":20:API\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C261101EUR0,00\n:61:2611021102C1210,00NTRFNONREF\n"
            + ":86:Betaling factuur 2026-101\n:61:2611021102D15,00NTRFNONREF\n:86:Kosten\n:62F:C261102EUR1195,00\n"
        let statementPath = "/administrations/{id}/bank-statements", linesPath = "/administrations/{id}/bank-lines"
        _ = try await call("POST", "/api/v1/administrations/m1/bank-statements?match=true&file=nov.sta", statementPath,
                           body: statement, session: anna)
        _ = try await call("POST", "/api/v1/administrations/m1/bank-statements?file=nov.sta", statementPath, body: statement, session: anna)
        _ = try await call("POST", "/api/v1/administrations/m1/bank-statements?file=x.sta", statementPath, body: "not a statement", session: anna)
        _ = try await call("POST", "/api/v1/administrations/m1/bank-statements", statementPath, body: statement, session: vera)
        _ = try await call("POST", "/api/v1/administrations/h1/bank-statements", statementPath, body: statement, session: anna)
        _ = try await call("GET", "/api/v1/administrations/m1/bank-lines", linesPath, session: vera)
        _ = try await call("GET", "/api/v1/administrations/m1/bank-lines?toProcess=true", linesPath, session: vera)
        _ = try await call("POST", "/api/v1/administrations/m1/bank-lines/match?dryRun=true", linesPath + "/match", session: vera)
        _ = try await call("POST", "/api/v1/administrations/m1/bank-lines/match", linesPath + "/match", session: vera)
        let matched = try await call("POST", "/api/v1/administrations/m1/bank-lines/match", linesPath + "/match", session: anna)
        #expect(matched.status == 200 && matched.json["toProcess"] as? Int == 1)
        let statuses = recorded.filter { ($0["path"] as? String)?.hasPrefix("/administrations/{id}/") == true
            && ["PUT", "POST"].contains($0["method"] as? String) }.compactMap { $0["status"] as? Int }
        #expect(Set(statuses) == [200, 201, 400, 403, 404, 409, 422], "\(statuses)")

        let file = f.directory + "/responses.json"
        try JSONSerialization.data(withJSONObject: recorded).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestLedger.projectRoot + "/.build/browser-venv/bin/python")
        process.arguments = [TestLedger.projectRoot + "/scripts/validate_openapi.py",
                             TestLedger.projectRoot + "/Sources/Server/Resources/openapi.yaml", file]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\(recorded.count - 2) responses checked"), "\(text)")  // two answers carry no body
    }
}
