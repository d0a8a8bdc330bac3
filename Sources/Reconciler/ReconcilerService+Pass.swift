import Core
import Foundation
import GitSource
public import Store
import Templates

extension ReconcilerService {
    /// What one pass found.
    public struct PassSummary: Sendable, Equatable {
        public var revision: String
        public var counts: [SyncStatus: Int]
        /// Administrations whose record changed in this pass.
        public var changed: Int
        /// Administrations skipped in O(1): synced before, nothing changed since.
        public var skipped: Int
    }

    /// Recomputes every administration's status against the tracked branch (fetching it first when the workspace
    /// tracks a remote). Level-triggered: whatever a missed event left behind, a pass sets right. Writes only
    /// records that changed, so two passes in a row write nothing the second time.
    public func pass(now: String) async throws -> PassSummary {
        if let remote = workspace.settings.remote,
           case .diverged = try workspace.templates.fetch(from: remote, branch: workspace.settings.branch) {
            // Never silently: a local commit the remote lacks would hide every later remote commit.
            throw Refusal(code: "diverged", description: "\(workspace.settings.branch) has commits \(remote) lacks and cannot "
                + "be fast-forwarded; push them to the remote or reset the workspace's branch to it")
        }
        let revision = try workspace.templates.resolve(workspace.settings.branch).hex
        let set = try workspace.templateSet(at: revision)
        let admins = try await workspace.store.read { tx in try tx.administrations() }
        var cache = DesiredCache(set: set)
        var groups = GroupPlans()
        var summary = PassSummary(revision: revision, counts: [:], changed: 0, skipped: 0)
        // In chunks, each its own transaction: a first pass over thousands of administrations takes minutes, and
        // other writers (a sign-in, an apply) must not wait for all of it. Each chunk reads its records afresh.
        var index = 0
        while index < admins.count {
            let chunk = Array(admins[index..<min(index + Self.passChunk, admins.count)])
            index += chunk.count
            (cache, groups, summary) = try await workspace.store.write { [cache, groups, summary] tx in
                var cache = cache, groups = groups, summary = summary
                let ids = chunk.map(\.id)
                let appliedHashes = try tx.appliedHashes(ids), records = try tx.reconcilerRecords(ids)
                let failed = try tx.failedApplies(ids)
                for admin in chunk {
                    try Self.passOne(admin, previous: records[admin.id], tx: tx, revision: revision, now: now,
                                     appliedHashes: appliedHashes, failed: failed[admin.id], cache: &cache, groups: &groups,
                                     summary: &summary)
                }
                return (cache, groups, summary)
            }
        }
        return summary
    }

    /// Administrations per pass transaction.
    static let passChunk = 250

    static func passOne(_ admin: Administration, previous: ReconcilerRecord?, tx: StoreTransaction, revision: String,
                        now: String, appliedHashes: [String: String], failed: (proposal: Int64, message: String)? = nil,
                        cache: inout DesiredCache, groups: inout GroupPlans, summary: inout PassSummary) throws {
        guard let cluster = admin.cluster else { return }
        var record: ReconcilerRecord
        if previous?.suspended == true {
            record = previous!
            record.status = SyncStatus.suspended.rawValue
        } else {
            do {
                // O(1): the same desired configuration and no local edit since the last pass, which found it in
                // sync or drifted (plans of those do not depend on postings): nothing can have changed.
                let desiredKey = try cache.desiredKey(cluster: cluster, administration: admin.id)
                if let p = previous, p.desiredHash == desiredKey, p.liveHash != nil, p.attemptedRevision == revision,
                   let status = SyncStatus(rawValue: p.status), status == .synced || status == .drifted {
                    summary.skipped += 1
                    summary.counts[status, default: 0] += 1
                    return
                }
                let plan: Plan
                if let p = previous, let live = p.liveHash, live == appliedHashes[admin.id] {
                    // Live still equals last applied: the template diff is shared by every administration of
                    // this group in the same state; only their postings are looked up.
                    plan = try groups.plan(admin: admin.id, cluster: cluster, revision: revision, liveHash: live,
                                           desiredKey: desiredKey, cache: &cache, tx: tx)
                } else {
                    plan = try Self.plan(admin.id, tx: tx, revision: revision, cache: &cache, acknowledged: [])
                }
                var status = plan.status
                let first = plan.items.first { $0.action != .drift } ?? plan.items.first
                var message = first.map { "\(plan.items.count) item(s); first: \($0.key)" + ($0.reason.map { " — \($0)" } ?? "") }
                // Its apply failed in a distribution still under way: Failed, with why, until it is applied or skipped.
                if let failed, status != .synced {
                    status = .failed
                    message = "applying proposal \(failed.proposal) failed: \(failed.message)"
                }
                record = ReconcilerRecord(
                    administration: admin.id, status: status.rawValue, reason: status == .failed ? "apply-failed" : first.map { $0.action.rawValue },
                    message: message,
                    since: previous?.status == status.rawValue ? previous!.since : now, attemptedRevision: revision,
                    desiredHash: desiredKey, liveHash: plan.liveHash, planHash: plan.hash, suspended: false)
            } catch {
                record = ReconcilerRecord(
                    administration: admin.id, status: SyncStatus.failed.rawValue, reason: "error", message: "\(error)",
                    since: previous?.status == SyncStatus.failed.rawValue ? previous!.since : now,
                    attemptedRevision: revision, desiredHash: nil, liveHash: nil, planHash: nil, suspended: false)
            }
        }
        if try tx.save(record, previous: previous) { summary.changed += 1 }
        summary.counts[SyncStatus(rawValue: record.status) ?? .failed, default: 0] += 1
    }

