public import Foundation
import Core
public import Workspace
import Ledger
import Monitoring
import Reconciler
import Reporting
import Sync
public import Workflow

/// Everything the routes call: the workspace's services and the injected clock. The routes hold no rule of their own.
public struct ServerEnvironment: Sendable {
    public let workspace: Workspace
    public let access: AccessService
    /// The wall clock for the server face; tests inject their own.
    public let clock: @Sendable () -> Date
    public let metrics: ServerMetrics
    /// How long a session lasts.
    public let sessionLength: TimeInterval
    /// Monitor overviews and decoded proposals kept between requests, each checked against a cheap version.
    let monitorCache = MonitorCache()
    let proposalCache = ProposalCache()
    let sessionCache = SessionCache()

    public init(workspace: Workspace, access: AccessService? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                metrics: ServerMetrics = ServerMetrics(), sessionLength: TimeInterval = 8 * 3600) {
        self.workspace = workspace
        self.access = access ?? AccessService(store: workspace.store)
        self.clock = clock
        self.metrics = metrics
        self.sessionLength = sessionLength
    }

    var ledger: LedgerService { workspace.ledger }
    var users: UserService { UserService(store: workspace.store) }
    var proposals: ProposalService { ProposalService(workspace: workspace) }
    var distribution: DistributionService {
        DistributionService(workspace: workspace, clock: workflowClock, leaseSeconds: workspace.settings.leaseSeconds)
    }
    var reconciler: ReconcilerService { ReconcilerService(workspace: workspace) }
    var monitor: MonitorService { MonitorService(ledger: workspace.ledger, cache: monitorCache) }
    var reports: ReportService { ReportService(ledger: workspace.ledger) }
    var sync: SyncService { SyncService(ledger: workspace.ledger) }

    /// The workflow's clock: the server's, in the bureau's time zone.
    var workflowClock: WorkflowClock { WorkflowClock(now: clock) }

    /// Runs (or resumes) a distribution for a person: under this request's own lease, a merge commit (if one is
    /// needed) stamped now; windows and suspensions as the clock finds them.
    func distribute(_ id: Int64, by actor: String) async throws -> DistributionService.Progress {
        metrics.distributionStarted()
        return try await DistributionService(workspace: workspace, clock: workflowClock, leaseSeconds: workspace.settings.leaseSeconds)
            .distribute(id, by: actor, owner: .thisProcess("web"), mode: .person,
                        commitTime: Int64(clock().timeIntervalSince1970))
    }

    /// The workflow gauges `/metrics` shows, read from the store.
    func workflowGauges() async throws -> WorkflowGauges {
        let counts = try await workspace.store.read { tx in try tx.workflowCounts() }
        return WorkflowGauges(proposalsOpen: counts.openProposals, distributions: counts.distributions, statuses: counts.statuses)
    }

    /// Now as the ISO 8601 stamp audit records carry.
    func now() -> String { ISO8601DateFormatter().string(from: clock()) }

    func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Today in UTC.
    func today() -> Core.LocalDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: clock())
        return try! Core.LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
