import Core
import Foundation
import Ledger
import Workspace

/// Bank matching at bureau scale: one administration with 50,000 open sales invoices of 2,000 customers, and a
/// statement of 10,000 lines paying them by invoice number, structured reference, IBAN alone, several invoices at
/// once and in part, with one line in seven matching nothing. Timed: the import of the statement, matching alone
/// (read from SQLite and decide, nothing written), and matching with posting every match in the bank journal.
/// Target: matching 10,000 lines against 50,000 open items ≤ 1 s (release), posting included.
struct BankBench {
    let tiny: Bool
    let directory: String
    let projectRoot: String

    struct Result {
        var rows: [(String, String, String)]
        var matchAndPost: Double
    }

    func run() async throws -> Result {
        let invoices = tiny ? 500 : 50_000, lines = tiny ? 100 : 10_000, customers = tiny ? 40 : 2_000
        let workspace = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let chart = try ChartLoader.load(directory: projectRoot + "/templates/base")
        let ledger = workspace.ledger
        let admin = "bank"
        _ = try await ledger.createAdministration(Administration(id: admin, name: "Bank B.V.", currency: .eur),
                                                  chart: chart, openYear: 2026)
        var rng = SeededGenerator(seed: 12)
        var ibans: [String] = []
        for c in 0..<customers {
            let iban = Self.iban(bank: "RABO", number: 300_000_000 + c)
            ibans.append(iban)
            try await ledger.save(Relation(number: "D\(c)", name: "Klant \(c)", kind: .customer, iban: iban), in: admin)
        }
        let receivables = chart.account(for: .receivables)!.code, vat = chart.account(for: .vatPayableHigh)!.code
        let revenue = chart.accounts.first { $0.type == .revenue && $0.vatCode == "V21" }!.code
        var open: [(invoice: String, customer: Int, gross: Int64)] = []
        var batch: [EntryDraft] = []
        for i in 0..<invoices {
            let customer = rng.int(0...(customers - 1)), net = Int64(rng.int(5_000...500_000))
            let tax = (net * 21 + 50) / 100
            let invoice = "VF2026-" + String(format: "%06d", i + 1)
            open.append((invoice, customer, net + tax))
            batch.append(EntryDraft(journal: "VK", date: try LocalDate(year: 2026, month: 1 + i * 10 / invoices, day: 1 + i % 28),
                                    description: "Factuur \(invoice)", lines: [
                EntryLineDraft(account: receivables, amount: net + tax, relation: "D\(customer)", invoice: invoice),
                EntryLineDraft(account: revenue, amount: -net, vatCode: "V21", vatAmount: -tax),
                EntryLineDraft(account: vat, amount: -tax),
            ]))
            if batch.count == 10_000 || i == invoices - 1 {
                _ = try await ledger.post(batch, to: admin)
                batch.removeAll(keepingCapacity: true)
            }
        }
        // Each line pays invoices not paid before; those paid by IBAN alone belong to customers paid no other way.
        var transactions: [BankTransaction] = []
        var next = 0
        func take() -> (invoice: String, customer: Int, gross: Int64) { defer { next += 1 }; return open[next] }
        for i in 0..<lines {
            let date = try LocalDate(year: 2026, month: 11, day: 1 + i % 28)
            func line(_ amount: Int64, _ text: String, iban: String? = nil, structured: String? = nil) -> BankTransaction {
                BankTransaction(bookingDate: date, valueDate: date, amount: Money(minorUnits: amount, currency: .eur),
                                counterpartyIBAN: iban, description: text, structuredReference: structured)
            }
            switch i % 20 {
            case 0...7: let p = take(); transactions.append(line(p.gross, "Betaling factuur \(p.invoice)", iban: ibans[p.customer]))
            case 8...10: let p = take(); transactions.append(line(p.gross, "", structured: PaymentReference.creditorReference(for: p.invoice)))
            case 11...13:
                let p = take()
                let unique = !open.contains { $0.customer == p.customer && $0.gross == p.gross && $0.invoice != p.invoice }
                transactions.append(line(p.gross, unique ? "Betaling" : p.invoice, iban: ibans[p.customer]))
            case 14, 15:
                let p = take(), q = take()
                transactions.append(line(p.gross + q.gross, "Facturen \(p.invoice) en \(q.invoice)"))
            case 16: let p = take(); transactions.append(line(p.gross / 2, "Deelbetaling \(p.invoice)"))
            default: transactions.append(line(Int64(rng.int(100...99_999)), "Overboeking spaarrekening",
                                              iban: Self.iban(bank: "INGB", number: 1_000 + i)))
            }
        }
        let clock = ContinuousClock()
        var start = clock.now
        let statement = BankStatement(format: .camt053, identifier: "2026-11", account: Self.iban(bank: "ABNA", number: 417_164_300),
                                      currency: .eur, transactions: transactions)
        let imported = try await ledger.importStatements([statement], into: admin)
        let importTime = seconds(clock.now - start)
        var dry: [Double] = []
        var outcome: BankMatchReport?
        for _ in 0..<(tiny ? 1 : 3) {
            start = clock.now
            outcome = try await ledger.matchBankLines(admin, dryRun: true)
            dry.append(seconds(clock.now - start))
        }
        start = clock.now
        let report = try await ledger.matchBankLines(admin)
        let postTime = seconds(clock.now - start)
        let expected = lines - lines * 3 / 20
        guard report.posted == outcome?.matched.count, report.posted >= expected - 1 else {
            throw BenchError("bank matching posted \(report.posted) of \(lines) lines; \(expected) were built to match")
        }
        let left = try await ledger.bankLines(admin, unprocessedOnly: true).count
        let size = "\(lines) lines × \(invoices) items"
        return Result(rows: [
            ("import a statement of \(imported.added) lines", "", String(format: "%.3f s", importTime)),
            ("match (read + decide, dry run), median", size, String(format: "%.3f s", dry.sorted()[dry.count / 2])),
            ("match and post every match", "\(report.posted) entries", String(format: "%.3f s", postTime)),
            ("left to process", "\(left) lines", ""),
        ], matchAndPost: postTime)
    }

    /// A Dutch IBAN with valid check digits.
    static func iban(bank: String, number: Int) -> String {
        let account = String(format: "%010d", number)
        let digits = (bank + account + "NL00").map { c in c.isNumber ? String(c) : String(Int(c.asciiValue!) - 55) }.joined()
        var remainder = 0
        for d in digits { remainder = (remainder * 10 + d.wholeNumberValue!) % 97 }
        let check = 98 - remainder
        return "NL" + (check < 10 ? "0" : "") + String(check) + bank + account
    }
}
