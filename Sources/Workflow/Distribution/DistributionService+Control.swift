import Foundation
public import Store

extension DistributionService {
    /// Where a distribution stands, with the reason it pauses or waits and each failure's reason.
    public func progressOf(_ id: Int64) async throws -> Progress {
        guard let progress = try await workspace.store.read({ tx in try Self.progress(id, tx: tx) }) else {
            throw WorkflowError("not-started", "proposal \(id) has no distribution yet")
        }
        return progress
    }

    static func progress(_ id: Int64, tx: StoreTransaction) throws -> Progress? {
        guard let record = try tx.distribution(id) else { return nil }
        let items = try tx.distributionItems(id)
        func count(_ s: DistributionItemState) -> Int { items.filter { $0.state == s }.count }
        var p = Progress(state: record.state, applied: count(.applied), failed: count(.failed), conflicts: count(.conflict),
                         pending: count(.pending))
        p.skipped = count(.skipped)
        p.suspended = count(.suspended)
        p.reason = record.state == .paused || record.state == .waiting ? record.reason : nil
        p.waitingUntil = record.state == .waiting ? record.waitingUntil : nil
        p.failures = Dictionary(items.filter { $0.state == .failed }.map { ($0.administration, $0.message ?? "") },
                                uniquingKeysWith: { a, _ in a })
        p.suspendedAdministrations = items.filter { $0.state == .suspended }.map(\.administration)
        return p
    }

    /// The administrations of a distribution with their wave, state and last message.
    public func items(_ id: Int64) async throws -> [DistributionItem] {
        try await workspace.store.read { tx in try tx.distributionItems(id) }
    }

    /// Stops a distribution for good; what was applied stays applied.
    public func abort(_ id: Int64, by actor: String) async throws {
        var p = try await ProposalService(workspace: workspace).proposal(id)
        guard p.state == .distributing || p.state == .approved else {
            throw WorkflowError("closed", "proposal \(id) is \(p.state.rawValue)")
        }
        p.state = .aborted
        let aborted = p
        let time = clock.stamp()
        try await workspace.store.write { tx in
            if try tx.distribution(id) != nil {
                try tx.setDistributionState(id, .aborted)
                _ = try tx.breakLease(id)
            }
            try tx.updateProposal(id, state: aborted.state.rawValue, body: try ProposalService.encode(aborted), open: false)
            try AuditLog.append(tx, time: time, actor: actor, action: "distribution.aborted", subject: "proposal \(id)")
        }
    }

    /// Leaves one administration out of a distribution (a reviewer's explicit choice, audited with the reason), so it
    /// can finish without it; the administration stays out of sync until a later proposal brings it along.
    public func skip(_ id: Int64, administration: String, reason: String, by actor: String) async throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WorkflowError("invalid", "skipping an administration needs a reason")
        }
        let p = try await ProposalService(workspace: workspace).proposal(id)
        guard p.state == .distributing || p.state == .approved else {
            throw WorkflowError("closed", "proposal \(id) is \(p.state.rawValue)")
        }
        let time = clock.stamp()
        try await workspace.store.write { tx in
            guard let item = try tx.distributionItem(id, admin: administration) else {
                throw WorkflowError("not-found", "\(administration) is not in the distribution of proposal \(id)")
            }
            guard item.state != .applied else {
                throw WorkflowError("applied", "\(administration) was applied already; skipping it changes nothing")
            }
            if let record = try tx.distribution(id), let holder = record.leaseOwner, let expires = record.leaseExpires,
               expires > time {
                throw WorkflowError("leased", "a distributor (\(holder)) is at work on proposal \(id) until \(expires); skip it "
                    + "when it has stopped")
            }
            try tx.setDistributionItem(id, admin: administration, state: .skipped, message: "skipped by \(actor): \(reason)",
                                       attempt: false)
            try AuditLog.append(tx, time: time, actor: actor, action: "distribution.skipped", subject: administration,
                                payload: ["proposal": String(id), "reason": reason, "was": item.state.rawValue])
        }
    }

    /// Breaks the lease of a distributor that died (an admin's repair, audited with who held it and until when), so
    /// the distribution can be resumed at once rather than after the lease expires.
    @discardableResult
    public func unlock(_ id: Int64, by actor: String) async throws -> LeaseHolder {
        let time = clock.stamp()
        return try await workspace.store.write { tx in
            guard try tx.distribution(id) != nil else { throw WorkflowError("not-started", "proposal \(id) has no distribution") }
            guard let holder = try tx.breakLease(id) else {
                throw WorkflowError("not-leased", "no distributor holds proposal \(id); resume it")
            }
            try AuditLog.append(tx, time: time, actor: actor, action: "distribution.unlocked", subject: "proposal \(id)",
                                payload: ["owner": holder.owner, "expires": holder.expires])
            return holder
        }
    }
}
