import Core
import Foundation
import Reconciler
import Store
import Templates

extension DistributionService.Session {
    /// Why a gate stops the distribution after a wave, and whether resuming passes that gate.
    struct GateStop {
        var reason: String
        var atGate: Bool
    }

    /// The gates after one cluster's wave: failures counted across the whole distribution, then (once per wave) the
    /// health gate — every administration of the wave reconciles Synced (or Drifted, a local change its cluster lets
    /// stand) and its trial balance still balances — then the cluster's `pauseAfter`.
    func gates(cluster: String, wave: Int, members: [String], state: [String: DistributionItemState], passed: Bool) async throws
        -> GateStop?
    {
        let definition = set.clusters[cluster]
        let failed = state.filter { $0.value == .failed && clusterOf[$0.key] == cluster }.map(\.key).sorted()
        let allowed = definition?.maxFailures ?? 0
        if failed.count > allowed {
            return GateStop(reason: "\(failed.count) administration(s) of \(cluster) failed (\(failed.prefix(5).joined(separator: ", ")))"
                + ", more than maxFailures \(allowed): fix the cause and resume to retry them, or skip them", atGate: false)
        }
        guard !passed else { return nil }
        let applied = members.filter { state[$0] == .applied }
        let unhealthy = try await unhealthy(applied)
        if !unhealthy.isEmpty {
            let list = unhealthy.prefix(5).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            return GateStop(reason: "health gate after wave \(waveName(cluster, wave)) of \(cluster): \(list)"
                + (unhealthy.count > 5 ? " and \(unhealthy.count - 5) more" : "") + "; look, then resume or abort", atGate: true)
        }
        let waves = definition?.waves ?? []
        if let name = definition?.pauseAfter, wave < waves.count - 1, waves.indices.contains(wave), waves[wave].name == name {
            return GateStop(reason: "paused after wave \(name) of \(cluster) as the cluster asks (pauseAfter): check the "
                + "\(applied.count) administration(s), then a reviewer resumes", atGate: true)
        }
        return nil
    }

    func waveName(_ cluster: String, _ wave: Int) -> String {
        let waves = set.clusters[cluster]?.waves ?? []
        return waves.indices.contains(wave) ? waves[wave].name : String(wave + 1)
    }

    /// Of the applied administrations, those not Synced or Drifted at the proposal's revision, or whose trial
    /// balance does not balance, with why: the status each apply reconciled in its own transaction; a record of another
    /// revision (a pass ran since) is planned afresh.
    func unhealthy(_ admins: [String]) async throws -> [String: String] {
        guard !admins.isEmpty else { return [:] }
        let revision = proposal.toRevision
        let (records, unbalanced) = try await store.read { tx in
            (try tx.reconcilerRecords(admins), try tx.unbalancedAdministrations(admins))
        }
        var result: [String: String] = [:]
        for admin in unbalanced { result[admin] = "trial balance does not balance" }
        let stale = admins.filter { records[$0]?.attemptedRevision != revision }
        var statuses: [String: SyncStatus] = [:]
        for admin in admins { statuses[admin] = records[admin].flatMap { SyncStatus(rawValue: $0.status) } }
        if !stale.isEmpty {
            let plans = try await ReconcilerService(workspace: service.workspace).plans(stale, at: revision, set: set)
            for admin in stale {
                guard var plan = plans[admin] else { continue }
                Self.decide(&plan, in: proposal)
                statuses[admin] = plan.status
            }
        }
        for admin in admins where result[admin] == nil {
            let status = statuses[admin] ?? .failed
            if ![.synced, .drifted, .suspended].contains(status) { result[admin] = status.rawValue }
        }
        return result
    }

    /// Stops for a person: audited once, the lease released.
    func pause(_ reason: String, pausedAt: String?, wave: Int, cluster: String) async throws {
        let stamp = service.clock.stamp()
        let (id, owner, actor) = (self.id, owner.id, self.actor)
        try await store.write { tx in
            try tx.setDistributionState(id, .paused, reason: reason, pausedAt: pausedAt)
            try tx.releaseLease(id, owner: owner)
            try AuditLog.append(tx, time: stamp, actor: actor, action: "distribution.paused", subject: "proposal \(id)",
                                payload: ["wave": String(wave), "cluster": cluster, "reason": reason])
        }
    }

    /// Records where the distribution stands after a run: done when every administration is applied or skipped;
    /// paused when failures or conflicts need a person; waiting (for a window or a suspension) otherwise.
    func finish(windows: [String: (name: String, until: LocalDate)], previous: DistributionRecord?) async throws {
        let stamp = service.clock.stamp()
        let (id, owner, actor, p, clusterOf) = (self.id, owner.id, self.actor, proposal, clusterOf)
        try await store.write { tx in
            let items = try tx.distributionItems(id)
            defer { _ = try? tx.releaseLease(id, owner: owner) }
            let open = items.filter { $0.state != .applied && $0.state != .skipped }
            if open.isEmpty {
                var finished = p
                finished.state = .distributed
                try tx.setDistributionState(id, .done)
                try tx.updateProposal(id, state: finished.state.rawValue, body: try ProposalService.encode(finished), open: false)
                // Consolidation reads each changed group as reviewed from now on, in the same transaction.
                for change in finished.groupChanges {
                    try tx.applyGroup(change.group, revision: finished.toRevision, proposal: id, at: stamp)
                    try AuditLog.append(tx, time: stamp, actor: actor, action: "group.applied", subject: "group \(change.group)",
                                        payload: ["proposal": String(id), "revision": finished.toRevision,
                                                  "action": change.action.rawValue])
                }
                try AuditLog.append(tx, time: stamp, actor: actor, action: "distribution.done", subject: "proposal \(id)",
                                    payload: ["applied": String(items.filter { $0.state == .applied }.count),
                                              "skipped": String(items.filter { $0.state == .skipped }.count)])
                return
            }
            let failed = open.filter { $0.state == .failed }.count, conflicts = open.filter { $0.state == .conflict }.count
            let (state, reason, until): (DistributionState, String, String?)
            if failed + conflicts > 0 {
                state = .paused
                reason = [failed > 0 ? "\(failed) failed" : nil, conflicts > 0 ? "\(conflicts) conflict(s) to decide" : nil]
                    .compactMap { $0 }.joined(separator: ", ") + ": resume to retry them, or a reviewer skips them"
                until = nil
            } else {
                state = .waiting
                var parts: [String] = []
                let waiting = Set(open.filter { $0.state == .pending }.compactMap { clusterOf[$0.administration] })
                for cluster in waiting.sorted() {
                    if let w = windows[cluster] { parts.append("window '\(w.name)' of \(cluster) until \(w.until)") }
                }
                let suspended = open.filter { $0.state == .suspended }.map(\.administration)
                if !suspended.isEmpty {
                    parts.append("\(suspended.count) suspended (\(suspended.prefix(5).joined(separator: ", "))): resume them or skip them")
                }
                if parts.isEmpty { parts.append("\(open.count) administration(s) not yet applied") }
                reason = "waiting for " + parts.joined(separator: "; ")
                until = waiting.compactMap { windows[$0]?.until.description }.min()
            }
            try tx.setDistributionState(id, state, reason: reason, waitingUntil: until)
            // Audited when it changes, not at every tick that finds it still waiting.
            if previous?.state != state || previous?.reason != reason {
                try AuditLog.append(tx, time: stamp, actor: actor, action: state == .paused ? "distribution.paused" : "distribution.waiting",
                                    subject: "proposal \(id)", payload: ["reason": reason, "until": until ?? ""])
            }
        }
    }
}
