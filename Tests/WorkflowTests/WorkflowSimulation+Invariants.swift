import Core
import Foundation
import Reconciler
import Store
import Templates
import Workflow
import Workspace

extension WorkflowSimulation {
    /// After every step:
    /// - the audit log is intact (checked incrementally, record by record, and whole at the end);
    /// - no administration applied twice in one proposal;
    /// - nothing applied inside a window of its cluster (on the wall clock's day) or to a suspended administration;
    /// - no apply failed on a database constraint (a reference a renumbering forgot);
    /// - every Synced administration whose live hash is recorded is live as recorded and plans nothing at its revision;
    /// - no distribution stranded: running (the timer carries it on), or paused or waiting with a reason, or done only
    ///   when every administration is applied or skipped and its proposal is distributed.
    mutating func checkInvariants() async throws {
        let after = lastSeq
        let records = try await f.workspace.store.read { tx in try tx.auditRecords(after: after, limit: 100_000) }
        for r in records {
            if r.seq != lastSeq + 1 || r.previousHash != lastHash || AuditLog.hash(r) != r.hash {
                violations.append("step \(step): audit record \(r.seq) breaks the chain")
            }
            lastSeq = r.seq
            lastHash = r.hash
            let payload = (try? JSONDecoder().decode([String: String].self, from: Data(r.payload.utf8))) ?? [:]
            if r.action == "apply", let proposal = payload["proposal"] {
                let key = "\(proposal)|\(r.subject)"
                applied[key, default: 0] += 1
                if applied[key] ?? 0 > 1 { violations.append("step \(step): \(r.subject) applied twice in proposal \(proposal)") }
                if suspended.contains(r.subject) { violations.append("step \(step): \(r.subject) applied while suspended") }
                if let window = try await window(for: r, proposal: proposal) {
                    violations.append("step \(step): \(r.subject) applied on \(window) inside a window")
                }
            }
            if r.action == "apply.failed", let error = payload["error"], error.contains("constraint") {
                violations.append("step \(step): \(r.subject) failed on a constraint: \(error)")
            }
        }
        try await checkSynced()
        try await checkDistributions()
    }

    /// The window that forbade the day an apply happened, if any (the proposal's cluster file at its revision). The
    /// day is the simulation's own clock during the step (it moves only between steps), never the record's time
    /// stamp, which comes from the code under test.
    mutating func window(for r: AuditRecord, proposal: String) async throws -> String? {
        guard let id = Int64(proposal) else { return nil }
        let date = f.time.clock.now()
        let p = try await f.proposals.proposal(id)
        if sets[p.toRevision] == nil { sets[p.toRevision] = try f.workspace.templateSet(at: p.toRevision) }
        guard let cluster = p.plans.first(where: { $0.administration == r.subject })?.cluster,
              let windows = sets[p.toRevision]?.clusters[cluster]?.windows else { return nil }
        let day = f.time.clock.day(date)
        return windows.first { $0.forbids(day) }.map { "\(day) ('\($0.name)')" }
    }

    mutating func checkSynced() async throws {
        let everything = step % 50 == 0
        for record in try await f.reconciler.records() where record.status == SyncStatus.synced.rawValue {
            guard let liveHash = record.liveHash, let revision = record.attemptedRevision else { continue }
            let fingerprint = "\(liveHash)|\(revision)|\(record.planHash ?? "")"
            if !everything && checked[record.administration] == fingerprint { continue }
            checked[record.administration] = fingerprint
            let plan = try await f.reconciler.plan(record.administration, at: revision)
            if plan.liveHash != liveHash {
                violations.append("step \(step): \(record.administration) is Synced with live hash \(liveHash.prefix(8)) but live is "
                    + "\(plan.liveHash.prefix(8)): a local edit did not clear it")
            }
            if plan.items.contains(where: { $0.writes || $0.action == .conflict || $0.action == .blocked }) {
                violations.append("step \(step): \(record.administration) is Synced but plans "
                    + plan.items.map { "\($0.action.rawValue) \($0.key)" }.joined(separator: ", "))
            }
        }
    }

    mutating func checkDistributions() async throws {
        for p in try await f.proposals.proposals() {
            let (record, items) = try await f.workspace.store.read { tx in (try tx.distribution(p.id), try tx.distributionItems(p.id)) }
            guard let record else {
                if p.state == .distributed || p.state == .distributing {
                    violations.append("step \(step): proposal \(p.id) is \(p.state.rawValue) without a distribution")
                }
                continue
            }
            switch record.state {
            case .running: break  // the timer carries it on once any lease on it expires
            case .paused, .waiting:
                if (record.reason ?? "").isEmpty { violations.append("step \(step): distribution \(p.id) is \(record.state) without a reason") }
            case .done:
                if p.state != .distributed { violations.append("step \(step): distribution \(p.id) done, proposal \(p.state.rawValue)") }
                if let open = items.first(where: { $0.state != .applied && $0.state != .skipped }) {
                    violations.append("step \(step): distribution \(p.id) done with \(open.administration) \(open.state.rawValue)")
                }
            case .aborted: break
            }
            if p.state == .distributing && (record.state == .done || record.state == .aborted) {
                violations.append("step \(step): proposal \(p.id) distributing but its distribution is \(record.state)")
            }
            if p.state == .distributed && record.state != .done {
                violations.append("step \(step): proposal \(p.id) distributed but its distribution is \(record.state)")
            }
        }
    }

    /// The whole log verified at once, as `audit verify` does.
    func verifyAudit() async throws -> Bool {
        AuditLog.verify(try await f.audit()) == nil
    }
}
