import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Interchange
import Ledger
import Testing
import TestSupport

/// The Norwegian tax authority's SAF-T example: its opening balance does not balance, and that is never accepted
/// silently.
@Suite struct SAFTImportTests {
    static let sample = TestLedger.projectRoot + "/../shared/data/saft-no/ExampleFile_SAF-T_Financial_999999999_20161125213512.xml"

    /// Per account, opening balance plus lines (cents, debit positive), read with a DOM parser.
    static func independentReading() throws -> (totals: [String: Int64], transactions: Int, customers: Int, suppliers: Int) {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: sample), options: [])
        var totals: [String: Int64] = [:]
        var transactions = 0, customers = 0, suppliers = 0
        func child(_ n: XMLNode, _ name: String) -> XMLNode? { n.children?.first { $0.localName == name } }
        func cents(_ n: XMLNode?) -> Int64 {
            guard let text = n?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), let d = Decimal(string: text) else { return 0 }
            return NSDecimalNumber(decimal: d * 100).int64Value
        }
        func walk(_ n: XMLNode, parent: String) {
            switch n.localName {
            case "Account" where parent == "GeneralLedgerAccounts":
                let id = child(n, "AccountID")!.stringValue!
                totals[id, default: 0] += cents(child(n, "OpeningDebitBalance")) - cents(child(n, "OpeningCreditBalance"))
            case "Customer": customers += 1
            case "Supplier": suppliers += 1
            case "Transaction": transactions += 1
            case "Line":
                let id = child(n, "AccountID")!.stringValue!
                totals[id, default: 0] += cents(child(n, "DebitAmount").flatMap { child($0, "Amount") })
                    - cents(child(n, "CreditAmount").flatMap { child($0, "Amount") })
            default: break
            }
            for c in n.children ?? [] { walk(c, parent: n.localName ?? "") }
        }
        walk(document.rootElement()!, parent: "")
        return (totals, transactions, customers, suppliers)
    }

    @Test func theExampleIsRefusedForItsOpeningBalanceThenImportedWithTheDifferenceOnSuspense() async throws {
        guard FileManager.default.fileExists(atPath: Self.sample) else {
            print("skipped: ../shared/data/saft-no/ExampleFile_SAF-T_Financial_999999999_20161125213512.xml is missing")
            return
        }
        let t = try await TestLedger(year: 2015)
        defer { t.remove() }
        _ = try await t.ledger.createAdministration(Administration(id: "no", name: "Selskapet AS", currency: try CurrencyCode("NOK")),
                                                    chart: t.chart, openYear: 2015)
        let before = try await t.counts()
        do {
            _ = try await SAFTImporter(ledger: t.ledger).importFile(Self.sample, into: "no")
            Issue.record("an opening balance that does not balance was accepted")
        } catch let e as InterchangeError {
            #expect(e.message.contains("the opening balances do not balance: debit 1,234.56, credit 2,469.12, difference -1,234.56 NOK"), "\(e)")
            #expect(e.line > 0 && e.file.hasPrefix("ExampleFile_SAF-T"))
        }
        #expect(try await t.counts() == before)

        // A dry run does everything and writes nothing.
        let rehearsal = try await SAFTImporter(ledger: t.ledger, options: .init(suspenseForDifference: true, dryRun: true))
            .importFile(Self.sample, into: "no")
        #expect(rehearsal.imported?.entries == 3)
        #expect(try await t.counts() == before)
        let s = try await SAFTImporter(ledger: t.ledger, options: .init(suspenseForDifference: true)).importFile(Self.sample, into: "no")
        let file = try Self.independentReading()
        #expect(s.accounts == 4 && s.customers == file.customers && s.suppliers == file.suppliers && s.transactions == file.transactions)
        #expect(s.warnings.contains { $0.contains("difference -1,234.56 NOK; the difference went to suspense account \(t.code(.suspense))") })
        #expect(s.warnings.contains { $0.contains("account 2400") && $0.contains("booked on 20000") })
        #expect(s.imported?.entries == file.transactions + 1 && s.imported?.createdRelations.count == file.customers + file.suppliers)
        var expected: [String: Int64] = [t.code(.suspense): 1_234_56]
        for (account, total) in file.totals {
            expected[try #require(s.mapping[account], "\(account) maps nowhere"), default: 0] += total
        }
        let tb = try await t.ledger.trialBalance("no", from: day("2015-01-01"), to: day("2015-12-31"))
        var ours: [String: Int64] = [:]
        for row in tb.rows where row.closing != 0 { ours[row.account] = row.closing }
        #expect(ours == expected.filter { $0.value != 0 })
    }

    @Test(arguments: [
        ("urn:StandardAuditFile-Taxation-Financial:NO", "urn:StandardAuditFile-Taxation-Financial:SE", "is not SAF-T Financial NO"),
        ("<n1:Amount>10000</n1:Amount>", "<n1:Amount>10000,00</n1:Amount>", "has a comma"),
        ("<n1:TransactionDate>2015-10-31</n1:TransactionDate>", "<n1:TransactionDate>2016-01-31</n1:TransactionDate>", "lies outside the selection"),
        ("<n1:AccountID>4000</n1:AccountID>\r\n\t\t\t\t<n1:AccountDescription>", "<n1:AccountID>1925</n1:AccountID>\r\n\t\t\t\t<n1:AccountDescription>", "appears twice"),
        ("<n1:OpeningCreditBalance>1234.56</n1:OpeningCreditBalance>\r\n\t\t\t\t<n1:ClosingCreditBalance>12345.67</n1:ClosingCreditBalance>\r\n\t\t\t\t<n1:PartyInfo>",
         "<n1:OpeningCreditBalance>1000.00</n1:OpeningCreditBalance>\r\n\t\t\t\t<n1:ClosingCreditBalance>12345.67</n1:ClosingCreditBalance>\r\n\t\t\t\t<n1:PartyInfo>",
         "a control account opens per relation"),
        ("</n1:AuditFile>", "", "not a complete, well-formed XML file"),
        ("<n1:Amount>12500</n1:Amount>\r\n\t\t\t\t\t</n1:CreditAmount>", "<n1:Amount>12400</n1:Amount>\r\n\t\t\t\t\t</n1:CreditAmount>", "does not balance"),
        ("<n1:AccountID>1925</n1:AccountID>\r\n\t\t\t\t\t<n1:Analysis>", "<n1:AccountID>9999</n1:AccountID>\r\n\t\t\t\t\t<n1:Analysis>", "account 9999 maps onto no account"),
        ("Leverandøren AS", "Leverand\u{FFFD}ren AS", "not a complete, well-formed XML file"),
    ])
    func brokenFilesAreRefusedWithTheirLine(_ find: String, _ replace: String, _ message: String) async throws {
        guard var text = try? String(contentsOfFile: Self.sample, encoding: .utf8) else {
            print("skipped: ../shared/data/saft-no/ExampleFile_SAF-T_Financial_999999999_20161125213512.xml is missing")
            return
        }
        guard let range = text.range(of: find) else { Issue.record("the sample has no \(find)"); return }
        text.replaceSubrange(range, with: replace)
        let t = try await TestLedger(year: 2015)
        defer { t.remove() }
        _ = try await t.ledger.createAdministration(Administration(id: "no", name: "N", currency: try CurrencyCode("NOK")),
                                                    chart: t.chart, openYear: 2015)
        let path = t.directory + "/broken.xml"
        if replace.contains("\u{FFFD}") {
            // Bytes that are not the UTF-8 the declaration promises: a Latin-1 ø.
            var bytes = Array(text.utf8)
            let marker = Array("\u{FFFD}".utf8)
            let at = (0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker }!
            bytes.replaceSubrange(at..<(at + marker.count), with: [0xF8])
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let before = try await t.counts()
        await #expect {
            try await SAFTImporter(ledger: t.ledger, options: .init(suspenseForDifference: true)).importFile(path, into: "no")
        } throws: { error in
            guard let e = error as? InterchangeError else { return false }
            return e.message.contains(message) && e.line > 0
        }
        #expect(try await t.counts() == before)
    }
}

