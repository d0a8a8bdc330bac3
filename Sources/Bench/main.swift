import Core
import Foundation
import Ledger
import Store

// ledgerops-bench: the ledger's speed, measured. `--tiny` runs every benchmark once at a small size so that
// `make test` keeps them working; `make bench` runs the real sizes on a release build.
// `--transactions N` sets the journal size (default 1,000,000); `--bureau N` the number of administrations the
// reconciler benchmark runs over (default 10,000); `--keep` leaves the workspaces for profiling.

let arguments = CommandLine.arguments
if arguments.count > 3, arguments[1] == "--measure" { ChildProcess.measure(arguments[2...]) }
let tiny = arguments.contains("--tiny")
let journalSize = arguments.firstIndex(of: "--transactions").flatMap { Int(arguments[$0 + 1]) } ?? (tiny ? 2_000 : 1_000_000)

func projectRoot() -> String {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<2 { dir = dir.deletingLastPathComponent() }
    return dir.path
}

if let i = arguments.firstIndex(of: "--write-journal") {
    do { try JournalBench.writeJournal(to: arguments[i + 1], transactions: journalSize) } catch {
        FileHandle.standardError.write(Data("ledgerops-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

let root = projectRoot()
let binaryDirectory = URL(fileURLWithPath: arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let keep = arguments.contains("--keep")
/// `--only journal|xaf|templates|reconciler|reports|consolidation|budgets|monitor|bank|sync|posting` runs one part (for profiling; `make bench` runs all).
let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
func runs(_ part: String) -> Bool { only == nil || only == part }
defer { if keep { print("kept \(dir)") } else { try? FileManager.default.removeItem(atPath: dir) } }

do {
    print("ledgerops-bench" + (tiny ? " (tiny)" : "") + " — wall seconds; peak memory of whole processes")
    print("")
    // The journal first: its programs are spawned while this process is still small (see JournalBench).
    let strict = ProcessInfo.processInfo.environment["CI"] == "true" || !tiny
    if runs("journal") {
    let rows = try await JournalBench(transactions: journalSize, directory: dir, binaryDirectory: binaryDirectory,
                                      projectRoot: root, strict: strict).run()
    printTable(["plain-text journal", "seconds", "peak MB", ""], rows.map { r in
        [r.name, r.seconds.map { String(format: "%.3f", $0) } ?? "", r.memoryMB.map { String(format: "%.0f", $0) } ?? "", r.note]
    })
    if !tiny { try checkTargets(rows) }
    print("")
    }
    if runs("xaf") {
    let xaf = try XAFBench(tiny: tiny, directory: dir + "/xaf", binaryDirectory: binaryDirectory, projectRoot: root).run()
    printTable(["XAF import", "memory", "time"], xaf.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((xaf.seconds <= 3 ? "met     " : "MISSED  ") + String(format: "100,000 transactions imported ≤ 3 s: %.2f s", xaf.seconds))
        print((xaf.memoryGrowthMB <= 50 ? "met     " : "MISSED  ")
            + String(format: "peak memory at 100,000 within 50 MB of 10,000: %+.0f MB", xaf.memoryGrowthMB))
    }
    print("")
    }
    if runs("templates") {
    let templates = try TemplateBench(directory: dir + "/templates", projectRoot: root, tiny: tiny).run()
    printTable(["templates in git", "size", "time"], templates.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((templates.coldMedian <= 0.05 ? "met     " : "MISSED  ")
            + String(format: "cold resolve + read + render + hash of every cluster ≤ 50 ms: %.1f ms", templates.coldMedian * 1000))
    }
    print("")
    }
    if runs("reconciler") {
    let bureau = arguments.firstIndex(of: "--bureau").flatMap { Int(arguments[$0 + 1]) } ?? (tiny ? 60 : 10_000)
    let reconcile = try await ReconcilerBench(administrations: bureau, directory: dir + "/bureau",
                                              projectRoot: root, binaryDirectory: binaryDirectory).run()
    printTable(["reconciler", "", "time"], reconcile.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((reconcile.unchanged <= 0.5 ? "met     " : "MISSED  ")
            + String(format: "status pass with nothing changed ≤ 0.5 s: %.3f s", reconcile.unchanged))
        print((reconcile.planned <= 3 ? "met     " : "MISSED  ")
            + String(format: "planning every administration after a commit ≤ 3 s: %.3f s", reconcile.planned))
        print((reconcile.distributed <= 15 ? "met     " : "MISSED  ")
            + String(format: "distributing a one-account change to every administration ≤ 15 s: %.2f s", reconcile.distributed))
    }
    print("")
    }
    if runs("reports") {
    let reports = try await ReportBench(tiny: tiny, directory: dir + "/reports", projectRoot: root).run()
    printTable(["reports", "size", "time"], reports.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((reports.warmMedian <= 0.05 ? "met     " : "MISSED  ")
            + String(format: "all reports for one administration with ~100,000 entries ≤ 50 ms: %.1f ms", reports.warmMedian * 1000))
    }
    print("")
    }
    if runs("consolidation") {
    let consolidation = try await ConsolidationBench(tiny: tiny, directory: dir + "/consolidation", projectRoot: root).run()
    printTable(["consolidation", "size", "time"], consolidation.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((consolidation.warmMedian <= 1 ? "met     " : "MISSED  ")
            + String(format: "100 entities × 12 periods consolidated ≤ 1 s: %.3f s", consolidation.warmMedian))
    }
    print("")
    }
    if runs("budgets") {
    let budgets = try await BudgetBench(tiny: tiny).run()
    printTable(["budgets", "size", "time"], budgets.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((budgets.median <= 1 ? "met     " : "MISSED  ")
            + String(format: "1,000 administrations × 300 lines × 12 periods computed ≤ 1 s: %.3f s", budgets.median))
    }
    print("")
    }
    if runs("monitor") {
    let size = arguments.firstIndex(of: "--monitor").flatMap { Int(arguments[$0 + 1]) } ?? (tiny ? 30 : 10_000)
    let monitor = try await MonitorBench(administrations: size, directory: dir + "/monitor", projectRoot: root).run()
    printTable(["monitor", "size", "time"], monitor.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((monitor.overview <= 1 ? "met     " : "MISSED  ")
            + String(format: "all indicators for the bureau ≤ 1 s: %.3f s (after 1%% changed: %.3f s)", monitor.overview,
                     monitor.afterChanges))
    }
    print("")
    // The same bureau, served.
    if let served = try await ServerBench(workspace: monitor.workspace, tiny: tiny).run() {
        printTable(["server (\(size) administrations)", "load", "result"], served.rows.map { [$0.0, $0.1, $0.2] })
        if !tiny {
            for load in served.loads {
                print((load.requests >= 2_000 && load.p99 <= 50 ? "met     " : "MISSED  ")
                    + String(format: "%@ ≥ 2,000 req/s and p99 ≤ 50 ms: %.0f req/s, p99 %.1f ms", load.name, load.requests, load.p99))
            }
        }
    } else {
        print("server: skipped, wrk is not installed (make bench installs it)")
    }
    print("")
    }
    if runs("bank") {
    let bank = try await BankBench(tiny: tiny, directory: dir + "/bank", projectRoot: root).run()
    printTable(["bank matching", "size", "time"], bank.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((bank.matchAndPost <= 1 ? "met     " : "MISSED  ")
            + String(format: "match 10,000 bank lines against 50,000 open items (posting included) ≤ 1 s: %.3f s", bank.matchAndPost))
    }
    print("")
    }
    if runs("sync") {
    let sync = try await SyncBench(invoices: tiny ? 50 : 1_000, directory: dir + "/sync", projectRoot: root).run()
    printTable(["CRM sync API", "size", "time"], sync.rows.map { [$0.0, $0.1, $0.2] })
    if !tiny {
        print((sync.postSeconds <= 2 ? "met     " : "MISSED  ")
            + String(format: "1,000 invoice posts over HTTP ≤ 2 s: %.3f s", sync.postSeconds))
    }
    print("")
    }
    if runs("posting") {
    let postingRows = try await PostingBench(tiny: tiny, directory: dir + "/posting", projectRoot: root).run()
    printTable(["posting and trial balance", "size", "time"], postingRows.map { [$0.0, $0.1, $0.2] })
    }
} catch {
    FileHandle.standardError.write(Data("ledgerops-bench: \(error)\n".utf8))
    try? FileManager.default.removeItem(atPath: dir)
    exit(1)
}

/// The targets, checked on the full-size run: import ≤ ledger's bal and ≤ 2× the floor, trial balance
/// ≤ 0.2 s, peak memory ≤ 1 GB.
func checkTargets(_ rows: [JournalBench.Row]) throws {
    func find(_ prefix: String) -> JournalBench.Row? { rows.first { $0.name.hasPrefix(prefix) } }
    guard let ours = find("(a)"), let oursTime = ours.seconds, let floor = find("(d) SQLite floor")?.seconds,
          let tb = find("(b) trial balance,")?.seconds
    else { return }
    var lines: [(String, Bool)] = [
        (String(format: "import ≤ 2× the SQLite floor: %.2fx", oursTime / floor), oursTime <= 2 * floor),
        (String(format: "trial balance ≤ 0.2 s: %.3f s", tb), tb <= 0.2),
        (String(format: "peak memory of the import ≤ 1 GB: %.0f MB", ours.memoryMB ?? 0), (ours.memoryMB ?? 0) <= 1024),
    ]
    if let ledger = find("(c) ledger")?.seconds {
        lines.insert((String(format: "import ≤ ledger bal: ratio %.2f", oursTime / ledger), oursTime <= ledger), at: 0)
    }
    print("")
    for (text, ok) in lines { print((ok ? "met     " : "MISSED  ") + text) }
}

func printTable(_ headers: [String], _ rows: [[String]]) {
    var widths = headers.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            i == 0 || i == cells.count - 1 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - c.count) + c
        }.joined(separator: "  ")
    }
    print(line(headers))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print(line(row)) }
}
