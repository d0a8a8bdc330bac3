import Core
import Foundation
import Interchange
import Ledger
import Store
import Testing
import TestSupport

@Suite struct JournalCorpusTests {
    static let corpus = TestLedger.projectRoot + "/Tests/InterchangeTests/Corpus"

    /// hledger's balance per account, at cost, in minor units of EUR (symbols read as their ISO codes).
    static func hledgerBalances(_ file: String) throws -> [String: Int64] {
        let json = try Peer.hledger.run(["-f", file, "bal", "-B", "-O", "json"])
        let top = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [Any]
        var result: [String: Int64] = [:]
        for row in top[0] as! [[Any]] {
            let name = row[0] as! String
            for amount in row[3] as! [[String: Any]] {
                let commodity = amount["acommodity"] as! String
                #expect(["EUR", "€"].contains(commodity), "\(name) has \(commodity) left after conversion to cost")
                let q = amount["aquantity"] as! [String: Any]
                let mantissa = (q["decimalMantissa"] as! NSNumber).int64Value
                let places = (q["decimalPlaces"] as! NSNumber).intValue
                var minor = mantissa
                for _ in places..<2 { minor *= 10 }
                for _ in 2..<max(places, 2) { minor /= 10 }
                result[name, default: 0] += minor
            }
        }
        return result.filter { $0.value != 0 }
    }

    @Test(.enabled(if: Peer.hledger.shouldRun, "skipped: hledger is not installed"),
          arguments: ["household.journal", "currencies.journal", "symbols.journal"])
    func readsTheCorpusAsHledgerDoes(_ name: String) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let file = Self.corpus + "/" + name
        var options = JournalImporter.Options()
        options.createAccounts = true
        let summary = try await JournalImporter(ledger: t.ledger, options: options).importFile(file, into: TestLedger.admin)
        #expect(summary.entries >= 3)
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-12-31"))
        var ours: [String: Int64] = [:]
        for row in tb.rows where row.closing != 0 { ours[row.account] = row.closing }
        #expect(ours == (try Self.hledgerBalances(file)))
    }

    @Test func declaredTypesInferredTypesAndGivenTypes() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let text = """
            account Bank Account  ; type: C
            account Misc:Deposits
              ; type: L

            2026-05-01 Deposit
                Bank Account         100 EUR
                Misc:Deposits
            2026-05-02 Gift
                Assets:Wallet        10 EUR
                Odd:Thing
            """
        var options = JournalImporter.Options()
        options.createAccounts = true
        options.accountTypes["Odd:Thing"] = .revenue
        _ = try await JournalImporter(ledger: t.ledger, options: options)
            .importJournal(Array(text.utf8), file: "types.journal", into: TestLedger.admin)
        let accounts = Dictionary(uniqueKeysWithValues: try await t.ledger.accounts(TestLedger.admin).map { ($0.code, $0) })
        #expect(accounts["Bank Account"]?.type == .asset)
        #expect(accounts["Misc:Deposits"]?.type == .liability && accounts["Misc:Deposits"]?.normalSide == .credit)
        #expect(accounts["Assets:Wallet"]?.type == .asset && accounts["Assets:Wallet"]?.name == "Wallet")
        #expect(accounts["Odd:Thing"]?.type == .revenue)
    }

    @Test func existingAccountsAreFoundByTheirCode() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let bank = t.code(.bank)
        let text = """
            2026-05-01 Deposit  ; journal:BNK
                \(bank) My bank      100.00 EUR
                \(t.expense)        -100.00 EUR
            """
        let s = try await JournalImporter(ledger: t.ledger).importJournal(Array(text.utf8), file: "codes.journal",
                                                                           into: TestLedger.admin)
        #expect(s.entries == 1 && s.createdAccounts.isEmpty)
        let entry = try await t.ledger.entry(1, in: TestLedger.admin)
        #expect(entry.journal == "BNK" && entry.lines.map(\.account) == [bank, t.expense])
    }
}

/// Broken files: each refused with its line number, and nothing written.
@Suite struct BrokenJournalTests {
    static let ok = "2026-03-01 Fine\n    Assets:Bank  10.00 EUR\n    Equity:Capital\n\n"

