public import Core
import Foundation
import GitSource
import Reconciler
import Store
public import Templates
public import Workspace

/// Carries an approved proposal to its administrations, wave by wave, with the reconciler's apply. Each
/// administration's outcome is written in its apply transaction, so a distribution killed at any instant resumes
/// where it stopped: none half-applied, none applied twice.
public struct DistributionService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Where a distribution stands.
    public struct Progress: Sendable, Equatable, Codable {
        public var state: String
        public var applied: Int
        public var failed: Int
        public var conflicts: Int
        public var pending: Int

        public init(state: String, applied: Int, failed: Int, conflicts: Int, pending: Int) {
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

    /// Runs (or resumes) the distribution of proposal `id`. `leaseUntil` is when this distributor's lease expires
    /// if it dies; another distributor may take over after that.
    @discardableResult
    public func distribute(_ id: Int64, by actor: String, owner: String, now: String, leaseUntil: String,
                           commitTime: Int64? = nil, today: LocalDate? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
                           probe: (@Sendable (ProbePoint) -> Void)? = nil) async throws -> Progress {
        let proposals = ProposalService(workspace: workspace)
        var p = try await proposals.proposal(id)
        guard p.state == .approved || p.state == .distributing else {
            throw WorkflowError("not-approved", "proposal \(id) is \(p.state.rawValue); only an approved proposal is distributed")
        }
        let set = try workspace.templateSet(at: p.toRevision)
        // A branch proposal first moves the tracked branch, so git shows what was distributed.
        if p.branch != nil { try await moveTrackedBranch(p, by: actor, commitTime: commitTime) }
        let waves = Self.waves(p, set: set)
        let acquired = try await workspace.store.write { [p] tx in
            try tx.startDistribution(id, items: waves.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
            guard try tx.takeLease(id, owner: owner, now: now, until: leaseUntil) else { return false }
            if try tx.distributionState(id) == "paused" { try tx.setDistributionState(id, "running") }
            if p.state == .approved {
                var started = p
                started.state = .distributing
                try tx.updateProposal(id, state: started.state.rawValue, body: try ProposalService.encode(started), open: true)
                try AuditLog.append(tx, time: now, actor: actor, action: "distribution.started", subject: "proposal \(id)",
                                    payload: ["administrations": String(waves.count)])
            }
            return true
        }
        guard acquired else { throw WorkflowError("leased", "another distributor is working on proposal \(id)") }
        p.state = .distributing
        let reconciler = ReconcilerService(workspace: workspace)
        let items = try await workspace.store.read { tx in try tx.distributionItems(id) }
        let total = items.count
        var done = items.filter { $0.state != "pending" }.count
        var applies = 0
        // Plan every pending administration at once (shared diffs), render each desired configuration once.
        let pendingAdmins = items.filter { $0.state == "pending" }.map(\.administration)
        let acknowledgements = Dictionary(uniqueKeysWithValues: pendingAdmins.map { ($0, Self.acknowledged($0, in: p)) })
        var batch = try await reconciler.plans(pendingAdmins, at: p.toRevision, set: set, acknowledged: acknowledgements)
        var desired = ReconcilerService.DesiredConfigurations(set: set)
        let clusterOf = Dictionary(p.affected.map { ($0.administration, $0.cluster) }, uniquingKeysWith: { first, _ in first })
        for wave in Set(items.map(\.wave)).sorted() {
            var failures: [String: Int] = [:]
            for item in items where item.wave == wave && item.state == "pending" {
                let admin = item.administration
                let cluster = clusterOf[admin] ?? ""
                do {
                    applies += 1
                    let index = applies
                    let rendered = try desired.desired(cluster: cluster, administration: admin)
                    let outcome = try await applyOne(admin, proposal: p, reconciler: reconciler, actor: actor, now: now,
                                                     today: today, planned: batch.removeValue(forKey: admin), set: set,
                                                     desired: rendered,
                                                     inside: { probe?(.insideApply(admin: admin, index: index)) })
                    if outcome == "applied" { probe?(.afterApply(admin: admin, index: index)) }
                    if outcome == "failed" { failures[cluster, default: 0] += 1 }
                } catch {
                    failures[cluster, default: 0] += 1
                    try await workspace.store.write { tx in
                        try tx.setDistributionItem(id, admin: admin, state: "failed", message: "\(error)")
                        try AuditLog.append(tx, time: now, actor: actor, action: "apply.failed", subject: admin,
                                            payload: ["proposal": String(id), "error": "\(error)"])
                    }
                }
                done += 1
                progress?(done, total)
            }
            let exceeded = failures.first { cluster, count in count > (set.clusters[cluster]?.maxFailures ?? 0) }
            if let (cluster, count) = exceeded {
                try await workspace.store.write { tx in
                    try tx.setDistributionState(id, "paused")
                    try tx.releaseLease(id, owner: owner)
                    try AuditLog.append(tx, time: now, actor: actor, action: "distribution.paused", subject: "proposal \(id)",
                                        payload: ["wave": String(wave), "cluster": cluster, "failures": String(count)])
                }
                return try await progressOf(id)
            }
            _ = try await workspace.store.write { tx in
                try AuditLog.append(tx, time: now, actor: actor, action: "wave.done", subject: "proposal \(id)",
                                    payload: ["wave": String(wave)])
            }
        }
        _ = try await workspace.store.write { [p] tx in
            var finished = p
            finished.state = .distributed
            try tx.setDistributionState(id, "done")
            try tx.updateProposal(id, state: finished.state.rawValue, body: try ProposalService.encode(finished), open: false)
            try tx.releaseLease(id, owner: owner)
            // Consolidation reads each changed group as reviewed from now on, in the same transaction.
            for change in finished.groupChanges {
                try tx.applyGroup(change.group, revision: finished.toRevision, proposal: id, at: now)
                try AuditLog.append(tx, time: now, actor: actor, action: "group.applied", subject: "group \(change.group)",
                                    payload: ["proposal": String(id), "revision": finished.toRevision,
                                              "action": change.action.rawValue])
            }
            try AuditLog.append(tx, time: now, actor: actor, action: "distribution.done", subject: "proposal \(id)")
        }
        return try await progressOf(id)
    }

    /// Applies the proposal to one administration: planned afresh at the proposal's revision (live edits since the
    /// review are taken into account), with the reviewers' decisions; set aside as `conflict` when it now conflicts
    /// undecided. The item's state is written in the apply's own transaction.
    /// The blocked items of one administration the reviewers acknowledged.
    static func acknowledged(_ admin: String, in p: Proposal) -> Set<ItemKey> {
        let prefix = "\(admin)|"
        return Set(p.acknowledged.filter { $0.hasPrefix(prefix) }.compactMap { key -> ItemKey? in
            let item = key.dropFirst(prefix.count)
            guard let colon = item.firstIndex(of: ":"), let kind = ItemKind(rawValue: String(item[..<colon])) else { return nil }
            return ItemKey(kind: kind, key: String(item[item.index(after: colon)...]))
        })
    }

    func applyOne(_ admin: String, proposal p: Proposal, reconciler: ReconcilerService, actor: String, now: String,
                  today: LocalDate?, planned: Plan? = nil, set: TemplateSet? = nil,
                  desired: (config: AdministrationConfig, sha256: String)? = nil,
                  inside: @escaping @Sendable () -> Void = {}) async throws -> String {
        let prefix = "\(admin)|"
        let acknowledged = Self.acknowledged(admin, in: p)
        for attempt in 0..<2 {
            var plan: Plan
            if attempt == 0, let planned {
                plan = planned
            } else if let set, let again = try await reconciler.plans([admin], at: p.toRevision, set: set,
                                                                       acknowledged: [admin: acknowledged])[admin] {
                // Planned again over the set already loaded: reloading it per administration was quadratic in overlays.
                plan = again
            } else {
                plan = try await reconciler.plan(admin, at: p.toRevision, acknowledged: acknowledged)
            }
            for i in plan.items.indices where plan.items[i].action == .conflict {
                switch p.decisions[prefix + plan.items[i].key.description] {
                case "template"?: plan.items[i].action = .update
                case "local"?: plan.items[i].action = .drift
                default: break
                }
            }
            if plan.items.contains(where: { $0.action == .conflict }) {
                try await workspace.store.write { tx in
                    try tx.setDistributionItem(p.id, admin: admin, state: "conflict", message: "conflicts with a local change; decide in a follow-up")
                    try AuditLog.append(tx, time: now, actor: actor, action: "apply.conflict", subject: admin,
                                        payload: ["proposal": String(p.id)])
                }
                return "conflict"
            }
            do {
                let id = p.id
                let plan = plan
                _ = try await reconciler.apply(plan, now: now, today: today, set: set, desired: desired?.config,
                                               desiredSHA256: desired?.sha256) { tx in
                    try tx.setDistributionItem(id, admin: admin, state: "applied", message: nil)
                    try AuditLog.append(tx, time: now, actor: actor, action: "apply", subject: admin,
                                        payload: ["proposal": String(id), "revision": plan.revision,
                                                  "items": String(plan.items.filter(\.writes).count)])
                    inside()
                }
                return "applied"
            } catch let refusal as ReconcilerService.Refusal where refusal.code == "changed-since-plan" && attempt == 0 {
                continue  // changed between this plan and its apply: plan again, once
            }
        }
        throw WorkflowError("failed", "\(admin) kept changing while it was being applied")
    }

    /// Stops a distribution for good; what was applied stays applied.
    public func abort(_ id: Int64, by actor: String, at time: String) async throws {
        var p = try await ProposalService(workspace: workspace).proposal(id)
        guard p.state == .distributing || p.state == .approved else {
            throw WorkflowError("closed", "proposal \(id) is \(p.state.rawValue)")
        }
        p.state = .aborted
        let aborted = p
        try await workspace.store.write { tx in
            try tx.setDistributionState(id, "aborted")
            try tx.updateProposal(id, state: aborted.state.rawValue, body: try ProposalService.encode(aborted), open: false)
            try AuditLog.append(tx, time: time, actor: actor, action: "distribution.aborted", subject: "proposal \(id)")
        }
    }

    public func progressOf(_ id: Int64) async throws -> Progress {
        try await workspace.store.read { tx in
            let items = try tx.distributionItems(id)
            return Progress(state: try tx.distributionState(id) ?? "none",
                            applied: items.filter { $0.state == "applied" }.count,
                            failed: items.filter { $0.state == "failed" }.count,
                            conflicts: items.filter { $0.state == "conflict" }.count,
                            pending: items.filter { $0.state == "pending" }.count)
        }
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
                    let target = wave.count.map { assigned + $0 }
                        ?? Int((Double(admins.count) * Double(wave.percent ?? 100) / 100).rounded(.up))
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
}
