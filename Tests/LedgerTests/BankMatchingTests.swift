import Core
import Foundation
import Ledger
import Testing
import TestSupport

/// Matching bank lines to a constructed set of open items: each line is built to hit one rule (or none), and the
/// test checks it found the intended items, posted them, and left the rest to process with a reason.
@Suite struct BankMatchingTests {
    static let ownIBAN = "NL91ABNA0417164300"

    func line(_ date: String, _ amount: Int64, _ description: String = "", iban: String? = nil, name: String? = nil,
              structured: String? = nil, e2e: String? = nil) -> BankTransaction {
        BankTransaction(bookingDate: day(date), valueDate: day(date), amount: Money(minorUnits: amount, currency: .eur),
                        endToEndID: e2e, counterpartyName: name, counterpartyIBAN: iban, description: description,
                        structuredReference: structured)
    }

    func statement(_ transactions: [BankTransaction]) -> BankStatement {
        BankStatement(format: .camt053, identifier: "S1", account: Self.ownIBAN, currency: .eur, transactions: transactions)
    }

    func purchase(_ t: TestLedger, gross: Int64, invoice: String, relation: String = "S1", date: String = "2026-03-05") -> EntryDraft {
        EntryDraft(journal: "IK", date: day(date), description: "Purchase \(invoice)", lines: [
            EntryLineDraft(account: t.expense, amount: gross),
            EntryLineDraft(account: t.code(.payables), amount: -gross, relation: relation, invoice: invoice),
        ])
    }

    /// Sets up invoices of three customers and a supplier; returns the ledger.
    func fixture() async throws -> TestLedger {
        let t = try await TestLedger()
        let a = TestLedger.admin
        try await t.ledger.save(Relation(number: "C2", name: "Klant Twee", kind: .customer, iban: "NL02 RABO 0123 4567 89"), in: a)
        try await t.ledger.save(Relation(number: "C3", name: "Klant Drie", kind: .customer, iban: "NL20INGB0001234567"), in: a)
        for (net, invoice, relation) in [(1_000_00 as Int64, "VF2026-0001", "C1"), (500_00, "VF2026-0002", "C1"),
                                         (200_00, "VF2026-0003", "C1"), (300_00, "20260004", "C1"),
                                         (400_00, "VF2026-0005", "C1"), (100_00, "VF2026-0006", "C2"),
                                         (250_00, "VF2026-0007", "C2"), (80_00, "VF2026-0008", "C3"),
                                         (80_00, "VF2026-0009", "C3"), (900_00, "VF2026-0010", "C1"),
                                         (60_00, "VF2026-0011", "C1")] {
            _ = try await t.ledger.post(salesInvoice(t, net: net, invoice: invoice, relation: relation), to: a)
        }
        _ = try await t.ledger.post(purchase(t, gross: 726_00, invoice: "INK-7781"), to: a)
        _ = try await t.ledger.post(receipt(t, amount: 72_60, date: "2026-03-20", invoice: "VF2026-0011"), to: a)
        return t
    }

