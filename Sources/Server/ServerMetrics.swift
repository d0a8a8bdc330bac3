import Foundation
import Synchronization

/// Counters for `/metrics` in Prometheus' text format: requests by route and status, reconcile passes and their
/// durations, administrations per status after the last pass, distributions started.
public final class ServerMetrics: Sendable {
    struct State {
        var requests: [String: Int] = [:]
        var passes = 0
        var passSeconds = 0.0
        var statuses: [String: Int] = [:]
        var distributions = 0
    }

    private let state = Mutex(State())

    public init() {}

    func request(route: String, method: String, status: Int) {
        state.withLock { $0.requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1 }
    }

    public func pass(seconds: Double, statuses: [String: Int]) {
        state.withLock {
            $0.passes += 1
            $0.passSeconds += seconds
            $0.statuses = statuses
        }
    }

    func distributionStarted() { state.withLock { $0.distributions += 1 } }

    /// The exposition text.
    public func text() -> String {
        let s = state.withLock { $0 }
        var out = "# HELP ledgerops_http_requests_total HTTP requests by route, method and status.\n"
            + "# TYPE ledgerops_http_requests_total counter\n"
        for (labels, n) in s.requests.sorted(by: { $0.key < $1.key }) { out += "ledgerops_http_requests_total{\(labels)} \(n)\n" }
        out += "# HELP ledgerops_reconcile_passes_total Reconcile passes run.\n# TYPE ledgerops_reconcile_passes_total counter\n"
            + "ledgerops_reconcile_passes_total \(s.passes)\n"
            + "# HELP ledgerops_reconcile_seconds_total Time spent in reconcile passes.\n# TYPE ledgerops_reconcile_seconds_total counter\n"
            + "ledgerops_reconcile_seconds_total \(String(format: "%.6f", s.passSeconds))\n"
            + "# HELP ledgerops_administrations Administrations per reconciler status after the last pass.\n"
            + "# TYPE ledgerops_administrations gauge\n"
        for (status, n) in s.statuses.sorted(by: { $0.key < $1.key }) { out += "ledgerops_administrations{status=\"\(status)\"} \(n)\n" }
        out += "# HELP ledgerops_distributions_started_total Distributions started or resumed through the server.\n"
            + "# TYPE ledgerops_distributions_started_total counter\nledgerops_distributions_started_total \(s.distributions)\n"
        return out
    }
}
