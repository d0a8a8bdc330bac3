import Foundation
import Testing

/// End-to-end: the binary, a real workspace on disk, the commands a bookkeeper types.
@Suite struct CLISessionTests {
    static let invoice = #"""
        {"journal": "VK", "date": "2026-03-10", "description": "Factuur 2026-001", "source": "cli", "reference": "F2026-001",
         "lines": [
           {"account": "13011", "debit": "1210.00", "relation": "D001", "invoice": "2026-001"},
           {"account": "80501", "credit": "1000.00", "vatCode": "V21", "vatAmount": "210.00"},
           {"account": "16201", "credit": "210.00"}]}
        """#

    @Test func aBookkeepersSession() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        let created = try cli.ok(["admin", "create", "acme", "--name", "Acme B.V.", "--year", "2026"])
        #expect(created.contains("Created administration acme (Acme B.V.)"))
        try cli.ok(["relation", "add", "acme", "D001", "--name", "Bakkerij Jansen", "--kind", "customer", "--terms", "14"])
        let file = try cli.write("invoice.json", Self.invoice)
        let posted = try cli.ok(["post", "acme", "--file", file])
        #expect(posted.contains("Posted entry 1 in acme: 2026-03-10 VK \"Factuur 2026-001\" 1,210.00 EUR, 3 lines"))
        let again = try cli.ok(["post", "acme", "--file", file])
        #expect(again.contains("Already posted entry 1"))
        let payment = #"{"journal": "BNK", "date": "2026-04-02", "description": "Ontvangst", "lines": ["#
            + #"{"account": "10201", "debit": "500.00"}, {"account": "13011", "credit": "500.00", "relation": "D001", "invoice": "2026-001"}]}"#
        try cli.ok(["post", "acme"], stdin: payment)

        let csv = try cli.ok(["report", "trial-balance", "acme", "--from", "2026-01", "--to", "2026-12", "--format", "csv"])
        #expect(csv.contains("13011,Debiteuren,asset,0.00,1210.00,500.00,710.00"))
        #expect(csv.contains("80501,Omzet diensten hoog tarief,revenue,0.00,0.00,1000.00,-1000.00"))
        let json = try cli.ok(["report", "trial-balance", "acme", "--format", "json"])
        let tb = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect((tb["rows"] as! [[String: Any]]).count == 4)
        let table = try cli.ok(["report", "trial-balance", "acme"])
        #expect(table.contains("Total"))

        let ledger = try cli.ok(["ledger", "acme", "13011"])
        #expect(ledger.contains("710.00"))
        let items = try cli.ok(["open-items", "acme", "--items"])
        #expect(items.contains("D001") && items.contains("710.00") && items.contains("2026-001"))

        let closed = try cli.ok(["close-year", "acme", "2026"])
        #expect(closed.contains("Closed 2026 in acme: profit 1,000.00 EUR to equity"))
        let show = try cli.ok(["admin", "show", "acme", "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(show.utf8)) as! [String: Any]
        #expect(summary["entries"] as? Int == 4)
        let opening = try cli.ok(["report", "trial-balance", "acme", "--from", "2027-01-01", "--to", "2027-12-31", "--format", "csv"])
        #expect(opening.contains("13011,Debiteuren,asset,710.00,0.00,0.00,710.00"))
    }

    @Test func aBadEntryFailsNamingTheFieldAndWritesNothing() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["admin", "create", "acme", "--name", "Acme", "--year", "2026"])
        let cases: [(String, String)] = [
            (#"{"journal": "MEM", "date": "2026-03-01", "description": "x", "lines": [{"account": "10201", "debit": 1.5}, {"account": "40110", "credit": "1.50"}]}"#,
             "error: lines[0].debit: write 'debit' as a decimal string"),
            (#"{"journal": "MEM", "date": "2026-03-01", "description": "x", "lines": [{"account": "10201", "debit": "1.50"}, {"account": "40110", "credit": "1.40"}]}"#,
             "error: lines: the entry does not balance: debits 1.50, credits 1.40, difference 0.10 EUR"),
            (#"{"journal": "MEM", "date": "2026-03-01", "description": "x", "lines": [{"account": "13011", "debit": "1.50"}, {"account": "40110", "credit": "1.50"}]}"#,
             "error: lines[0].relation: account 13011 Debiteuren is the receivables control account; name the customer"),
            ("{", "error: the entry is not valid JSON"),
        ]
        for (json, message) in cases {
            let r = try cli.run(["post", "acme"], stdin: json)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let show = try cli.ok(["admin", "show", "acme", "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(show.utf8)) as! [String: Any]
        #expect(summary["entries"] as? Int == 0 && summary["lines"] as? Int == 0)
    }

    @Test func workspaceFromTheEnvironmentAndAMissingWorkspace() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let missing = try cli.run(["admin", "list"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no workspace here; create one with `ledgerops init"))
        try cli.ok(["init", "--templates", CLI.projectRoot])
        let viaEnv = try cli.run(["admin", "list"], workspaceOption: false, environment: ["LEDGEROPS_WORKSPACE": cli.workspace])
        #expect(viaEnv.status == 0 && viaEnv.stdout.contains("0 administrations"))
    }

    @Test func theMainJobCreatesADemoWorkspaceAndReports() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let out = try cli.ok(["run", "--administrations", "3", "--seed", "5"])
        // Three in the clusters, and the demo group's holding with eleven subsidiaries in EUR, NOK and USD.
        #expect(out.contains("15 administrations (horeca 1, landbouw 1, mkb 1, no cluster 12)"))
        #expect(out.contains("Group demo-group: 12 entities, consolidated 2026-01-01 – 2026-11-30"))
        #expect(out.contains("Trial balance horeca-0001 2026-01-01 – 2026-11-22 (EUR)"))
        #expect(out.contains("Receivables (debiteuren)"))
        // The demo's bank lines pay open invoices; matching posts them, and once done there is nothing more to post.
        let bank = try #require(out.split(separator: "\n").first { $0.hasPrefix("Bank: ") })
        #expect(bank.contains("lines to process in 3 administrations; matching would settle"))
        let matched = try cli.ok(["bank", "match", "horeca-0001", "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(matched.utf8)) as! [String: Any]
        #expect((report["posted"] as! Int) > 0)
        let left = try JSONSerialization.jsonObject(with: Data(try cli.ok(["bank", "list", "horeca-0001", "--to-process", "--json"]).utf8)) as! [Any]
        #expect(left.count == (report["outcomes"] as! [Any]).count - (report["posted"] as! Int))
        let again = try JSONSerialization.jsonObject(with: Data(try cli.ok(["bank", "match", "horeca-0001", "--json"]).utf8)) as! [String: Any]
        #expect(again["posted"] as? Int == 0)
        // The group, consolidated from the command line in each format.
        let json = try cli.ok(["consolidate", "demo-group", "--period", "2026-Q3", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect((document["columns"] as! [String]).count == 15 && (document["statements"] as! [Any]).count == 3)
        #expect(try cli.ok(["consolidate", "demo-group", "--period", "2026-Q3", "--format", "html"]).contains("<h2>Eliminations</h2>"))
        #expect(try cli.ok(["consolidate", "demo-group", "--period", "2026-Q3"]).contains("Investment in Demo 001 (100%)"))
        try cli.ok(["rate", "set", "EUR/NOK", "2026-09", "--closing", "12.50"])
        #expect(try cli.ok(["rate", "list"]).contains("EUR/NOK  2026-09     12.5"))
        let refused = try cli.run(["rate", "set", "EURNOK", "2026-09", "--closing", "12.5"])
        #expect(refused.status != 0 && refused.stderr.contains("pair 'EURNOK'"))
        // A second run reuses the workspace.
        let second = try cli.ok(["run"])
        #expect(!second.contains("Creating workspace"))
        let list = try cli.ok(["admin", "list", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [Any]).count == 15)
    }
}

@Suite struct CLIJournalTests {
    @Test func exportAndImportAJournal() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["demo", "--administrations", "1", "--seed", "4", "--year", "2026", "--initialize"])
        let file = cli.directory + "/mkb.journal"
        try cli.ok(["export", "hledger", "mkb-0001", "-o", file])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("account 13011 Debiteuren  ; type: A"))
        #expect(text.contains("account 10201 Bankrekening  ; type: C"))
        #expect(text.contains(" USD @@ ") && text.contains("; journal:BEG, kind:opening"))
        try cli.ok(["admin", "create", "copy", "--name", "Copy", "--year", "2026"])
        let refused = try cli.run(["import", "journal", "copy", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("mkb.journal:") && refused.stderr.contains("import with --create-relations"))
        let imported = try cli.ok(["import", "journal", "copy", file, "--create-relations", "--create-cost-centres"])
        #expect(imported.contains("Imported ") && imported.contains("relations created"))
        let again = try cli.ok(["import", "journal", "copy", file, "--create-relations", "--create-cost-centres"])
        #expect(again.contains("Imported 0 entries (0 lines) into copy") && again.contains("already imported"))
        let original = try cli.ok(["report", "trial-balance", "mkb-0001", "--format", "csv"])
        let copy = try cli.ok(["report", "trial-balance", "copy", "--format", "csv"])
        #expect(original == copy)
        let household = CLI.projectRoot + "/Tests/InterchangeTests/Corpus/household.journal"
        try cli.ok(["admin", "create", "home", "--name", "Home", "--year", "2026"])
        let created = try cli.ok(["import", "journal", "home", household, "--create-accounts"])
        #expect(created.contains("Imported 7 entries") && created.contains("accounts created"))
    }
}
