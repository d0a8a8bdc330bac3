import ArgumentParser
import Core
import Foundation
import Ledger
import Logging
import Notifications
import Reconciler
import ServiceLifecycle
import Templates
import Server
import Workflow
import Workspace

/// `ledgerops reconcile`: one pass over every administration, or a pass on a timer.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Recompute every administration's status against the tracked branch.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "One pass, then stop (the default).") var once = false
    @Flag(help: "Keep passing, every --interval.") var watch = false
    @Option(help: "Time between passes with --watch, e.g. 30s, 5m (default: ledgerops.yaml).") var interval: String?

    func run() async throws {
        try await face {
                try await global.authorize(.admin)
            let ws = try global.openWorkspace()
            let reconciler = ReconcilerService(workspace: ws)
            let seconds = try interval.map(Self.parse) ?? ws.settings.reconcileIntervalSeconds
            guard watch else {
                let start = ContinuousClock.now
                let summary = try await reconciler.pass(now: WorkflowClock.system.stamp())
                Self.print(summary, ContinuousClock.now - start)
                return
            }
            // The loop as a service: SIGINT or SIGTERM lets a pass in progress finish, then stops.
            let logger = Logger(label: "ledgerops.reconcile")
            let loop = Self.timer(ws, interval: seconds, logger: logger, metrics: nil) { outcome in
                for id in outcome.proposed { Swift.print("proposed \(id) for review") }
                for id in outcome.distributed { Swift.print("carried distribution \(id) on") }
            }
            let group = ServiceGroup(configuration: .init(services: [loop], gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: logger))
            try await group.run()
        }
    }

    static func print(_ s: ReconcilerService.PassSummary, _ duration: Duration) {
        let counts = SyncStatus.allCases.compactMap { st in s.counts[st].map { "\(st.rawValue) \($0)" } }
        let elapsed = duration.components
        let ms = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
        Swift.print("\(s.revision.prefix(7)): " + counts.joined(separator: ", ") + "; \(s.changed) changed, \(s.skipped) "
            + "skipped unchanged, in " + String(format: "%.0f ms", ms))
    }

    /// The timer `serve` and `reconcile --watch` run: leader election, a pass, the workflow's tick, failures logged
    /// and counted (and, with `metrics`, shown by `/healthz` and `/metrics`). The clock is the system's: `--today`
    /// never moves a window or a lease.
    static func timer(_ ws: Workspace, interval: Int, logger: Logger, metrics: ServerMetrics?, crash: CrashProbe? = nil,
                      after: @escaping @Sendable (WorkflowTick.Outcome) -> Void)
        -> ReconcileLoop<ContinuousClock>
    {
        let clock = WorkflowClock.system
        let lease = crash?.leaseSeconds ?? ws.settings.leaseSeconds
        let distribution = DistributionService(workspace: ws, clock: clock, leaseSeconds: lease)
        let tick = WorkflowTick(proposals: ProposalService(workspace: ws), distribution: distribution,
                                owner: .thisProcess("timer"), leaderSeconds: max(lease, interval * 3), probe: crash?.probe)
        // Webhooks from the audit log, delivered beside the timer by the leader; the timer's health as events.
        let pump = WebhookPump(dispatcher: WebhookDispatcher(workspace: ws, logger: logger),
                               failingAfter: metrics?.unhealthyAfter ?? 3)
        return ReconcileLoop(
            reconciler: ReconcilerService(workspace: ws), clock: ContinuousClock(), interval: .seconds(interval),
            now: { clock.stamp() },
            report: { summary, duration in
                if let metrics {
                    metrics.pass(seconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18,
                                 statuses: Dictionary(summary.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a }))
                } else {
                    Self.print(summary, duration)
                }
            },
            failed: { error, inARow in
                logger.error("reconcile pass failed (\(inARow) in a row): \(describe(error))")
                metrics?.passFailed(describe(error), inARow: inARow)
                Task { await pump.passFailed(describe(error)) }
            },
            lead: {
                let leader = try await tick.lead()
                metrics?.leading(leader)
                return leader
            },
            stopped: {
                await pump.drain()
                try? await tick.resign()
            },
            afterPass: {
                after(try await tick.run())
                await pump.passSucceeded()
                await pump.kick()
            })
    }

    static func parse(_ text: String) throws -> Int {
        let unit = text.last.map { $0.isNumber ? "s" : String($0) } ?? "s"
        let number = Int(text.filter(\.isNumber)) ?? 0
        let factor = ["s": 1, "m": 60, "h": 3_600][unit]
        guard let factor, number > 0 else {
            throw LedgerError("invalid-field", "--interval", "'\(text)' is not a duration like 30s or 5m")
        }
        return number * factor
    }
}

/// `ledgerops status`: where every administration stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Status per administration, from the last pass.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this cluster.") var cluster: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
                try await global.authorize(.viewer)
            let ws = try global.openWorkspace()
            let admins = Dictionary(uniqueKeysWithValues: try await ws.ledger.administrations().map { ($0.id, $0) })
            let records = try await ReconcilerService(workspace: ws).records()
                .filter { cluster == nil || admins[$0.administration]?.cluster == cluster }
            if json { return try printJSON(records) }
            var counts: [String: Int] = [:]
            for r in records { counts[r.status, default: 0] += 1 }
            print(SyncStatus.allCases.compactMap { s in counts[s.rawValue].map { "\(s.rawValue) \($0)" } }.joined(separator: ", "))
            var table = TextTable(["administration", "cluster", "status", "since", "revision", "reason"])
            for r in records {
                table.add([r.administration, admins[r.administration]?.cluster ?? "", r.status, String(r.since.prefix(16)),
                           String((r.attemptedRevision ?? "").prefix(7)), r.message ?? ""])
            }
            print(table.render())
        }
    }
}

/// `ledgerops diff`: the plan for one administration, item by item.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "What the template would change in one administration.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Option(help: "Template revision (default: the tracked branch).") var rev: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
                try await global.authorize(.viewer)
            let plan = try await ReconcilerService(workspace: try global.openWorkspace()).plan(admin, at: rev)
            if json { return try printJSON(plan) }
            let colour = isatty(1) != 0
            func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
            print("\(admin) against \(plan.cluster) at \(plan.revision.prefix(7)): \(plan.status.rawValue), plan \(plan.hash.prefix(12))")
            if plan.items.isEmpty { print("  in sync") }
            for item in plan.items {
                let (mark, code) = switch item.action {
                case .add: ("+", "32")
                case .remove, .deactivate: ("-", "31")
                case .update, .revert, .renumber: ("~", "33")
                case .conflict, .blocked: ("!", "35")
                case .drift: ("?", "36")
                }
                print(paint("\(mark) \(item.action.rawValue) \(item.key)", code) + (item.reason.map { "  (\($0))" } ?? ""))
                for c in item.changes.flatMap(\.readable) { print("    " + c.text) }
            }
        }
    }
}