/// SAF-T 1.30 names an account's group with a grouping category and code instead of a standard account: the same
/// example rewritten that way imports to the same books.
@Suite struct SAFT130Tests {
    @Test func aVersion130FileMapsByItsGroupingCodes() async throws {
        guard var text = try? String(contentsOfFile: SAFTImportTests.sample, encoding: .utf8) else {
            print("skipped: ../shared/data/saft-no/ExampleFile_SAF-T_Financial_999999999_20161125213512.xml is missing")
            return
        }
        text = text.replacingOccurrences(of: "<n1:AuditFileVersion>1.0</n1:AuditFileVersion>", with: "<n1:AuditFileVersion>1.30</n1:AuditFileVersion>")
        for (standard, grouping) in [("19", "1920"), ("24", "2400"), ("27", "2740"), ("43", "4300")] {
            text = text.replacingOccurrences(of: "<n1:StandardAccountID>\(standard)</n1:StandardAccountID>",
                                             with: "<n1:GroupingCategory>RF-1167</n1:GroupingCategory><n1:GroupingCode>\(grouping)</n1:GroupingCode>")
        }
        #expect(!text.contains("StandardAccountID"))
        let t = try await TestLedger(year: 2015)
        defer { t.remove() }
        _ = try await t.ledger.createAdministration(Administration(id: "no", name: "N", currency: try CurrencyCode("NOK")),
                                                    chart: t.chart, openYear: 2015)
        let v110 = t.directory + "/v110.xml", v130 = t.directory + "/v130.xml"
        try String(contentsOfFile: SAFTImportTests.sample, encoding: .utf8).write(toFile: v110, atomically: true, encoding: .utf8)
        try text.write(toFile: v130, atomically: true, encoding: .utf8)
        let importer = SAFTImporter(ledger: t.ledger, options: .init(suspenseForDifference: true, dryRun: true))
        let old = try await importer.importFile(v110, into: "no"), new = try await importer.importFile(v130, into: "no")
        #expect(new.version == "1.30" && old.version == "1.0")
        #expect(new.mapping == old.mapping && new.imported?.entries == old.imported?.entries && new.unmapped.isEmpty)
    }
}
