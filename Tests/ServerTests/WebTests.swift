import Budgeting
import Ledger
import Core
import Foundation
import GitSource
import Testing
import TestSupport
import Workflow
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The web UI over loopback: sign-in by form, pages per role, forms refused without the CSRF field, and a
/// proposal approved and distributed from its page.
@Suite struct WebTests {
    func form(_ f: ServerFixture, _ path: String, _ fields: String, session: ServerFixture.Session? = nil) async throws
        -> ServerFixture.Reply
    {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(fields.utf8)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        if let session { request.setValue(session.cookie, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await f.noRedirects.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return ServerFixture.Reply(status: http.statusCode, body: data, headers: headers)
    }

    func text(_ r: ServerFixture.Reply) -> String { String(decoding: r.body, as: UTF8.self) }

    /// Every web route × every role: a page without a session sends to the login page, a form without one is 401,
    /// below the role 403, and otherwise the route answers (404 for the unknown proposal 999).
    @Test(arguments: [
        ("GET", "/monitor", "viewer"), ("GET", "/monitor/bank.unprocessed-lines", "viewer"), ("GET", "/clusters", "viewer"),
        ("GET", "/clusters/mkb", "viewer"), ("GET", "/proposals", "viewer"), ("GET", "/proposals/999", "viewer"),
        ("GET", "/administrations/m1", "viewer"), ("GET", "/administrations/m1/reports/cash-flow?period=2026", "viewer"),
        ("GET", "/audit", "reviewer"), ("POST", "/proposals/999/review", "reviewer"),
        ("POST", "/proposals/999/decisions", "reviewer"), ("POST", "/proposals/999/distribute", "reviewer"),
    ])
    func everyWebRouteChecksTheRole(method: String, path: String, needs: String) async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let order = ["viewer": 0, "accountant": 1, "reviewer": 2, "admin": 3]
        func send(_ session: ServerFixture.Session?) async throws -> ServerFixture.Reply {
            if method == "POST" {
                return try await form(f, path, "_csrf=\(session?.csrf ?? "")&approve=true&comment=x&administration=m1&item=accounts:1",
                                      session: session)
            }
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)\(path)")!)
            if let session { request.setValue(session.cookie, forHTTPHeaderField: "Cookie") }
            let (data, response) = try await f.noRedirects.data(for: request)
            return ServerFixture.Reply(status: (response as! HTTPURLResponse).statusCode, body: data, headers: [:])
        }
        #expect(try await send(nil).status == (method == "GET" ? 303 : 401), "\(path) without a session")
        for (user, role) in [("vera", "viewer"), ("anna", "accountant"), ("rita", "reviewer"), ("ada", "admin")] {
            let reply = try await send(try await f.signIn(user))
            if order[role]! < order[needs]! {
                #expect(reply.status == 403, "\(user) on \(method) \(path): \(reply.status)")
            } else {
                #expect(reply.status == (path.contains("999") ? 404 : 200), "\(user) on \(method) \(path): \(reply.status)")
            }
        }
    }

