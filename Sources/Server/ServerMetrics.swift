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
        var failedPasses = 0
        var failingInARow = 0
        var lastError: String?
        var leader = false
    }

    /// Failed ticks in a row after which `/healthz` answers 503.
    public let unhealthyAfter: Int

    private let state = Mutex(State())

    public init(unhealthyAfter: Int = 3) { self.unhealthyAfter = unhealthyAfter }

    /// A tick of the timer failed (`inARow`: how many in a row now).
    public func passFailed(_ error: String, inARow: Int) {
        state.withLock {
            $0.failedPasses += 1
            $0.failingInARow = inARow
            $0.lastError = error
        }
    }

    /// Whether this process's timer leads (a standby does not pass).
    public func leading(_ leader: Bool) { state.withLock { $0.leader = leader } }

    /// Nil while healthy; otherwise why not (the reconciler's passes keep failing).
    public func unhealthy() -> String? {
        state.withLock { s in
            s.failingInARow >= unhealthyAfter ? "\(s.failingInARow) reconcile passes failed in a row; last: \(s.lastError ?? "?")" : nil
        }
    }

    func request(route: String, method: String, status: Int) {
        state.withLock { $0.requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1 }
    }

    public func pass(seconds: Double, statuses: [String: Int]) {
        state.withLock {
            $0.passes += 1
            $0.passSeconds += seconds
            $0.statuses = statuses
            $0.failingInARow = 0
            $0.lastError = nil
        }
    }

    func distributionStarted() { state.withLock { $0.distributions += 1 } }

    /// The exposition text; `workflow` adds the gauges read from the store (shared by every replica).
    public func text(workflow: WorkflowGauges? = nil) -> String {
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
        for (status, n) in (workflow?.statuses ?? s.statuses).sorted(by: { $0.key < $1.key }) {
            out += "ledgerops_administrations{status=\"\(status)\"} \(n)\n"
        }
        out += "# HELP ledgerops_reconcile_failed_passes_total Timer ticks whose pass or workflow failed.\n"
            + "# TYPE ledgerops_reconcile_failed_passes_total counter\nledgerops_reconcile_failed_passes_total \(s.failedPasses)\n"
            + "# HELP ledgerops_reconcile_failing_in_a_row Failed timer ticks since the last good one.\n"
            + "# TYPE ledgerops_reconcile_failing_in_a_row gauge\nledgerops_reconcile_failing_in_a_row \(s.failingInARow)\n"
            + "# HELP ledgerops_timer_leader Whether this process's timer leads the workspace.\n"
            + "# TYPE ledgerops_timer_leader gauge\nledgerops_timer_leader \(s.leader ? 1 : 0)\n"
        if let workflow {
            out += "# HELP ledgerops_proposals_waiting_for_review Open proposals.\n"
                + "# TYPE ledgerops_proposals_waiting_for_review gauge\n"
                + "ledgerops_proposals_waiting_for_review \(workflow.proposalsOpen)\n"
                + "# HELP ledgerops_distributions Distributions by state (waiting: for a window or a suspension).\n"
                + "# TYPE ledgerops_distributions gauge\n"
            for (state, n) in workflow.distributions.sorted(by: { $0.key < $1.key }) {
                out += "ledgerops_distributions{state=\"\(state)\"} \(n)\n"
            }
        }
        out += "# HELP ledgerops_distributions_started_total Distributions started or resumed through the server.\n"
            + "# TYPE ledgerops_distributions_started_total counter\nledgerops_distributions_started_total \(s.distributions)\n"
        return out
    }
}

/// Workflow figures read from the store at scrape time, so every replica reports the same.
public struct WorkflowGauges: Sendable {
    public var proposalsOpen: Int
    public var distributions: [String: Int]
    public var statuses: [String: Int]
}
