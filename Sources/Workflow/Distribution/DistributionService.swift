import Core
import Foundation
import GitSource
import Reconciler
public import Store
public import Templates
public import Workspace

/// Carries an approved proposal to its administrations, wave by wave, with the reconciler's apply — like a rollout
/// controller: a window is a wait, a suspended administration is listed and left, failures are retried on resume and
/// counted across the whole distribution, each wave passes a health gate, and a cluster may ask for a pause after
/// its canary. Each administration's outcome is written in its apply transaction, fenced by the lease, so a
/// distribution killed at any instant resumes where it stopped: none half-applied, none applied twice.
public struct DistributionService: Sendable {
    public let workspace: Workspace
    public let clock: WorkflowClock
    /// How long a lease lasts without renewal; every apply renews it.
    public let leaseSeconds: Int

    public init(workspace: Workspace, clock: WorkflowClock = .system, leaseSeconds: Int = 60) {
        self.workspace = workspace
        self.clock = clock
        self.leaseSeconds = leaseSeconds
    }

    /// Where a distribution stands.
    public struct Progress: Sendable, Equatable, Codable {
        public var state: DistributionState
        public var applied: Int
        public var failed: Int
        public var conflicts: Int
        public var pending: Int
        public var skipped: Int = 0
        public var suspended: Int = 0
        /// Why it is paused or waiting, as a person reads it.
        public var reason: String? = nil
        /// For a window wait: the first day applying is allowed again.
        public var waitingUntil: String? = nil
        /// Administrations that failed, with the reason of their last attempt.
        public var failures: [String: String] = [:]
        /// Administrations left out because they are suspended.
        public var suspendedAdministrations: [String] = []

        public init(state: DistributionState, applied: Int, failed: Int, conflicts: Int, pending: Int) {
            self.state = state
            self.applied = applied
            self.failed = failed
            self.conflicts = conflicts
            self.pending = pending
        }
    }

    /// A moment a crash test may stop at: inside an administration's apply transaction (its writes made, not yet
    /// committed), or just after it committed. `index` counts applies in this run from 1.
    public enum ProbePoint: Sendable {
        case insideApply(admin: String, index: Int)
        case afterApply(admin: String, index: Int)
    }

    /// Thrown by a probe to stop the distributor where it stands, as a crash would: the transaction in progress
    /// rolls back, nothing is cleaned up, the lease stays until it expires.
    public struct Interrupted: Error, Sendable {
        public init() {}
    }

    /// Who carries a distribution on: a person (starting or resuming retries failures and decided conflicts, and
    /// lets a paused distribution go on) or the timer (carries on what runs or waits; never what is paused).
    public enum Mode: Sendable, Equatable {
        case person, timer
    }

    /// Runs (or resumes) the distribution of proposal `id` under `owner`'s lease.
    @discardableResult
    public func distribute(_ id: Int64, by actor: String, owner: LeaseOwner, mode: Mode = .person,
                           commitTime: Int64? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
                           probe: (@Sendable (ProbePoint) throws -> Void)? = nil) async throws -> Progress {
        var p = try await ProposalService(workspace: workspace).proposal(id)
        guard p.state == .approved || p.state == .distributing else {
            throw WorkflowError("not-approved", "proposal \(id) is \(p.state.rawValue); only an approved proposal is distributed")
        }
        let set = try workspace.templateSet(at: p.toRevision)
        // A branch proposal first moves the tracked branch, so git shows what was distributed.
        if p.branch != nil { try await moveTrackedBranch(p, by: actor, commitTime: commitTime) }
        let waves = Self.waves(p, set: set)
        let run = try await start(p, waves: waves, by: actor, owner: owner, mode: mode)
        p.state = .distributing
        var session = Session(service: self, proposal: p, set: set, actor: actor, owner: owner, token: run.token,
                              previous: run.record, probe: probe, progress: progress)
        try await session.run()
        return try await progressOf(id)
    }

