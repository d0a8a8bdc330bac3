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
    var distribution: DistributionService { DistributionService(workspace: workspace) }
    var reconciler: ReconcilerService { ReconcilerService(workspace: workspace) }
    var monitor: MonitorService { MonitorService(ledger: workspace.ledger, cache: monitorCache) }
    var reports: ReportService { ReportService(ledger: workspace.ledger) }
    var sync: SyncService { SyncService(ledger: workspace.ledger) }

    /// Runs (or resumes) a distribution for a request: a five-minute lease, a merge commit (if one is needed)
    /// stamped now, today's date for the apply.
    func distribute(_ id: Int64, by actor: String, owner: String) async throws -> DistributionService.Progress {
        let now = clock()
        metrics.distributionStarted()
        return try await distribution.distribute(id, by: actor, owner: owner, now: stamp(now),
                                                 leaseUntil: stamp(now.addingTimeInterval(300)),
                                                 commitTime: Int64(now.timeIntervalSince1970), today: today())
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