    @Test func findsTheIntendedItemsAndLeavesTheRestToProcess() async throws {
        let t = try await fixture()
        defer { t.remove() }
        let a = TestLedger.admin
        let lines = [
            line("2026-04-01", 1_210_00, "Betaling factuur VF2026-0001 dank u", name: "Klant Een"),          // 1 invoice number
            line("2026-04-01", 605_00, "", structured: PaymentReference.creditorReference(for: "VF2026-0002")),  // 2 RF
            line("2026-04-02", 363_00, "", structured: PaymentReference.betalingskenmerk(for: "20260004")),    // 3 kenmerk
            line("2026-04-02", 242_00 + 484_00, "facturen VF2026-0003 en VF2026-0005"),                        // 4 combined
            line("2026-04-03", 500_00, "deelbetaling VF2026-0010"),                                           // 5 partial
            line("2026-04-03", 121_00, "bedankt", iban: "NL02RABO0123456789"),                                 // 6 IBAN, one item
            line("2026-04-04", 193_60, "alles", iban: "NL20INGB0001234567"),                                   // 7 IBAN, total
            line("2026-04-04", -726_00, "Factuur INK-7781"),                                                   // 8 supplier
            line("2026-04-05", 96_80, "", iban: "NL20INGB0001234567"),                                         // 9 IBAN, two alike
            line("2026-04-05", 99_99, "iets", iban: "NL55INGB0009999999"),                                     // 10 unknown IBAN
            line("2026-04-06", 72_60, "VF2026-0011"),                                                          // 11 already paid
            line("2026-04-06", 2_000_00, "VF2026-0010"),                                                       // 12 overpaid
            line("2026-04-07", -15_00, "Kosten betalingsverkeer"),                                             // 13 nothing
            line("2026-04-07", 302_50, "", e2e: "VF2026-0007"),                                                // 14 end-to-end id
        ]
        let imported = try await t.ledger.importStatements([statement(lines)], into: a)
        #expect(imported.added == 14 && imported.alreadyThere == 0)
        #expect(imported.accounts == [Self.ownIBAN: t.code(.bank)])

        let report = try await t.ledger.matchBankLines(a)
        let stored = try await t.ledger.bankLines(a)
        func outcome(_ n: Int) throws -> BankMatchOutcome {
            let id = stored.first { $0.reference == stored.sorted { $0.id < $1.id }[n - 1].reference }!.id
            return try #require(report.outcomes.first { $0.line == id })
        }
        func paid(_ n: Int) throws -> [String: Int64] {
            Dictionary(uniqueKeysWithValues: try outcome(n).allocations.map { ($0.invoice, $0.amount) })
        }
        #expect(try outcome(1).rule == .invoiceNumber && paid(1) == ["VF2026-0001": 1_210_00])
        #expect(try outcome(2).rule == .structuredReference && paid(2) == ["VF2026-0002": 605_00])
        #expect(try outcome(3).rule == .structuredReference && paid(3) == ["20260004": 363_00])
        #expect(try outcome(4).rule == .combinedInvoices && paid(4) == ["VF2026-0003": 242_00, "VF2026-0005": 484_00])
        #expect(try outcome(5).rule == .invoiceNumber && paid(5) == ["VF2026-0010": 500_00] && outcome(5).isPartial)
        #expect(try outcome(6).rule == .iban && paid(6) == ["VF2026-0006": 121_00])
        #expect(try outcome(7).rule == .ibanTotal && paid(7) == ["VF2026-0008": 96_80, "VF2026-0009": 96_80])
        #expect(try outcome(8).rule == .invoiceNumber && paid(8) == ["INK-7781": -726_00])
        #expect(try outcome(9).reason?.contains("no open item of C3") == true)  // 7 took both of C3's items first
        #expect(try outcome(10).reason?.contains("no relation has IBAN NL55INGB0009999999") == true)
        #expect(try outcome(11).reason?.contains("already paid") == true)
        #expect(try outcome(12).reason?.contains("over needs a decision") == true)
        #expect(try outcome(13).reason?.contains("no invoice number") == true)
        #expect(try outcome(14).rule == .invoiceNumber && paid(14) == ["VF2026-0007": 302_50])
        #expect(report.posted == 9 && report.toProcess.count == 5)

        // The ledger agrees: items settled, the partial one still open for the rest, lines processed by their rule.
        let open = try await t.ledger.openItems(a, today: day("2026-05-01")).items.map(\.item)
        #expect(Set(open.map(\.invoice)) == ["VF2026-0010"])
        #expect(open.map(\.outstanding) == [589_00])  // 1,089.00 less the 500.00 paid
        let processed = try await t.ledger.bankLines(a).filter(\.isProcessed)
        #expect(processed.count == 9)
        #expect(Set(processed.compactMap(\.processedBy)) == Set(BankMatchRule.allCases.map(\.rawValue)))
        let unprocessed = try await t.ledger.bankLines(a, unprocessedOnly: true)
        #expect(unprocessed.count == 5)
        let tb = try await t.ledger.trialBalance(a, from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.totalDebit == tb.totalCredit)

        // Again: nothing new is imported or posted.
        let again = try await t.ledger.importStatements([statement(lines)], into: a)
        #expect(again.added == 0 && again.alreadyThere == 14)
        let rematch = try await t.ledger.matchBankLines(a)
        #expect(rematch.posted == 0 && rematch.toProcess.count == 5)
    }