    /// Every administration's record, as the last pass left it.
    public func records() async throws -> [ReconcilerRecord] {
        try await workspace.store.read { tx in try tx.reconcilerRecords().values.sorted { $0.administration < $1.administration } }
    }

    /// Stops (or resumes) reconciling one administration.
    public func setSuspended(_ suspended: Bool, admin: String) async throws {
        try await workspace.store.write { tx in
            guard try tx.administration(admin) != nil else {
                throw Refusal(code: "not-found", description: "administration \(admin) does not exist")
            }
            try tx.setSuspended(suspended, admin: admin)
        }
    }
}

/// Template diffs shared by administrations with the same desired configuration and the same last-applied state.
struct GroupPlans {
    struct Group {
        var desired: FlatConfiguration
        var applied: FlatConfiguration
        var desiredHash: String
        var keys: [ItemKey]
        var planner: Planner
        var renumbered: [String: String]
        /// Renumberings the last applied configuration made (a revert runs them backwards).
        var appliedRenumbered: [String: String]
        /// Accounts whose plan depends on postings (removed, or type or normal side changed).
        var sensitive: [String]
    }

    var groups: [String: Group] = [:]
    /// Last-applied configurations by hash, decoded once per pass.
    var applied: [String: AdministrationConfig] = [:]

    mutating func plan(admin: String, cluster: String, revision: String, liveHash: String, desiredKey: String,
                       cache: inout ReconcilerService.DesiredCache, tx: StoreTransaction) throws -> Plan {
        let key = desiredKey + "|" + liveHash
        if groups[key] == nil {
            let definition = try cache.definition(cluster)
            let d = try cache.flattened(cluster: cluster, administration: admin)
            if self.applied[liveHash] == nil { self.applied[liveHash] = try tx.appliedConfiguration(admin)?.config }
            guard let applied = self.applied[liveHash] else {
                throw ReconcilerService.Refusal(code: "not-found", description: "administration \(admin) has no applied configuration")
            }
            let l = applied.flattened
            let keys = Set(d.keys).union(l.keys).filter { d[$0] != l[$0] }.sorted()
            let sensitive = keys.filter { k in
                k.kind == .accounts && (d[k] == nil || d[k]?["type"] != l[k]?["type"] || d[k]?["normal"] != l[k]?["normal"])
            }.map(\.key)
            groups[key] = Group(desired: d, applied: l, desiredHash: desiredKey, keys: keys,
                                planner: Planner(drift: definition.drift, ignore: IgnoreRules(definition.ignore)),
                                renumbered: try cache.clusterConfig(cluster).renumbered ?? [:],
                                appliedRenumbered: applied.renumbered ?? [:],
                                sensitive: sensitive)
        }
        let g = groups[key]!
        let postings = g.sensitive.isEmpty ? [] : try tx.accountsInUse(admin, among: g.sensitive)
        return g.planner.plan(administration: admin, cluster: cluster, revision: revision, desired: g.desired,
                              desiredHash: g.desiredHash, lastApplied: g.applied, live: g.applied, liveHash: liveHash,
                              keys: g.keys, renumbered: g.renumbered, appliedRenumbered: g.appliedRenumbered, hasPostings: { postings.contains($0) })
    }
}
