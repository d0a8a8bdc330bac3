import Core
import Foundation
import Ledger
import Store
import Workspace

/// Posting through the service (demo administrations, and one large administration in batches) and the
/// trial balance from maintained balances against a scan of every posted line.
struct PostingBench {
    let tiny: Bool
    let directory: String
    let projectRoot: String

    func run() async throws -> [(String, String, String)] {
        let administrations = tiny ? 2 : 60
        let repeats = tiny ? 1 : 10
        let workspace = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let chart = try ChartLoader.load(directory: projectRoot + "/templates/base")
        let ledger = workspace.ledger
        let clock = ContinuousClock()
        var rows: [(String, String, String)] = []

        let demoStart = clock.now
        let report = try await DemoGenerator(ledger: ledger, chart: chart).run(
            .init(administrations: administrations, seed: 7, year: 2026))
        let demoTime = seconds(clock.now - demoStart)
        rows.append(("post: demo, \(administrations) administrations", "\(report.entries) entries",
                     String(format: "%.3f s (%.0f entries/s)", demoTime, Double(report.entries) / demoTime)))

        let bigEntries = tiny ? 2_000 : 200_000
        let big = "big"
        _ = try await ledger.createAdministration(
            Administration(id: big, name: "Large B.V.", currency: .eur), chart: chart, openYear: 2026)
        try await ledger.save(CostCentre(code: "P1", name: "Project"), in: big)
        let bank = chart.account(for: .bank)!.code
        let expenses = chart.accounts.filter { $0.type == .expense && $0.vatCode == "I21" }.map(\.code)
        var rng = SeededGenerator(seed: 11)
        let bigStart = clock.now
        var batch: [EntryDraft] = []
        for i in 0..<bigEntries {
            let amount = Int64(rng.int(1...100_000))
            let date = try LocalDate(year: 2026, month: rng.int(1...12), day: rng.int(1...28))
            batch.append(EntryDraft(journal: "MEM", date: date, description: "Entry \(i)", lines: [
                EntryLineDraft(account: rng.pick(expenses), amount: amount, costCentre: rng.chance(30) ? "P1" : nil),
                EntryLineDraft(account: bank, amount: -amount),
            ]))
            if batch.count == 10_000 || i == bigEntries - 1 {
                _ = try await ledger.post(batch, to: big)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let bigTime = seconds(clock.now - bigStart)
        rows.append(("post: one administration, batches of 10,000", "\(bigEntries) entries",
                     String(format: "%.3f s (%.0f entries/s)", bigTime, Double(bigEntries) / bigTime)))

        let from = try LocalDate(parsing: "2026-01-01"), to = try LocalDate(parsing: "2026-12-31")
        func timed(_ body: () async throws -> Void) async rethrows -> Double {
            let start = clock.now
            for _ in 0..<repeats { try await body() }
            return seconds(clock.now - start) / Double(repeats)
        }
        let tb = try await timed { _ = try await ledger.trialBalance(big, from: from, to: to) }
        let scan = try await timed { _ = try await workspace.store.read { tx in try tx.balancesFromLines(big).count } }
        rows.append(("trial balance, full year (maintained balances)", "", String(format: "%.2f ms", tb * 1000)))
        rows.append(("the same totals summed from every posted line", "\(2 * bigEntries) lines",
                     String(format: "%.2f ms (%.0fx slower)", scan * 1000, scan / tb)))
        let partial = try await timed {
            _ = try await ledger.trialBalance(big, from: try LocalDate(parsing: "2026-02-14"), to: try LocalDate(parsing: "2026-09-17"))
        }
        rows.append(("trial balance, 2026-02-14 – 2026-09-17", "", String(format: "%.2f ms", partial * 1000)))
        let cc = try await timed { _ = try await ledger.trialBalance(big, from: from, to: to, costCentre: "P1") }
        rows.append(("trial balance, full year, one cost centre", "", String(format: "%.2f ms", cc * 1000)))
        return rows
    }
}