    @Test func manualMatchWithAPaymentDifferenceAndAnAccountPostingWithVAT() async throws {
        let t = try await fixture()
        defer { t.remove() }
        let a = TestLedger.admin
        _ = try await t.ledger.importStatements([statement([
            line("2026-04-01", 1_200_00, "klant betaalt minus korting"),
            line("2026-04-02", -121_00, "Kantoorartikelen"),
            line("2026-04-02", -15_00, "Kosten"),
        ])], into: a)
        let lines = try await t.ledger.bankLines(a, unprocessedOnly: true).sorted { $0.id < $1.id }
        let costs = t.chart.accounts.first { $0.type == .expense && $0.active && $0.control == nil }!.code
        // 1,210.00 open, 1,200.00 paid, and the invoice is to be settled in full: the 10.00 needs an account.
        let before = try await t.counts()
        let error = await #expect(throws: LedgerError.self) {
            try await t.ledger.postBankLine(lines[0].id, in: a, .openItems([.init(invoice: "VF2026-0001", amount: 1_210_00)]))
        }
        #expect(error?.message.contains("the invoices take 1,210.00; give amounts, or an account for the difference of -10.00") == true)
        #expect(try await t.counts() == before)
        let entry = try await t.ledger.postBankLine(
            lines[0].id, in: a, .openItems([.init(invoice: "vf2026/0001", amount: 1_210_00)], rest: costs))
        #expect(entry.lines.map(\.amount) == [1_200_00, -1_210_00, 10_00])
        let stillOpen = try await t.ledger.openItems(a, today: day("2026-05-01")).items.map(\.item)
        #expect(!stillOpen.contains { $0.invoice == "VF2026-0001" })

        let withVAT = try await t.ledger.postBankLine(lines[1].id, in: a, .account(t.expense, vatCode: "I21"))
        #expect(withVAT.lines.map(\.amount) == [-121_00, 100_00, 21_00])
        #expect(withVAT.lines[1].vatAmount == 21_00 && withVAT.lines[2].account == "16219")
        let plain = try await t.ledger.postBankLine(lines[2].id, in: a, .account(costs))
        #expect(plain.lines.map(\.amount) == [-15_00, 15_00])
        await #expect(throws: LedgerError.self) { try await t.ledger.postBankLine(lines[2].id, in: a, .account(costs)) }
        #expect(try await t.ledger.bankLines(a, unprocessedOnly: true).isEmpty)
    }

    @Test func aMatchInAClosedPeriodStaysToProcess() async throws {
        let t = try await fixture()
        defer { t.remove() }
        let a = TestLedger.admin
        // The April line cannot be posted; the May line paying the same invoice must still find it open.
        _ = try await t.ledger.importStatements([statement([line("2026-04-01", 1_210_00, "VF2026-0001"),
                                                            line("2026-05-04", 1_210_00, "VF2026-0001 tweede poging")])], into: a)
        try await t.ledger.setPeriod(.closed, year: 2026, period: 4, in: a)
        let report = try await t.ledger.matchBankLines(a)
        #expect(report.posted == 1)
        #expect(report.toProcess.first?.reason?.contains("cannot be posted") == true)
        #expect(report.matched.first?.allocations.first?.invoice == "VF2026-0001")
        #expect(try await t.ledger.bankLines(a, unprocessedOnly: true).map(\.date) == [day("2026-04-01")])
    }

    @Test func structuredReferencesAreChecked() {
        #expect(PaymentReference.creditorReference(for: "539007547034") == "RF18539007547034")  // ISO 11649's example
        #expect(PaymentReference.payload(of: "RF18 5390 0754 7034") == "539007547034")
        #expect(PaymentReference.payload(of: "RF19 5390 0754 7034") == nil)
        let kenmerk = PaymentReference.betalingskenmerk(for: "20260004")!
        #expect(kenmerk.count == 16 && PaymentReference.payload(of: kenmerk) == "20260004")
        var wrong = Array(kenmerk)
        wrong[0] = wrong[0] == "9" ? "8" : "9"
        #expect(PaymentReference.payload(of: String(wrong)) == nil)
        #expect(IBAN.isValid("NL91 ABNA 0417 1643 00") && !IBAN.isValid("NL91ABNA0417164301"))
        #expect(InvoiceKey.candidates(in: "Fact.nr. VF-2026/0001, klantnr 00123") == ["FACTNR", "VF20260001", "2026", "KLANTNR", "123"])
    }

    @Test func anImportNamesTheBankAccountOrRefusesWholly() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let a = TestLedger.admin
        let before = try await t.counts()
        let usd = BankStatement(format: .mt940, identifier: "1", account: "NL91ABNA0417164300",
                                currency: try CurrencyCode("USD"), transactions: [])
        await #expect(throws: LedgerError.self) { try await t.ledger.importStatements([usd], into: a) }
        await #expect(throws: LedgerError.self) {
            try await t.ledger.importStatements([statement([line("2026-04-01", 1_00)])], into: a, account: t.revenue)
        }
        #expect(try await t.counts() == before)
    }
}
