import Core
import Foundation
import Interchange
import Ledger
import Testing
import TestSupport

/// Every real statement sample of `../shared/data/bank` through the whole import: parsed, stored as bank lines,
/// and re-imported without adding anything; a failed import writes nothing.
@Suite struct BankImportTests {
    static let data = TestLedger.projectRoot + "/../shared/data/bank/"
    static let samples = ["mt940/abnamro.sta", "mt940/ing.sta", "mt940/knab.sta", "mt940/rabobank.sta", "mt940/rabobank-iban.sta",
                          "mt940/sns.sta", "mt940/triodos.sta", "camt/camt053.v2.minimal.xml", "camt/camt053.v2.multi.statement.xml",
                          "camt/camt053.v2.all-balance-types.xml", "camt/camt053.v2.with-party-ids.xml", "camt/camt052.v2.xml",
                          "camt/camt054.v2.xml"]

    @Test(arguments: samples) func importsOnceAndAddsNothingTheSecondTime(_ sample: String) async throws {
        let path = Self.data + sample
        guard let bytes = FileManager.default.contents(atPath: path) else {
            print("skipped: \(path) is missing (../shared/data/bank/\(sample))")
            return
        }
        let t = try await TestLedger()
        defer { t.remove() }
        var a = TestLedger.admin
        let statements = try BankStatementFile.statements(from: bytes, file: sample)
        let transactions = statements.flatMap(\.transactions)
        #expect(!transactions.isEmpty)
        if let currency = statements.first?.currency, currency != .eur {
            // A statement in another currency than the books' is refused whole; it goes into books in its currency.
            let before = try await t.counts()
            let error = await #expect(throws: LedgerError.self) { try await BankStatementFile.importFile(path, into: a, ledger: t.ledger) }
            #expect(error?.message.contains("is in \(currency); administration acme keeps its books in EUR") == true)
            #expect(try await t.counts() == before)
            a = "acme-\(currency.code.lowercased())"
            _ = try await t.ledger.createAdministration(Administration(id: a, name: "Acme AB", currency: currency),
                                                        chart: t.chart, openYear: 2026)
        }
        let first = try await BankStatementFile.importFile(path, into: a, ledger: t.ledger)
        #expect(first.added == transactions.count && first.alreadyThere == 0, "\(sample): \(first)")
        let stored = try await t.ledger.bankLines(a)
        #expect(stored.count == transactions.count)
        #expect(stored.map(\.amount.minorUnits).reduce(0, +) == transactions.map(\.amount.minorUnits).reduce(0, +))
        #expect(Set(stored.map(\.account)) == [t.code(.bank)])
        let before = try await t.counts()
        let second = try await BankStatementFile.importFile(path, into: a, ledger: t.ledger)
        #expect(second.added == 0 && second.alreadyThere == transactions.count, "\(sample): \(second)")
        #expect(try await t.counts() == before)
    }

    @Test func pendingAndInformationOnlyEntriesAreNotBooked() throws {
        func entry(_ status: String, _ amount: String) -> String {
            "<Ntry><Amt Ccy=\"EUR\">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>\(status)</Sts>"
                + "<BookgDt><Dt>2026-11-17</Dt></BookgDt><ValDt><Dt>2026-11-17</Dt></ValDt></Ntry>"
        }
        let report = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt>
            <GrpHdr><MsgId>R1</MsgId><CreDtTm>2026-11-17T12:00:00</CreDtTm></GrpHdr>
            <Rpt><Id>R1</Id><CreDtTm>2026-11-17T12:00:00</CreDtTm><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(entry("BOOK", "10.00"))\(entry("PDNG", "20.00"))\(entry("INFO", "30.00"))</Rpt></BkToCstmrAcctRpt></Document>
            """
        let statements = try BankStatementFile.statements(from: Data(report.utf8), file: "intraday.xml")
        #expect(statements.flatMap(\.transactions).map(\.amount.minorUnits) == [10_00])
    }

    @Test func aBrokenFileWritesNothingAndNamesTheFile() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let directory = t.directory + "/bank"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let before = try await t.counts()
        for (name, text) in [
            ("broken.sta", ":20:X\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C260101EUR100,00\n:61:2601010101D12.50NTRFNONREF\n:62F:C260101EUR87,50\n"),
            ("broken.xml", "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"),
        ] {
            let path = directory + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = await #expect(throws: InterchangeError.self) {
                try await BankStatementFile.importFile(path, into: TestLedger.admin, ledger: t.ledger)
            }
            #expect(error?.file == name)
        }
        #expect(try await t.counts() == before)
    }
}
