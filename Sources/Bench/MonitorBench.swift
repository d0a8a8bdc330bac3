import Core
import Foundation
import Ledger
import Monitoring
import Workspace

/// The monitor over a bureau of 10,000 administrations with about 200 entries each (sales with open items and
/// receipts, purchases, payroll, bank lines of which some unprocessed): the first gathering of facts, then the
/// bureau-wide overview of every indicator on a later day (facts reused), and again after 1% of the
/// administrations changed. Target: all indicators for the bureau ≤ 1 s (release).
struct MonitorBench {
    let administrations: Int
    let directory: String
    let projectRoot: String

    struct Result {
        var rows: [(String, String, String)]
        var overview: Double
        var afterChanges: Double
        /// The bureau it built, for the server benchmark to serve.
        var workspace: Workspace
    }

    /// About 200 entries of one administration's year, deterministic per index.
    static func year(_ i: Int, relations: Int = 12) -> [EntryDraft] {
        var rng = SeededGenerator(seed: UInt64(i) &* 0x9E37_79B9 &+ 17)
        var entries: [EntryDraft] = [EntryDraft(journal: "MEM", date: try! LocalDate(parsing: "2026-01-01"), description: "Kapitaal",
                                                lines: [EntryLineDraft(account: "10201", amount: 20_000_00),
                                                        EntryLineDraft(account: "05251", amount: -20_000_00)])]
        for month in 1...11 {
            for n in 0..<9 {
                let date = try! LocalDate(year: 2026, month: month, day: 1 + n * 3)
                let net = Int64(rng.int(100...4_000)) * 100, vat = net * 21 / 100
                let customer = "C\(rng.int(1...relations))", invoice = "F\(month)-\(n)"
                entries.append(EntryDraft(journal: "VK", date: date, description: "Factuur \(invoice)", lines: [
                    EntryLineDraft(account: "13011", amount: net + vat, relation: customer, invoice: invoice),
                    EntryLineDraft(account: "80301", amount: -net, vatCode: "V21", vatAmount: -vat),
                    EntryLineDraft(account: "16201", amount: -vat),
                ]))
                if rng.int(0...9) < 7 {
                    entries.append(EntryDraft(journal: "BNK", date: date.adding(days: rng.int(10...40)), description: "Ontvangst \(invoice)",
                                              lines: [EntryLineDraft(account: "10201", amount: net + vat),
                                                      EntryLineDraft(account: "13011", amount: -(net + vat), relation: customer, invoice: invoice)]))
                }
            }
            for n in 0..<4 {
                let amount = Int64(rng.int(50...1_500)) * 100
                entries.append(EntryDraft(journal: "IK", date: try! LocalDate(year: 2026, month: month, day: 2 + n * 5),
                                          description: "Inkoop", lines: [
                    EntryLineDraft(account: "46801", amount: amount),
                    EntryLineDraft(account: "16011", amount: -amount, relation: "S\(rng.int(1...3))", invoice: "I\(month)-\(n)"),
                ]))
            }
            entries.append(EntryDraft(journal: "MEM", date: try! LocalDate(year: 2026, month: month, day: 25), description: "Lonen",
                                      lines: [EntryLineDraft(account: "40110", amount: 3_000_00),
                                              EntryLineDraft(account: "10201", amount: -3_000_00)]))
        }
        return entries.filter { $0.date <= (try! LocalDate(parsing: "2026-11-20")) }
    }

    func run() async throws -> Result {
        let clock = ContinuousClock()
        var rows: [(String, String, String)] = []
        let ws = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let set = try ws.templateSet()
        let clusters = ["mkb", "landbouw", "horeca"]
        let ids = (0..<administrations).map { "\(clusters[$0 % 3])-\(String(format: "%05d", $0 / 3 + 1))" }
        let start = clock.now
        for chunk in stride(from: 0, to: ids.count, by: 1_000) {
            let slice = ids[chunk..<min(chunk + 1_000, ids.count)]
            try await ws.createAdministrations(slice.map { ($0, $0, String($0.prefix { $0 != "-" })) }, openYear: 2026, in: set)
        }
        var entries = 0, bankLines = 0
        for (i, id) in ids.enumerated() {
            for r in 1...12 {
                try await ws.ledger.save(Relation(number: "C\(r)", name: "Klant \(r)", kind: .customer,
                                                  iban: r % 4 == 0 ? nil : "NL\(r)BANK\(i)"), in: id)
            }
            for s in 1...3 { try await ws.ledger.save(Relation(number: "S\(s)", name: "Leverancier \(s)", kind: .supplier), in: id) }
            let year = Self.year(i)
            _ = try await ws.ledger.post(year, to: id)
            entries += year.count
            let lines = (0..<(i % 7 * 3)).map { n in
                BankStatementLine(id: 0, account: "10201", date: try! LocalDate(year: 2026, month: 11, day: 1 + n % 19),
                                  amount: Money(minorUnits: Int64(100 * (n + 1)), currency: .eur), counterpartyName: nil,
                                  counterpartyIBAN: nil, description: "te verwerken", reference: "U\(n)", entryID: nil)
            }
            bankLines += try await ws.ledger.addBankLines(lines, to: id)
        }
        rows.append(("set-up: \(administrations) administrations", "\(entries) entries, \(bankLines) open bank lines",
                     String(format: "%.1f s", seconds(clock.now - start))))
        let monitor = MonitorService(ledger: ws.ledger)
        let today = try LocalDate(parsing: "2026-11-20")

        let first = clock.now
        let gathered = try await monitor.refresh(today: today)
        rows.append(("first gathering of facts (once; then only what changed)", "\(gathered.gathered) administrations",
                     String(format: "%.2f s", seconds(clock.now - first))))

        let later = today.adding(days: 2)
        let overviewStart = clock.now
        let overview = try await monitor.overview(user: "bench", scope: .bureau, today: later)
        let overviewTime = seconds(clock.now - overviewStart)
        let flagged = overview.indicators.reduce(0) { $0 + $1.exceeding }
        rows.append(("overview, every indicator, whole bureau, 2 days later", "\(overview.indicators.count) indicators, \(flagged) flags",
                     String(format: "%.3f s", overviewTime)))

        for id in ids.enumerated().filter({ $0.offset % 100 == 5 }).map(\.element) {
            _ = try await ws.ledger.post(EntryDraft(journal: "MEM", date: later, description: "Vraagpost", lines: [
                EntryLineDraft(account: "14590", amount: 12_50), EntryLineDraft(account: "10201", amount: -12_50)]), to: id)
        }
        let changedStart = clock.now
        let again = try await monitor.overview(user: "bench", scope: .bureau, today: later)
        let afterChanges = seconds(clock.now - changedStart)
        rows.append(("overview after 1% of the administrations posted", "\(again.indicators.first { $0.indicator.id == "general-ledger.suspense-amount" }!.exceeding) suspense flags",
                     String(format: "%.3f s", afterChanges)))

        let drillStart = clock.now
        let drilled = try await monitor.drill("sales.overdue-receivables", user: "bench", scope: .bureau, today: later, limit: 50)
        rows.append(("drill-down sales.overdue-receivables, worst 50 of the bureau", "\(drilled.reduce(0) { $0 + $1.items.count }) items",
                     String(format: "%.3f s", seconds(clock.now - drillStart))))
        return Result(rows: rows, overview: overviewTime, afterChanges: afterChanges, workspace: ws)
    }
}
