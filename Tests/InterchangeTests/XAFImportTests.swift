import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Interchange
import Ledger
import Testing
import TestSupport
import Workspace

/// The real XAF samples of `../shared/data/xaf`, imported and checked against an independent reading of the file.
@Suite struct XAFImportTests {
    static let data = TestLedger.projectRoot + "/../shared/data/xaf/"

    /// Per account of the file, the sum of its lines (debit positive, cents), and the number of transactions, read
    /// with a DOM parser: nothing of the importer's reader is used.
    static func independentReading(_ path: String) throws
        -> (totals: [String: Int64], transactions: Int, postable: Int, relations: Int, accounts: Int)
    {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        var totals: [String: Int64] = [:]
        func children(_ node: XMLNode, _ name: String) -> [XMLNode] { node.children?.filter { $0.localName == name } ?? [] }
        func text(_ node: XMLNode, _ name: String) -> String? { children(node, name).first?.stringValue }
        var transactions = 0, postable = 0
        func walk(_ node: XMLNode) {
            if node.localName == "transaction" { transactions += 1 }
            // An entry is made of each transaction, and of the opening balance, with two or more lines that move money.
            if node.localName == "transaction" || node.localName == "openingBalance" {
                let moving = (node.children ?? []).filter { ($0.localName == "trLine" || $0.localName == "obLine")
                    && (text($0, "amnt").flatMap { Decimal(string: $0) } ?? 0) != 0 }
                if moving.count >= 2 { postable += 1 }
            }
            if node.localName == "trLine" || node.localName == "obLine", let account = text(node, "accID"),
               let amount = text(node, "amnt").flatMap({ Decimal(string: $0) }) {
                let cents = NSDecimalNumber(decimal: amount * 100).int64Value
                totals[account, default: 0] += text(node, "amntTp") == "D" ? cents : -cents
            }
            for child in node.children ?? [] { walk(child) }
        }
        walk(document.rootElement()!)
        let xml = try String(contentsOfFile: path, encoding: path.hasSuffix("Multivers.xaf") ? .isoLatin1 : .utf8)
        return (totals, transactions, postable, xml.components(separatedBy: "<customerSupplier>").count - 1,
                xml.components(separatedBy: "<ledgerAccount>").count - 1)
    }

    @Test(arguments: [("ExactOnline.xaf", 2016, 97, 29, 57), ("Multivers.xaf", 2017, 165, 31, 69)])
    func aRealAuditFileImportsAndItsTrialBalanceIsTheFiles(_ name: String, _ year: Int, _ accounts: Int, _ relations: Int,
                                                         _ transactions: Int) async throws {
        let path = Self.data + name
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing (../shared/data/xaf/\(name))")
            return
        }
        let t = try await TestLedger(year: year)
        defer { t.remove() }
        // Accounts the chart has no RGS relative for are mapped by hand, as a user completes the drafted mapping:
        // balance-sheet ones onto the suspense account, P&L ones onto general costs.
        let dry = try await XAFImporter(ledger: t.ledger).dryRun(path, into: TestLedger.admin)
        #expect(dry.accounts == accounts && dry.relations == relations && dry.transactions == transactions)
        let file = try Self.independentReading(path)
        #expect(file.accounts == accounts && file.relations == relations && file.transactions == transactions)
        let suspense = t.code(.suspense), costs = t.expense
        var mapping: [String: String] = [:]
        for account in dry.unmapped { mapping[account] = dry.types[account] == "P" ? costs : suspense }
        let summary = try await XAFImporter(ledger: t.ledger, options: .init(mapping: mapping)).importFile(path, into: TestLedger.admin)
        #expect(summary.imported?.createdRelations.count == relations)
        #expect(summary.imported?.entries == file.postable)

        // The imported year's balances against the file's, account by account through the mapping used.
        let calendar = try FiscalCalendar(startMonth: 1)
        var expected: [String: Int64] = [:]
        for (account, total) in file.totals {
            let target = try #require(mapping[account] ?? summary.mapping[account], "\(account) maps nowhere")
            expected[target, default: 0] += total
        }
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: calendar.startOfYear(year), to: calendar.endOfYear(year))
        var ours: [String: Int64] = [:]
        for row in tb.rows where row.closing != 0 { ours[row.account] = row.closing }
        #expect(ours == expected.filter { $0.value != 0 })

        // VAT on base lines lands on the administration's VAT codes where rate, direction and amount agree.
        #expect(summary.vatAttributed >= (name == "ExactOnline.xaf" ? 39 : 59) && summary.vatUnattributed <= 3)
        let totals = try await t.ledger.vatTotals(TestLedger.admin, from: calendar.startOfYear(year), to: calendar.endOfYear(year))
        #expect(!totals.isEmpty, "the VAT return of the imported year has its per-code totals")
        // Importing the same file again posts nothing twice.
        let again = try await XAFImporter(ledger: t.ledger, options: .init(mapping: mapping)).importFile(path, into: TestLedger.admin)
        #expect(again.imported?.entries == 0 && again.imported?.replayed == summary.imported?.entries)
    }
}

