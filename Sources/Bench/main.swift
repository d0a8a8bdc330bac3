import Core
import Foundation
import Ledger
import Store

// ledgerops-bench: measures the ledger on demo data. `--tiny` runs every benchmark once at a small size so that
// `make test` keeps them working; without it the sizes are the real ones (run by `make bench`, release build).

let tiny = CommandLine.arguments.contains("--tiny")
let administrations = tiny ? 2 : 60
let repeats = tiny ? 1 : 10

func projectRoot() -> String {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<2 { dir = dir.deletingLastPathComponent() }
    return dir.path
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

let root = projectRoot()
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-bench-\(getpid())").path
defer { try? FileManager.default.removeItem(atPath: dir) }
let workspace = try Workspace.initialize(dir, templatesFrom: root)
let chart = try ChartLoader.load(directory: workspace.baseChartDirectory)
let ledger = workspace.ledger
let clock = ContinuousClock()

var rows: [(String, String, String)] = []

// 1. Posting: demo administrations, every entry through the posting rules, one transaction per administration.
let demoStart = clock.now
let report = try await DemoGenerator(ledger: ledger, chart: chart).run(
    .init(administrations: administrations, seed: 7, year: 2026))
let demoTime = seconds(clock.now - demoStart)
rows.append(("post (demo, \(administrations) administrations)", "\(report.entries) entries / \(report.lines) lines",
             String(format: "%.3f s  (%.0f entries/s)", demoTime, Double(report.entries) / demoTime)))

// 2. One large administration: many postings, so the trial balance's cost can be told apart from a scan.
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
rows.append(("post, one administration, batches of 10,000", "\(bigEntries) entries / \(2 * bigEntries) lines",
             String(format: "%.3f s  (%.0f entries/s)", bigTime, Double(bigEntries) / bigTime)))

// 3. Trial balance from maintained balances vs. summing every posted line of that administration.
let from = try LocalDate(parsing: "2026-01-01"), to = try LocalDate(parsing: "2026-12-31")
var tb: TrialBalance?
let tbStart = clock.now
for _ in 0..<repeats { tb = try await ledger.trialBalance(big, from: from, to: to) }
let tbTime = seconds(clock.now - tbStart) / Double(repeats)
let scanStart = clock.now
var scanned = 0
for _ in 0..<repeats {
    scanned = try await workspace.store.read { tx in try tx.balancesFromLines(big).count }
}
let scanTime = seconds(clock.now - scanStart) / Double(repeats)
rows.append(("trial balance, full year (maintained balances)", "\(tb?.rows.count ?? 0) accounts",
             String(format: "%.2f ms", tbTime * 1000)))
rows.append(("same totals summed from every posted line (a scan)", "\(2 * bigEntries) lines",
             String(format: "%.2f ms  (trial balance %.1fx faster)", scanTime * 1000, scanTime / max(tbTime, 1e-9))))

// 4. A partial-period trial balance (mid-month to mid-month) reads lines only for the two edge periods.
let partialStart = clock.now
for _ in 0..<repeats {
    _ = try await ledger.trialBalance(big, from: try LocalDate(parsing: "2026-02-14"), to: try LocalDate(parsing: "2026-09-17"))
}
rows.append(("trial balance, 2026-02-14 – 2026-09-17", "", String(format: "%.2f ms",
             seconds(clock.now - partialStart) / Double(repeats) * 1000)))
let ccStart = clock.now
for _ in 0..<repeats { _ = try await ledger.trialBalance(big, from: from, to: to, costCentre: "P1") }
rows.append(("trial balance, full year, cost centre P1", "", String(format: "%.2f ms",
             seconds(clock.now - ccStart) / Double(repeats) * 1000)))

let width = rows.map(\.0.count).max() ?? 0
print("ledgerops-bench" + (tiny ? " (tiny)" : "") + ": SQLite \(workspace.store.path)")
for (name, size, time) in rows {
    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + size.padding(toLength: 32, withPad: " ",
          startingAt: 0) + "  " + time)
}
