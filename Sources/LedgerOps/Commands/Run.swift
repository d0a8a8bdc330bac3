import Consolidation
import ArgumentParser
import Core
import Foundation
import Ledger
import Monitoring
import Reconciler

/// `ledgerops run`: the main job. Creates the workspace and demo when missing, then reports on it.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: set up the workspace (with demo data when empty) and report on it.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Demo administrations to create when the workspace is empty.") var administrations = 300
    @Option(help: "Demo seed.") var seed: UInt64 = 2026
    @Flag(help: "Then serve the web API and run the reconciler timer (as `make run` does).") var serve = false
    @Option(help: "Address to serve on.") var address = "127.0.0.1:8080"

    func run() async throws {
        try await face {
            let today = try global.todayDate()
            if (try? global.openWorkspace()) == nil {
                print("Creating workspace \(global.workspacePath) with \(administrations) demo administrations…")
                let started = ContinuousClock.now
                let report = try await Demo.generate(global: global, count: administrations, seed: seed, year: nil,
                                                     createWorkspace: true)
                let elapsed = (ContinuousClock.now - started).components
                print("  \(report.administrations.count) administrations, \(report.entries) entries, \(report.lines) "
                    + "lines in \(elapsed.seconds) s")
            }
            let workspace = try global.openWorkspace()
            let ledger = workspace.ledger
            let admins = try await ledger.administrations()
            guard let first = admins.first(where: { $0.cluster != nil }) ?? admins.first else {
                return print("The workspace has no administrations yet.")
            }
            var byCluster: [String: Int] = [:]
            for a in admins { byCluster[a.cluster ?? "no cluster", default: 0] += 1 }
            print("Workspace \(global.workspacePath): \(admins.count) administrations ("
                + byCluster.keys.sorted().map { "\($0) \(byCluster[$0]!)" }.joined(separator: ", ") + ")")
            let pass = try await ReconcilerService(workspace: workspace).pass(now: "\(today)T00:00:00Z")
            print("Reconciled against templates.git \(pass.revision.prefix(7)): "
                + SyncStatus.allCases.compactMap { s in pass.counts[s].map { "\(s.rawValue) \($0)" } }.joined(separator: ", ") + "\n")
            let overview = try await MonitorService(ledger: ledger).overview(user: "bureau", scope: .bureau, today: today)
            let busiest = overview.indicators.filter { $0.exceeding > 0 }.sorted { $0.exceeding > $1.exceeding }
            print("Monitor on \(today): \(busiest.count) of \(overview.indicators.count) indicators flag administrations; the most:")
            for c in busiest.prefix(8) { print("  \(String(c.exceeding).leftPadded(4)) × \(c.indicator.id) — \(c.indicator.title)") }
            print("  (`ledgerops monitor --all`, `ledgerops monitor drill ID --all`)\n")
            let calendar = try FiscalCalendar(startMonth: first.fiscalYearStart)
            let year = calendar.fiscalYear(containing: today)
            let tb = try await ledger.trialBalance(first.id, from: calendar.startOfYear(year), to: today)
            print(try TrialBalanceOutput.render(tb, format: .table))
            print("")
            print(OpenItemsOutput.render(try await ledger.openItems(first.id, today: today), listItems: false))
            // What the bank lines to process would come to: matching proposes, nothing is posted here.
            var toProcess = 0, matchable = 0, withLines = 0
            for admin in admins {
                let preview = try await ledger.matchBankLines(admin.id, dryRun: true)
                toProcess += preview.outcomes.count
                matchable += preview.matched.count
                if !preview.outcomes.isEmpty { withLines += 1 }
            }
            print("\nBank: \(toProcess) lines to process in \(withLines) administrations; matching would settle \(matchable) of them "
                + "with open items (`ledgerops bank match \(first.id)`, or /administrations/\(first.id)/bank)")
            let consolidation = ConsolidationService(workspace: workspace)
            for group in try await consolidation.groups() {
                // A group that cannot be consolidated (a rate missing, say) is reported; the main job goes on.
                let result: Consolidation
                do {
                    result = try await consolidation.consolidate(
                        group.name, range: try await consolidation.range(of: group.name, period: nil, today: today))
                } catch {
                    print("\nGroup \(group.name): cannot consolidate: \(error)")
                    continue
                }
                let d = group.currency.minorDigits
                print("\nGroup \(group.name): \(result.columns.count - 3) entities, consolidated \(result.from) – \(result.to): "
                    + "result \(Money.formatGrouped(result.ownersResult, digits: d)) \(group.currency) to the owners, "
                    + "\(Money.formatGrouped(result.nonControllingResult, digits: d)) to non-controlling interests, "
                    + "\(result.closing.adjustments.count) eliminations, \(result.closing.mismatches.count) intercompany differences "
                    + "(`ledgerops consolidate \(group.name)`)")
            }
            guard serve else { return }
            try await DemoUsers.ensure(workspace, at: try global.nowStamp())
            try await ServeCommand.serve(workspace, address: address, interval: 60)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
