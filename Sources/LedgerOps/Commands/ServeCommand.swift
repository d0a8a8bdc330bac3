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
    @Option(help: "Address to listen on (default: `http` in ledgerops.yaml).") var address: String?
    @Option(help: "Reconcile interval, 30s or 5m (default: `reconcileIntervalSeconds` in ledgerops.yaml).") var interval: String?
    @OptionGroup var crash: CrashProbe

    func run() async throws {
        try await face {
            let ws = try global.openWorkspace()
            try await Self.serve(ws, address: address ?? ws.settings.http,
                                 interval: try interval.map(ReconcileCommand.parse) ?? ws.settings.reconcileIntervalSeconds,
                                 crash: crash)
        }
    }

    /// Runs the server and the timer until SIGTERM or SIGINT. Of several `serve` processes on one workspace, the
    /// timer of one leads (passes, proposes, distributes); the others serve requests and stand by.
    static func serve(_ workspace: Workspace, address: String, interval: Int, crash: CrashProbe? = nil) async throws {
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--address must be HOST:PORT") }
        let metrics = ServerMetrics()
        let env = ServerEnvironment(workspace: workspace, metrics: metrics)
        let logger = Logger(label: "ledgerops.serve")
        let app = LedgerOpsServer.application(env, host: String(parts[0]), port: port) { bound in
            say("LedgerOps listening on http://\(parts[0]):\(bound) (Ctrl-C stops it; a pass in progress finishes first)")
        }
        let loop = ReconcileCommand.timer(workspace, interval: interval, logger: logger, metrics: metrics, crash: crash) { _ in }
        let group = ServiceGroup(configuration: .init(services: [app, loop], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