    @Test(arguments: [
        ("2026-03-02 Off\n    Assets:Bank  10.00 EUR\n    Equity:Capital  -9.99 EUR\n", 5, "does not balance: it is off by 0.01 EUR"),
        ("2026-03-02 Two gaps\n    Assets:Bank  10.00 EUR\n    Equity:Capital\n    Expenses:X\n", 8, "a second posting without an amount"),
        ("2026-02-30 Bad day\n    Assets:Bank  1 EUR\n    Equity:Capital\n", 5, "2026-2-30 is not a calendar date"),
        ("    Assets:Bank  1 EUR\n", 5, "an indented line outside a transaction"),
        ("2026-03-02 Dollars\n    Assets:Bank  10.00 USD\n    Equity:Capital\n", 6, "needs its price in EUR"),
        ("2026-03-02 Shares\n    Assets:Shares  10 AAPL @@ 1500 EUR\n    Assets:Bank\n", 6, "commodity 'AAPL' is not a currency"),
        ("2026-03-02 Fractions\n    Assets:Bank  1.234 EUR\n    Equity:Capital\n", 6, "more decimals than EUR allows (2)"),
        ("include other.journal\n", 5, "include is not supported"),
        ("2026-03-02 Virtual\n    (Budget:Food)  10 EUR\n", 6, "virtual postings"),
        ("~ monthly\n    Expenses:Rent  10 EUR\n", 5, "periodic transactions"),
        ("frobnicate all\n", 5, "unknown directive 'frobnicate'"),
        ("2026-03-02 What type\n    Misc:Thing  1 EUR\n    Assets:Bank\n", 6, "account 'Misc:Thing': its type is unknown"),
        ("comment\nnever closed\n", 5, "never closed with 'end comment'"),
        ("2026-03-02 Garbage\n    Assets:Bank  12 EUR EUR\n    Equity:Capital\n", 6, "is not an amount"),
        ("2026-03-02 Ambiguous\n    Assets:Bank  2,500 EUR\n    Equity:Capital  -2500.00 EUR\n", 5, "does not balance: it is off by -2497.50 EUR"),
        ("2026-04-02 Closed\n    Assets:Bank  1 EUR\n    Equity:Capital\n", 5, "period 2026-04 is closed"),
        ("2026-03-02 Nothing\n", 5, "the transaction has no postings"),
        ("2026-03-02 (12 Unclosed code\n    Assets:Bank  1 EUR\n    Equity:Capital\n", 5, "no closing ')'"),
    ])
    func refusedWithItsLine(_ broken: String, _ line: Int, _ message: String) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        if message.contains("is closed") { try await t.ledger.setPeriod(.closed, year: 2026, period: 4, in: TestLedger.admin) }
        let before = try await t.counts()
        var options = JournalImporter.Options()
        options.createAccounts = true
        let text = Self.ok + broken
        do {
            _ = try await JournalImporter(ledger: t.ledger, options: options)
                .importJournal(Array(text.utf8), file: "broken.journal", into: TestLedger.admin)
            Issue.record("accepted: \(broken)")
        } catch let e as InterchangeError {
            #expect(e.file == "broken.journal")
            #expect(e.line == line, "\(e)")
            #expect(e.message.contains(message), "\(e)")
        }
        #expect(try await t.counts() == before)
    }

    @Test func unknownAccountsAreRefusedUnlessAsked() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        do {
            _ = try await JournalImporter(ledger: t.ledger).importJournal(Array(Self.ok.utf8), file: "a.journal",
                                                                          into: TestLedger.admin)
            Issue.record("an unknown account was accepted")
        } catch let e as InterchangeError {
            #expect(e.description == "a.journal:2: account 'Assets:Bank' does not exist in administration acme; "
                + "add it, or import with --create-accounts")
        }
        #expect(try await t.counts()["account"] == t.chart.accounts.count)
    }
}

/// The import's two threads: many batches, an error late in the file, replays after a period closed.
@Suite struct JournalPipelineTests {
    static func journal(_ count: Int, brokenAt broken: Int? = nil) -> String {
        var text = ""
        for i in 1...count {
            let day = 1 + i % 28, month = 1 + (i / 28) % 3
            let cents = i == broken ? "-99.99" : "-\(i % 900 + 1).25"
            text += "2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day) Sale \(i)\n"
                + "    Assets:Bank  \(i % 900 + 1).25 EUR\n    Income:Sales  \(cents) EUR\n\n"
        }
        return text
    }

    @Test func anErrorManyBatchesInWritesNothingAndNamesItsLine() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let before = try await t.counts()
        var options = JournalImporter.Options()
        options.createAccounts = true
        do {
            _ = try await JournalImporter(ledger: t.ledger, options: options)
                .importJournal(Array(Self.journal(9_000, brokenAt: 8_500).utf8), file: "late.journal", into: TestLedger.admin)
            Issue.record("an unbalanced transaction was accepted")
        } catch let e as InterchangeError {
            #expect(e.file == "late.journal" && e.line == (8_500 - 1) * 4 + 1, "\(e)")
            #expect(e.message.contains("does not balance"), "\(e)")
        }
        #expect(try await t.counts() == before)
    }

    @Test func replaysPassAfterTheirPeriodClosedAndOnlyNewEntriesArePosted() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        var options = JournalImporter.Options()
        options.createAccounts = true
        let importer = JournalImporter(ledger: t.ledger, options: options)
        let first = try await importer.importJournal(Array(Self.journal(5_000).utf8), file: "a.journal", into: TestLedger.admin)
        #expect(first.entries == 5_000 && first.replayed == 0)
        try await t.ledger.setPeriod(.closed, year: 2026, period: 1, in: TestLedger.admin)
        let longer = Self.journal(5_000) + "2026-03-30 Late sale\n    Assets:Bank  7.00 EUR\n    Income:Sales\n"
        let again = try await importer.importJournal(Array(longer.utf8), file: "a.journal", into: TestLedger.admin)
        #expect(again.entries == 1 && again.replayed == 5_000)
        #expect(try await t.ledger.entry(5_001, in: TestLedger.admin).description == "Late sale")
    }
}
