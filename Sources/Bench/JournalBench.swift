import Core
import Foundation
import Ledger
import Store
import Workspace

/// Import of a large plain-text journal against ledger-cli and hledger reading the same file, and against the
/// floor: SQLite inserting the same rows with no parsing and no rules.
struct JournalBench {
    let transactions: Int
    let directory: String
    let binaryDirectory: String
    let projectRoot: String
    let strict: Bool

    struct Row {
        var name: String
        var seconds: Double?
        var memoryMB: Double?
        var note: String = ""
    }

    /// Writes the synthetic journal. Run in a child process, so the measuring process never holds it: a spawned
    /// program inherits its parent's memory high-water mark until it execs, and would report it as its own.
    static func writeJournal(to file: String, transactions: Int) throws {
        let journal = SyntheticJournal(transactions: transactions, seed: 2026)
        guard FileManager.default.createFile(atPath: file, contents: Data(journal.text())) else {
            throw BenchError("cannot write \(file)")
        }
    }

    func run() async throws -> [Row] {
        let clock = ContinuousClock()
        let file = directory + "/bench.journal"
        let writer = try ChildProcess.run(binaryDirectory + "/ledgerops-bench",
                                          ["--write-journal", file, "--transactions", String(transactions)])
        guard writer.status == 0 else { throw BenchError("cannot write the journal: \(writer.errors)") }
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        var rows: [Row] = []

        // (a) Our import, as a user runs it: a new process, a fresh workspace.
        let ledgerops = binaryDirectory + "/ledgerops"
        let workspace = directory + "/ws"
        for args in [["init", workspace, "--templates", projectRoot],
                     ["admin", "create", "big", "--name", "Big", "--year", "2026", "--workspace", workspace]] {
            let r = try ChildProcess.run(ledgerops, args)
            guard r.status == 0 else { throw BenchError("ledgerops \(args[0]) failed: \(r.errors)") }
        }
        let ours = try ChildProcess.run(ledgerops, ["import", "journal", "big", file, "--create-accounts", "--workspace", workspace])
        guard ours.status == 0 else { throw BenchError("ledgerops import failed (exit \(ours.status)): \(ours.errors)") }
        rows.append(Row(name: "(a) ledgerops import journal", seconds: ours.seconds, memoryMB: ours.peakMemoryMB))

        // (b) Our trial balance of the imported year, as a command.
        let tbCLI = try ChildProcess.run(ledgerops, ["report", "trial-balance", "big", "--from", "2026-01-01", "--to",
                                                     "2026-12-31", "--workspace", workspace])
        rows.append(Row(name: "(b) ledgerops report trial-balance (whole process)", seconds: tbCLI.seconds,
                        memoryMB: tbCLI.peakMemoryMB))

        // (c) The peers on the same file.
        for (peer, args) in [("ledger", ["-f", file, "bal"]), ("hledger", ["-f", file, "bal"])] {
            guard let path = ChildProcess.find(peer) else {
                if strict { throw BenchError("\(peer) is not installed; `make bench` installs it") }
                rows.append(Row(name: "(c) \(peer) bal", seconds: nil, memoryMB: nil, note: "not installed"))
                continue
            }
            let r = try ChildProcess.run(path, args)
            guard r.status == 0 else { throw BenchError("\(peer) bal failed (exit \(r.status)): \(r.errors)") }
            rows.append(Row(name: "(c) \(peer) bal", seconds: r.seconds, memoryMB: r.peakMemoryMB,
                            note: String(format: "our import / this = %.2f", ours.seconds / r.seconds)))
        }

        // (b) The trial balance as a service call, in this process.
        let ws = try Workspace.open(workspace)
        let start = try LocalDate(year: 2026, month: 1, day: 1), end = try LocalDate(year: 2026, month: 12, day: 31)
        let repeats = 5
        let tbStart = clock.now
        var accounts = 0
        for _ in 0..<repeats { accounts = try await ws.ledger.trialBalance("big", from: start, to: end).rows.count }
        rows.insert(Row(name: "(b) trial balance, \(accounts) accounts (service call)",
                        seconds: seconds(clock.now - tbStart) / Double(repeats), memoryMB: nil), at: 1)

        // (d) The floor: the same entry and line rows inserted through the store's statements, nothing else — with
        // SQLite's per-row foreign-key checks off, as the import has them.
        // Built last, in this process: it needs every row in memory first.
        let journal = SyntheticJournal(transactions: transactions, seed: 2026)
        rows.insert(Row(name: "journal: \(transactions) transactions, \(journal.postingCount) postings, "
            + "\(journal.accounts.count) accounts, \(size / 1_000_000) MB", seconds: nil, memoryMB: nil), at: 0)
        let floorStore = try LedgerStore(path: directory + "/floor.sqlite")
        var chart = try ChartLoader.load(directory: projectRoot + "/templates/base")
        for (name, type) in journal.accounts {
            let t: AccountType = switch type {
            case "C": .asset
            case "L": .liability
            case "E": .equity
            case "R": .revenue
            default: .expense
            }
            chart.accounts.append(Account(code: name, name: name, type: t, normalSide: t == .asset || t == .expense ? .debit : .credit))
        }
        _ = try await LedgerService(store: floorStore).createAdministration(
            Administration(id: "big", name: "Floor", currency: .eur), chart: chart, openYear: 2026)
        let names = journal.accounts.map(\.name)
        let entries: [PostedEntry] = journal.transactions.enumerated().map { i, t in
            let date = start.adding(days: Int(t.day))
            return PostedEntry(
                id: 0, administration: "big", number: Int64(i + 1), journal: "MEM", date: date, year: 2026,
                period: date.month, description: "Payee \(t.payee)", source: "journal", reference: String(i, radix: 36),
                kind: .standard, reversalOf: nil, reversedBy: nil,
                lines: t.postings.enumerated().map { n, p in PostedLine(number: n + 1, account: names[Int(p.0)], amount: p.1) })
        }
        let floorStart = clock.now
        try await floorStore.writeCheckedByCaller { tx in
            let writer = try tx.entryWriter()
            for e in entries { _ = try writer.insert(e) }
        }
        let floor = seconds(clock.now - floorStart)
        rows.append(Row(name: "(d) SQLite floor: the same rows into the ledger's tables, no parsing, no rules",
                        seconds: floor, memoryMB: nil, note: String(format: "our import / this = %.2f", ours.seconds / floor)))
        let bareStart = clock.now
        try BareTableFloor.insert(entries, into: directory + "/bare.sqlite")
        let bare = seconds(clock.now - bareStart)
        rows.append(Row(name: "(d) SQLite, the same rows into bare tables (no index, no constraint)", seconds: bare,
                        memoryMB: nil, note: String(format: "our import / this = %.2f", ours.seconds / bare)))
        return rows
    }
}