    @Test func theGroupPageShowsTheConsolidationToThoseWhoSeeEveryEntity() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let group = "name: mh\ntitle: M and H\ncurrency: EUR\nparent: m1\nmembers:\n  - administration: h1\n    ownership: 80\n"
            + "    investment: \"04701\"\n    acquired: 2026-01-01\n"
        let commit = try f.workspace.templates.commit([.write(path: "groups/mh.yaml", contents: Array(group.utf8))],
                                                      message: "Group\n", author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_100))
        try await f.workspace.store.write { tx in try tx.applyGroup("mh", revision: commit.hex, proposal: nil, at: "t") }
        _ = try await f.workspace.ledger.post(EntryDraft(journal: "MEM", date: try LocalDate(year: 2026, month: 1, day: 1),
                                                         description: "Investment in H1", lines: [
                                                             EntryLineDraft(account: "04701", amount: 50_000),
                                                             EntryLineDraft(account: "05011", amount: -50_000)]), to: "m1")
        func get(_ path: String, _ user: String) async throws -> ServerFixture.Reply {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)\(path)")!)
            request.setValue(try await f.signIn(user).cookie, forHTTPHeaderField: "Cookie")
            let (data, response) = try await f.noRedirects.data(for: request)
            return ServerFixture.Reply(status: (response as! HTTPURLResponse).statusCode, body: data, headers: [:])
        }
        let list = try await get("/groups", "vera")
        #expect(list.status == 200 && text(list).contains("/groups/mh"))
        let page = try await get("/groups/mh?period=2026", "rita")
        #expect(page.status == 200)
        for expected in ["M and H", "Balans", "Eliminations", "Investment in H1 (80%)", "goodwill", "Every intercompany pair matches"] {
            #expect(text(page).contains(expected), "\(expected) missing")
        }
        // An accountant who does not see every entity of the group does not see its consolidation.
        let anna = try await get("/groups/mh?period=2026", "anna")
        #expect(anna.status == 403 && text(anna).contains("h1"))
    }

    @Test func budgetPagesShowVersionsAmountsAndBudgetAgainstActual() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let service = BudgetService(workspace: f.workspace)
        try await service.create("m1", version: "2026 v1", year: 2026, seed: .empty, at: "t")
        let revenue = try await f.workspace.ledger.accounts("m1").first { $0.type == .revenue && $0.rgsCode?.hasPrefix("WOmz") == true }!.code
        _ = try await service.apply(BudgetPlan(version: "2026 v1", year: 2026, rows: [
            try BudgetPlan.Row(target: .account(revenue), formula: "120000", place: "test")]), to: "m1")
        func get(_ path: String) async throws -> String {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)\(path)")!)
            request.setValue(try await f.signIn("rita").cookie, forHTTPHeaderField: "Cookie")
            let (data, response) = try await f.noRedirects.data(for: request)
            #expect((response as! HTTPURLResponse).statusCode == 200, "\(path)")
            return String(decoding: data, as: UTF8.self)
        }
        let page = try await get("/administrations/m1/budgets")
        #expect(page.contains("2026 v1") && page.contains("10,000.00") && page.contains("120,000.00"))
        let report = try await get("/administrations/m1/reports/profit-and-loss?period=2026&budget=1")
        #expect(report.contains("actual − budget") && report.contains("difference %") && report.contains("120,000.00"))
    }

    @Test func anAuditFileIsUploadedDryRunThenImported() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let accounts = try await f.workspace.ledger.accounts("m1")
        let bank = accounts.first { $0.control == .bank }!.code, revenue = accounts.first { $0.type == .revenue && $0.active }!.code
        let xaf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <auditfile xmlns="http://www.auditfiles.nl/XAF/3.2"><header><fiscalYear>2026</fiscalYear><startDate>2026-01-01</startDate>
            <endDate>2026-12-31</endDate><curCode>EUR</curCode><dateCreated>2026-11-01</dateCreated></header><company>
            <companyName>Upload BV</companyName><taxRegistrationCountry>NL</taxRegistrationCountry><taxRegIdent/><generalLedger>
            <ledgerAccount><accID>\(bank)</accID><accDesc>Bank</accDesc><accTp>B</accTp></ledgerAccount>
            <ledgerAccount><accID>\(revenue)</accID><accDesc>Omzet</accDesc><accTp>P</accTp></ledgerAccount></generalLedger>
            <transactions><linesCount>2</linesCount><totalDebit>5.00</totalDebit><totalCredit>5.00</totalCredit>
            <journal><jrnID>M</jrnID><desc>Memoriaal</desc><jrnTp>M</jrnTp><transaction><nr>7</nr><desc>Upload</desc>
            <periodNumber>3</periodNumber><trDt>2026-03-03</trDt>
            <trLine><nr>1</nr><accID>\(bank)</accID><docRef/><effDate>2026-03-03</effDate><amnt>5.00</amnt><amntTp>D</amntTp></trLine>
            <trLine><nr>2</nr><accID>\(revenue)</accID><docRef/><effDate>2026-03-03</effDate><amnt>5.00</amnt><amntTp>C</amntTp></trLine>
            </transaction></journal></transactions></company></auditfile>
            """
        let anna = try await f.signIn("anna")
        func upload(dry: Bool) async throws -> (Int, String) {
            let boundary = "----ledgerops\(UUID().uuidString)"
            var body = ""
            for (name, value) in [("_csrf", anna.csrf), ("format", "xaf")] + (dry ? [("dry", "on")] : []) {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.xaf\"\r\n"
                + "Content-Type: application/xml\r\n\r\n\(xaf)\r\n--\(boundary)--\r\n"
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)/administrations/m1/import")!)
            request.httpMethod = "POST"
            request.setValue(anna.cookie, forHTTPHeaderField: "Cookie")
            request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
            let (data, response) = try await f.noRedirects.data(for: request)
            return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
        }
        let before = try await f.workspace.store.tableCounts()["entry"]
        let dry = try await upload(dry: true)
        #expect(dry.0 == 200 && dry.1.contains("dry run: nothing written") && dry.1.contains("1 transactions"))
        #expect(try await f.workspace.store.tableCounts()["entry"] == before)
        let real = try await upload(dry: false)
        #expect(real.0 == 200 && real.1.contains("1 entries posted"), "\(real.1)")
        #expect(try await f.workspace.store.tableCounts()["entry"] == (before ?? 0) + 1)
    }

    @Test func pagesNeedASessionAndShowWhatTheRoleMaySee() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let wrong = try await form(f, "/login", "user=rita&password=nope&next=/monitor")
        #expect(wrong.status == 401 && text(wrong).contains("wrong"))
        let signedIn = try await form(f, "/login", "user=rita&password=\(ServerFixture.password.replacingOccurrences(of: " ", with: "+"))&next=/proposals")
        #expect(signedIn.status == 303 && signedIn.headers["location"] == "/proposals")
        let rita = try await f.signIn("rita")
        for path in ["/monitor", "/monitor/bank.unprocessed-lines", "/clusters", "/clusters/mkb", "/proposals", "/audit",
                     "/administrations/m1", "/administrations/m1/reports/profit-and-loss?period=2026",
                     "/administrations/m1/reports/vat-return?period=2026-Q3"] {
            let page = try await f.request("GET", path, session: rita)
            #expect(page.status == 200 && text(page).contains("<main>") && text(page).contains("rita (reviewer)"), "\(path): \(page.status)")
        }
        #expect(text(try await f.request("GET", "/administrations/m1", session: rita)).contains("<svg"))
        // An accountant: their own administrations only, no bureau scope, no audit log.
        let anna = try await f.signIn("anna")
        #expect(try await f.request("GET", "/administrations/h1", session: anna).status == 403)
        #expect(try await f.request("GET", "/audit", session: anna).status == 403)
        let clusters = text(try await f.request("GET", "/clusters", session: anna))
        #expect(clusters.contains("mkb") && !clusters.contains("horeca"))
        // Without a session every page sends to the login page.
        let (_, anonymous) = try await f.noRedirects.data(from: URL(string: "http://127.0.0.1:\(f.port)/monitor")!)
        let redirect = anonymous as! HTTPURLResponse
        #expect(redirect.statusCode == 303 && (redirect.allHeaderFields["Location"] as? String) == "/login?next=/monitor")
    }

    @Test func aReviewerApprovesAndDistributesFromTheProposalPage() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let old = String(decoding: try f.workspace.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        try f.workspace.templates.commit([.write(path: "templates/mkb/accounts.csv",
                                                 contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                         message: "New account\n",
                                         author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_000))
        let p = try #require(try await ProposalService(workspace: f.workspace).propose(by: "ada", at: "t1"))
        let rita = try await f.signIn("rita")
        let page = text(try await f.request("GET", "/proposals/\(p.id)", session: rita))
        #expect(page.contains("2 administration(s): m1, m2") && page.contains("accounts:46999") && page.contains("Approve"))
        // A form without the CSRF field is refused; with it, the review is made.
        #expect(try await form(f, "/proposals/\(p.id)/review", "approve=true&comment=fine", session: rita).status == 403)
        let approved = try await form(f, "/proposals/\(p.id)/review", "_csrf=\(rita.csrf)&approve=true&comment=fine", session: rita)
        #expect(approved.status == 303)
        #expect(try await ProposalService(workspace: f.workspace).proposal(p.id).state == .approved)
        // A viewer sees the page but neither form; the reviewer who approved starts the distribution.
        let vera = try await f.signIn("vera")
        let viewed = text(try await f.request("GET", "/proposals/\(p.id)", session: vera))
        #expect(!viewed.contains(">Distribute<") && !viewed.contains(">Approve<"))
        #expect(try await form(f, "/proposals/\(p.id)/distribute", "_csrf=\(vera.csrf)", session: vera).status == 403)
        #expect(text(try await f.request("GET", "/proposals/\(p.id)", session: rita)).contains(">Distribute<"))
        #expect(try await form(f, "/proposals/\(p.id)/distribute", "_csrf=\(rita.csrf)", session: rita).status == 303)
        let done = text(try await f.request("GET", "/proposals/\(p.id)", session: rita))
        #expect(done.contains("Distribution: done — 2 applied"))
    }

    @Test func theProposalPageShowsChangedReportLinesAndClusterPolicyRowByRow() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let repo = f.workspace.templates
        func edited(_ path: String, _ old: String, _ new: String) throws -> GitFileChange {
            let text = String(decoding: try repo.read(path, at: "main") ?? [], as: UTF8.self)
            return .write(path: path, contents: Array(text.replacingOccurrences(of: old, with: new).utf8))
        }
        try repo.commit([try edited("templates/base/reports/profit-and-loss.yaml", "label: Netto-omzet", "label: Omzet <netto>"),
                         try edited("clusters/mkb.yaml", "maxFailures: 2", "maxFailures: 0")],
                        message: "Labels and rollout\n", author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_000))
        let p = try #require(try await ProposalService(workspace: f.workspace).propose(by: "ada", at: "t1"))
        #expect(p.policyChanges.map(\.text) == ["maxFailures: 2 → 0 — any failure pauses the distribution"])
        let id = p.id
        let page = text(try await f.request("GET", "/proposals/\(id)", session: try await f.signIn("rita")))
        #expect(page.contains("<h2>Beleid van cluster mkb</h2>") && !page.contains("Beleid van cluster horeca"))
        #expect(page.contains("<th>oud</th><th>nieuw</th>"))
        #expect(page.contains(#"<td>maxFailures</td><td class="old">2</td><td class="new">0</td>"#
            + #"<td class="muted">any failure pauses the distribution</td>"#))
        // The changed line by its changed part, one row, escaped as any text on the page.
        #expect(page.contains(#"<td>line revenue: label</td><td class="old">&quot;Netto-omzet&quot;</td>"#
            + #"<td class="new">&quot;Omzet &lt;netto&gt;&quot;</td>"#))
        #expect(!page.contains("<netto>") && !page.contains("WOmz"))
    }
}
