import Core
import Foundation
import Ledger
import Store

// ledgerops-bench: measures the ledger on demo data. `--tiny` runs every benchmark once at a small size so that
// `make test` keeps them working; without it the sizes are the real ones (run by `make bench`, release build).

let tiny = CommandLine.arguments.contains("--tiny")
let administrations = tiny ? 2 : 60
let repeats = tiny ? 1 : 20

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

// 2. Trial balance from maintained balances vs. summing every posted line.
let admin = report.administrations[0]
let from = try LocalDate(parsing: "2026-01-01"), to = try LocalDate(parsing: "2026-12-31")
var tb: TrialBalance?
let tbStart = clock.now
for _ in 0..<repeats { tb = try await ledger.trialBalance(admin, from: from, to: to) }
let tbTime = seconds(clock.now - tbStart) / Double(repeats)
let scanStart = clock.now
var scanned = 0
for _ in 0..<repeats {
    scanned = try await workspace.store.read { tx in try tx.balancesFromLines(admin).count }
}
let scanTime = seconds(clock.now - scanStart) / Double(repeats)
rows.append(("trial balance, full year (maintained balances)", "\(tb?.rows.count ?? 0) accounts",
             String(format: "%.2f ms", tbTime * 1000)))
rows.append(("same totals summed from every line (floor of a scan)", "\(scanned) groups",
             String(format: "%.2f ms  (ratio %.2f)", scanTime * 1000, tbTime / max(scanTime, 1e-9))))

// 3. A partial-period trial balance (mid-month to mid-month) touches lines only at the two edges.
let partialStart = clock.now
for _ in 0..<repeats {
    _ = try await ledger.trialBalance(admin, from: try LocalDate(parsing: "2026-02-14"), to: try LocalDate(parsing: "2026-09-17"))
}
rows.append(("trial balance, 2026-02-14 – 2026-09-17", "", String(format: "%.2f ms",
             seconds(clock.now - partialStart) / Double(repeats) * 1000)))

let width = rows.map(\.0.count).max() ?? 0
print("ledgerops-bench" + (tiny ? " (tiny)" : "") + ": SQLite \(workspace.store.path)")
for (name, size, time) in rows {
    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + size.padding(toLength: 32, withPad: " ",
          startingAt: 0) + "  " + time)
}