    /// Creates the distribution when it is new, takes the lease (or says who holds it), and — for a person — lets a
    /// paused one go on with its failures and conflicts to be tried again. Returns the lease's fencing token and the
    /// distribution as it was before this run.
    func start(_ p: Proposal, waves: [String: Int], by actor: String, owner: LeaseOwner, mode: Mode) async throws
        -> (token: Int64, record: DistributionRecord)
    {
        let now = clock.now()
        let stamp = clock.stamp(now), until = clock.stamp(now.addingTimeInterval(Double(leaseSeconds)))
        let id = p.id
        let taken = try await workspace.store.write { [p] tx -> (Int64, DistributionRecord)? in
            try tx.startDistribution(id, items: waves.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
            guard let token = try tx.takeLease(id, owner: owner.id, now: stamp, until: until),
                  let record = try tx.distribution(id)
            else { return nil }
            if record.state == .paused && mode == .timer { return (token, record) }
            if mode == .person {
                let retried = try tx.retryDistributionItems(id, states: [.failed, .conflict])
                if record.state == .paused {
                    if let gate = record.pausedAt { try tx.passGate(id, gate) }
                    try AuditLog.append(tx, time: stamp, actor: actor, action: "distribution.resumed", subject: "proposal \(id)",
                                        payload: ["retried": String(retried), "after": record.pausedAt ?? ""])
                }
            }
            try tx.setDistributionState(id, .running)
            if p.state == .approved {
                var started = p
                started.state = .distributing
                try tx.updateProposal(id, state: started.state.rawValue, body: try ProposalService.encode(started), open: true)
                try AuditLog.append(tx, time: stamp, actor: actor, action: "distribution.started", subject: "proposal \(id)",
                                    payload: ["administrations": String(waves.count)])
            }
            return (token, record)
        }
        guard let (token, record) = taken else {
            let holder = try await workspace.store.read { tx in try tx.distribution(id) }
            throw WorkflowError("leased", "another distributor (\(holder?.leaseOwner ?? "unknown")) holds proposal \(id) until "
                + "\(holder?.leaseExpires ?? "?"); if it is gone, an admin can break its lease with "
                + "`ledgerops distribution unlock \(id)`")
        }
        if record.state == .paused && mode == .timer {
            try await workspace.store.write { tx in try tx.releaseLease(id, owner: owner.id) }
            throw WorkflowError("paused", "proposal \(id) is paused (\(record.reason ?? "by a gate")); a reviewer resumes it")
        }
        return (token, record)
    }

    /// Each affected administration's wave, from its cluster's rollout (count, cumulative percent or a named list;
    /// administrations by id; whatever no wave takes goes in the last).
    public static func waves(_ p: Proposal, set: TemplateSet) -> [String: Int] {
        var result: [String: Int] = [:]
        for cluster in p.clusters {
            let admins = p.affected.filter { $0.cluster == cluster }.map(\.administration).sorted()
            let waves = set.clusters[cluster]?.waves ?? []
            var assigned = 0
            for (index, wave) in waves.enumerated() {
                var take: [String] = []
                if !wave.administrations.isEmpty {
                    take = admins.filter { wave.administrations.contains($0) && result[$0] == nil }
                } else {
                    // Cumulative percent, rounded up, in integers: 25% of 17 is 5.
                    let target = wave.count.map { assigned + $0 } ?? (admins.count * (wave.percent ?? 100) + 99) / 100
                    take = admins.filter { result[$0] == nil }.prefix(max(0, target - assigned)).map { $0 }
                }
                for a in take { result[a] = index }
                assigned += take.count
            }
            let last = max(0, waves.count - 1)
            for a in admins where result[a] == nil { result[a] = last }
        }
        return result
    }

    /// The blocked items of one administration the reviewers acknowledged.
    static func acknowledged(_ admin: String, in p: Proposal) -> Set<ItemKey> {
        let prefix = "\(admin)|"
        return Set(p.acknowledged.filter { $0.hasPrefix(prefix) }.compactMap { key -> ItemKey? in
            let item = key.dropFirst(prefix.count)
            guard let colon = item.firstIndex(of: ":"), let kind = ItemKind(rawValue: String(item[..<colon])) else { return nil }
            return ItemKey(kind: kind, key: String(item[item.index(after: colon)...]))
        })
    }
}
