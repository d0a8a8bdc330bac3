import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Reconciler
import Server
import ServiceLifecycle
import Workflow
import Workspace

/// `ledgerops serve`: the HTTP API and the reconciler timer in one process, shut down gracefully on SIGTERM/SIGINT
/// (a pass or an administration being applied finishes first).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "HTTP API and the reconciler timer.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var address = "127.0.0.1:8080"
    @Option(help: "Reconcile interval (30s, 5m).") var interval = "60s"

    func run() async throws {
        try await face { try await Self.serve(try global.openWorkspace(), address: address, interval: interval) }
    }

    /// Runs the server and the timer until SIGTERM or SIGINT.
    static func serve(_ workspace: Workspace, address: String, interval: String) async throws {
        do {
            let parts = address.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--address must be HOST:PORT") }
            let metrics = ServerMetrics()
            let env = ServerEnvironment(workspace: workspace, metrics: metrics)
            let app = LedgerOpsServer.application(env, host: String(parts[0]), port: port) { bound in
                say("LedgerOps listening on http://\(parts[0]):\(bound) (Ctrl-C stops it; a pass in progress finishes first)")
            }
            let now: @Sendable () -> String = { ISO8601DateFormatter().string(from: Date()) }
            let tick = WorkflowTick(proposals: ProposalService(workspace: workspace),
                                    distribution: DistributionService(workspace: workspace))
            let loop = ReconcileLoop(
                reconciler: ReconcilerService(workspace: workspace), clock: ContinuousClock(),
                interval: .seconds(try ReconcileCommand.parse(interval)), now: now,
                report: { summary, duration in
                    metrics.pass(seconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18,
                                 statuses: Dictionary(summary.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a }))
                },
                afterPass: { _ = try await tick.run(now: now(), leaseUntil: ISO8601DateFormatter().string(from: Date().addingTimeInterval(300))) })
            let group = ServiceGroup(configuration: .init(services: [app, loop], gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: Logger(label: "ledgerops.serve")))
            try await group.run()
        }
    }
}
