import Core
import Foundation
import Interchange
import Ledger
import Testing
import TestSupport

/// A switch of systems from CSV: chart, relations, opening balance with open items through an interim account,
/// movements per month up to the switch date.
@Suite struct CSVMigrationTests {
    struct Files {
        var chart = "code,name,type,rgs\n14600,Tussenrekening beginbalans debiteuren,asset,BVorTusTdb\n"
        var relations = "number,name,kind,iban,delivery,vat,coc,terms\nK100,Klant Honderd,customer,NL91 ABNA 0417 1643 00,peppol,NL001234567B01,12345678,14\n"
        var opening: String
        var movements: String
    }

    /// The old ledger's debtor total comes in on the interim account, and each open invoice moves from there to
    /// the receivables with its customer: the interim account nets to zero.
    static func files(_ t: TestLedger, interim: String = "-1210.00", capital: String = "-6210.00") -> Files {
        Files(opening: """
                account,relation,invoice,due,amount
                \(t.code(.bank)),,,,5000.00
                14600,,,,1210.00
                05011,,,,\(capital)
                \(t.code(.receivables)),K100,F-1,2026-02-15,1210.00
                14600,,,,\(interim)

                """,
              movements: """
                month,account,amount
                2026-01,\(t.code(.bank)),1000.00
                2026-01,\(t.revenue),-1000.00
                2026-02,\(t.expense),250.00
                2026-02,\(t.code(.bank)),-250.00

                """)
    }

    func write(_ t: TestLedger, _ f: Files) throws -> CSVMigration.Files {
        var paths: [String] = []
        for (name, text) in [("chart.csv", f.chart), ("relations.csv", f.relations), ("opening.csv", f.opening), ("movements.csv", f.movements)] {
            let path = t.directory + "/" + name
            // U+FFFD stands for a byte that is not UTF-8 (a Latin-1 é).
            var data = Data(text.utf8)
            if text.contains("\u{FFFD}") {
                data = Data(text.replacingOccurrences(of: "\u{FFFD}", with: "\u{1}").utf8.map { $0 == 1 ? 0xE9 : $0 })
            }
            try data.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return CSVMigration.Files(chart: paths[0], relations: paths[1], opening: paths[2], movements: paths[3])
    }

    @Test func openingBalancePlusMovementsUpToTheSwitchDate() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let s = try await CSVMigration(ledger: t.ledger).run(try write(t, Self.files(t)), into: TestLedger.admin, switchDate: day("2026-03-01"))
        #expect(s.accounts == 1 && s.relations == 1 && s.openingLines == 5)
        #expect(s.months == 2 && s.imported?.entries == 3)
        #expect(s.interimNotZero.isEmpty)
        let relation = try #require(try await t.workspace.store.read { tx in try tx.relation(TestLedger.admin, number: "K100") })
        #expect(relation.iban == "NL91ABNA0417164300")
        #expect(relation.invoiceDelivery == .peppol && relation.paymentTermDays == 14)
        let items = try await t.ledger.openItems(TestLedger.admin, today: day("2026-03-01"))
        let item = items.items.first { (i: OpenItemsReport.Item) -> Bool in i.item.invoice == "F-1" }
        #expect(item?.item.outstanding == Int64(1_210_00) && item?.item.dueDate == day("2026-02-15"))
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-03-01"))
        #expect(tb.rows.first { $0.account == t.code(.bank) }?.closing == 5_750_00)
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let before = try await t.counts()
        let s = try await CSVMigration(ledger: t.ledger).run(try write(t, Self.files(t)), into: TestLedger.admin,
                                                            switchDate: day("2026-03-01"), dryRun: true)
        #expect(s.imported?.entries == 3 && s.relations == 1)
        #expect(try await t.counts() == before)
    }

    @Test func anInterimAccountNotZeroOnTheSwitchDateIsReported() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        var f = Self.files(t, interim: "-1000.00", capital: "-6420.00")
        f.movements = "month,account,amount\n"
        let s = try await CSVMigration(ledger: t.ledger).run(try write(t, f), into: TestLedger.admin, switchDate: day("2026-03-01"))
        #expect(s.interimNotZero == ["14600": 210_00])
    }

    @Test(arguments: [
        ("opening", "\(0)", "amount", "\"1210,00\"", "opening.csv", 5, "has a comma"),
        ("opening", "\(0)", "account", "99999", "opening.csv", 2, "99999 is not in the chart"),
        ("relations", "", "iban", "NL00ABNA0417164300", "relations.csv", 2, "is not a valid IBAN"),
        ("relations", "", "kind", "klant", "relations.csv", 2, "'klant' is not customer, supplier or both"),
        ("movements", "", "month", "2026-05", "movements.csv", 2, "up to the switch date 2026-03-01"),
        ("movements", "", "unbalanced", "", "movements.csv", 2, "does not balance"),
        ("chart", "", "header", "", "chart.csv", 1, "the header lacks column 'type'"),
        ("relations", "", "duplicate", "", "relations.csv", 3, "relation K100 exists already"),
        ("relations", "", "encoding", "", "relations.csv", 0, "is not UTF-8 text"),
    ] as [(String, String, String, String, String, Int, String)])
    func badMigrationFilesAreRefusedWhole(_ which: String, _ unused: String, _ field: String, _ value: String, _ file: String,
                                          _ line: Int, _ message: String) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        var f = Self.files(t)
        switch (which, field) {
        case ("opening", "amount"): f.opening = f.opening.replacingOccurrences(of: "F-1,2026-02-15,1210.00", with: "F-1,2026-02-15,\(value)")
        case ("opening", "account"): f.opening = f.opening.replacingOccurrences(of: "\(t.code(.bank)),,,,5000.00", with: "\(value),,,,5000.00")
        case ("relations", "iban"): f.relations = f.relations.replacingOccurrences(of: "NL91 ABNA 0417 1643 00", with: value)
        case ("relations", "kind"): f.relations = f.relations.replacingOccurrences(of: ",customer,", with: ",\(value),")
        case ("movements", "month"): f.movements = f.movements.replacingOccurrences(of: "2026-01,\(t.code(.bank))", with: "\(value),\(t.code(.bank))")
        case ("movements", "unbalanced"): f.movements = f.movements.replacingOccurrences(of: "-1000.00", with: "-999.00")
        case ("relations", "duplicate"): f.relations += "K100,Klant Dubbel,customer,,,,,\n"
        case ("relations", "encoding"): f.relations = f.relations.replacingOccurrences(of: "Klant Honderd", with: "Klant \u{FFFD}")
        default: f.chart = "code,name\n1,x\n"
        }
        let before = try await t.counts()
        do {
            _ = try await CSVMigration(ledger: t.ledger).run(try write(t, f), into: TestLedger.admin, switchDate: day("2026-03-01"))
            Issue.record("\(which) \(field) was accepted")
        } catch let e as InterchangeError {
            #expect(e.file == file && e.line == line && e.message.contains(message), "\(e)")
        }
        #expect(try await t.counts() == before)
    }
}