/// Broken audit files: each refused naming what and where, and the administration unchanged.
@Suite struct BrokenXAFTests {
    static func xaf(revenueRGS: String, bankRGS: String, namespace: String = "http://www.auditfiles.nl/XAF/3.2",
                    secondAccount: String = "8000", amount: String = "100.00", credit: String = "100.00",
                    date: String = "2026-03-01", lineAccount: String = "8000") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <auditfile xmlns="\(namespace)">
        <header><fiscalYear>2026</fiscalYear><startDate>2026-01-01</startDate><endDate>2026-12-31</endDate>
        <curCode>EUR</curCode><dateCreated>2026-11-01</dateCreated><softwareDesc>Test</softwareDesc></header>
        <company><companyIdent>1</companyIdent><companyName>Test BV</companyName>
        <customersSuppliers>
        <customerSupplier><custSupID>K1</custSupID><custSupName>Klant</custSupName><custSupTp>C</custSupTp></customerSupplier>
        </customersSuppliers>
        <generalLedger>
        <ledgerAccount><accID>1000</accID><accDesc>Bank</accDesc><accTp>B</accTp><leadReference>\(bankRGS)</leadReference></ledgerAccount>
        <ledgerAccount><accID>\(secondAccount)</accID><accDesc>Omzet</accDesc><accTp>P</accTp><leadReference>\(revenueRGS)</leadReference></ledgerAccount>
        </generalLedger>
        <transactions>
        <journal><jrnID>M</jrnID><desc>Memoriaal</desc><jrnTp>M</jrnTp>
        <transaction><nr>1</nr><desc>Sale</desc><periodNumber>3</periodNumber><trDt>\(date)</trDt>
        <trLine><nr>1</nr><accID>1000</accID><effDate>\(date)</effDate><amnt>\(amount)</amnt><amntTp>D</amntTp></trLine>
        <trLine><nr>2</nr><accID>\(lineAccount)</accID><effDate>\(date)</effDate><amnt>\(credit)</amnt><amntTp>C</amntTp></trLine>
        </transaction>
        </journal>
        </transactions>
        </company>
        </auditfile>
        """
    }

    enum Breakage: String, CaseIterable, Sendable {
        case truncated, namespace, unbalanced, unknownAccount, duplicateAccount, encoding, commaDecimal, outsideYear
    }

    @Test(arguments: Breakage.allCases)
    func aBrokenFileIsRefusedWithItsLineAndWritesNothing(_ breakage: Breakage) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let revenueRGS = t.chart.accounts.first { $0.code == t.revenue }!.rgsCode!
        let bankRGS = t.chart.accounts.first { $0.code == t.code(.bank) }!.rgsCode!
        var bytes: [UInt8]
        let expected: (String, Int)
        switch breakage {
        case .truncated:
            let whole = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS).utf8)
            bytes = Array(whole.prefix(whole.count - 60))
            expected = ("not a complete, well-formed XML file", 0)
        case .namespace:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, namespace: "http://www.auditfiles.nl/XAF/2.0").utf8)
            expected = ("namespace 'http://www.auditfiles.nl/XAF/2.0' is not XAF 3.1 or 3.2", 2)
        case .unbalanced:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, credit: "99.99").utf8)
            expected = ("does not balance", 15)
        case .unknownAccount:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, lineAccount: "9999").utf8)
            expected = ("<accID> 9999 is not a <ledgerAccount> of the file", 17)
        case .duplicateAccount:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, secondAccount: "1000", lineAccount: "1000").utf8)
            expected = ("<ledgerAccount> 1000 appears twice", 11)
        case .encoding:
            var text = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS).utf8)
            let at = text.firstIndex(of: UInt8(ascii: "K"))!
            text.replaceSubrange(at...at, with: [0xE9, 0xFF])  // not UTF-8, as the declaration says
            bytes = text
            expected = ("not a complete, well-formed XML file", 0)
        case .commaDecimal:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, amount: "100,00", credit: "100,00").utf8)
            expected = ("<amnt> '100,00' has a comma", 16)
        case .outsideYear:
            bytes = Array(Self.xaf(revenueRGS: revenueRGS, bankRGS: bankRGS, date: "2027-01-05").utf8)
            expected = ("<trDt> 2027-01-05 lies outside the fiscal year", 15)
        }
        let path = t.directory + "/broken.xaf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let before = try await t.counts()
        do {
            _ = try await XAFImporter(ledger: t.ledger).importFile(path, into: TestLedger.admin)
            Issue.record("\(breakage) was accepted")
        } catch let e as InterchangeError {
            #expect(e.file == "broken.xaf" && e.message.contains(expected.0), "\(breakage): \(e)")
            if expected.1 > 0 { #expect(e.line == expected.1, "\(breakage): \(e)") } else { #expect(e.line > 0, "\(breakage): \(e)") }
        }
        #expect(try await t.counts() == before, "\(breakage) wrote something")
    }

    @Test func theSmallFileImports() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let text = Self.xaf(revenueRGS: t.chart.accounts.first { $0.code == t.revenue }!.rgsCode!,
                            bankRGS: t.chart.accounts.first { $0.code == t.code(.bank) }!.rgsCode!)
        let path = t.directory + "/ok.xaf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let s = try await XAFImporter(ledger: t.ledger).importFile(path, into: TestLedger.admin)
        #expect(s.imported?.entries == 1 && s.imported?.createdRelations == ["K1"])
    }
}

/// An import exported again: valid against the tax authority's XSD, and imported back to the same books.
@Suite struct XAFExportTests {
    @Test(.enabled(if: Peer.xmllint.shouldRun, "skipped: xmllint (libxml2-utils) is not installed"))
    func anExportValidatesAgainstTheXSDAndImportsBackToTheSameBooks() async throws {
        let sample = XAFImportTests.data + "ExactOnline.xaf", xsd = XAFImportTests.data + "XmlAuditfileFinancieel3.2.xsd"
        guard FileManager.default.fileExists(atPath: sample), FileManager.default.fileExists(atPath: xsd) else {
            print("skipped: ../shared/data/xaf/ExactOnline.xaf or XmlAuditfileFinancieel3.2.xsd is missing")
            return
        }
        let t = try await TestLedger(year: 2016)
        defer { t.remove() }
        let dry = try await XAFImporter(ledger: t.ledger).dryRun(sample, into: TestLedger.admin)
        var mapping: [String: String] = [:]
        for account in dry.unmapped { mapping[account] = dry.types[account] == "P" ? t.expense : t.code(.suspense) }
        let first = try await XAFImporter(ledger: t.ledger, options: .init(mapping: mapping)).importFile(sample, into: TestLedger.admin)

        let xaf = try await XAFExporter(ledger: t.ledger).export(TestLedger.admin, year: 2016, created: day("2026-11-23"))
        let exported = t.directory + "/export.xaf"
        try xaf.write(toFile: exported, atomically: true, encoding: .utf8)
        _ = try Peer.xmllint.run(["--noout", "--schema", xsd, exported])

        // A second administration on the same chart takes the export back in.
        _ = try await t.ledger.createAdministration(Administration(id: "copy", name: "Copy", currency: .eur), chart: t.chart, openYear: 2016)
        let second = try await XAFImporter(ledger: t.ledger).importFile(exported, into: "copy")
        // Every account maps back onto itself, but the one the test chart keeps inactive.
        #expect(second.unmapped.isEmpty && Set(second.how.filter { $0.value != "code" }.keys) == [t.inactiveAccount])
        #expect(second.imported?.entries == first.imported?.entries)
        let year = day("2016-01-01")...day("2016-12-31")
        func balances(_ admin: String) async throws -> [String: Int64] {
            let tb = try await t.ledger.trialBalance(admin, from: year.lowerBound, to: year.upperBound)
            return Dictionary(uniqueKeysWithValues: tb.rows.filter { $0.closing != 0 }.map { ($0.account, $0.closing) })
        }
        #expect(try await balances("copy") == (try await balances(TestLedger.admin)))
        let relations = try await t.workspace.store.read { tx in (try tx.relations(TestLedger.admin).map(\.number), try tx.relations("copy").map(\.number)) }
        #expect(Set(relations.1).isSuperset(of: Set(first.imported?.createdRelations ?? [])))
    }
}
