import Foundation
import Reconciler
import Store
import Templates

extension ProposalService {
    /// Records a review. Four eyes: neither the proposer nor any commit author may approve. Approval also needs every
    /// conflict decided and every blocked item acknowledged; the proposal is approved once it has as many approvals
    /// as its strictest cluster requires. A rejection closes it.
    @discardableResult
    public func review(_ id: Int64, approve: Bool, comment: String, by reviewer: String, at time: String) async throws
        -> Proposal
    {
        var p = try await proposal(id)
        guard p.state == .open else { throw WorkflowError("closed", "proposal \(id) is \(p.state.rawValue); only an open one is reviewed") }
        guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WorkflowError("invalid", "a review needs a comment")
        }
        if approve {
            if reviewer == p.proposer {
                throw WorkflowError("four-eyes", "\(reviewer) proposed \(id) and cannot approve it; another reviewer must")
            }
            // Matched by email now, not only as the proposal recorded it: an author who became a user since is still an author.
            let email = try await UserService(store: workspace.store).users().first { $0.name == reviewer }?.email.lowercased()
            if let commit = p.commits.first(where: { $0.user == reviewer || $0.authorEmail.lowercased() == email }) {
                throw WorkflowError("four-eyes", "\(reviewer) authored commit \(commit.id.prefix(7)) of proposal \(id) "
                    + "and cannot approve it; another reviewer must")
            }
            if p.reviews.contains(where: { $0.reviewer == reviewer && $0.approve }) {
                throw WorkflowError("duplicate", "\(reviewer) already approved proposal \(id)")
            }
            let open = p.undecided
            if let first = open.first {
                throw WorkflowError("undecided", "\(open.count) conflict(s) or blocked item(s) need a decision first, e.g. \(first)")
            }
        }
        p.reviews.append(Proposal.Review(reviewer: reviewer, approve: approve, comment: comment, time: time))
        let set = try workspace.templateSet(at: p.toRevision)
        let required = p.clusters.compactMap { set.clusters[$0]?.requiredApprovals }.max() ?? 1
        let approvals = p.reviews.filter(\.approve).count
        if !approve { p.state = .rejected } else if approvals >= required { p.state = .approved }
        let updated = p
        try await workspace.store.write { tx in
            try tx.updateProposal(id, state: updated.state.rawValue, body: try Self.encode(updated), open: updated.state == .open
                                    || updated.state == .approved)
            try AuditLog.append(tx, time: time, actor: reviewer, action: approve ? "review.approved" : "review.rejected",
                                subject: "proposal \(id)", payload: ["comment": comment, "state": updated.state.rawValue,
                                                                     "approvals": "\(approvals)/\(required)"])
        }
        return updated
    }

    /// Decides a conflicting item (`take`: `template` or `local`) or acknowledges a blocked one (`take`: nil). While
    /// a proposal is distributing, an administration set aside as a conflict at its apply (a local edit made after
    /// the review) is decided the same way, against its plan now; resuming then applies it.
    public func decide(_ id: Int64, administration: String, item: String, take: String?, by reviewer: String,
                       at time: String) async throws {
        var p = try await proposal(id)
        let key = "\(administration)|\(item)"
        let planItem: PlanItem?
        switch p.state {
        case .open:
            planItem = p.affected.first(where: { $0.administration == administration })?.items.first { $0.key.description == item }
        case .distributing:
            let state = try await workspace.store.read { tx in try tx.distributionItem(id, admin: administration)?.state }
            guard state == .conflict else {
                throw WorkflowError("closed", "proposal \(id) is distributing and \(administration) is not set aside as a conflict")
            }
            let plan = try await ReconcilerService(workspace: workspace).plan(administration, at: p.toRevision)
            planItem = plan.items.first { $0.key.description == item }
        default: throw WorkflowError("closed", "proposal \(id) is \(p.state.rawValue)")
        }
        guard let planItem else { throw WorkflowError("not-found", "proposal \(id) has no item \(item) for \(administration)") }
        switch (planItem.action, take) {
        case (.conflict, "template"?), (.conflict, "local"?): p.decisions[key] = take
        case (.blocked, nil): if !p.acknowledged.contains(key) { p.acknowledged.append(key) }
        case (.conflict, _): throw WorkflowError("invalid", "\(item) is a conflict: take template or local")
        case (.blocked, _): throw WorkflowError("invalid", "\(item) is blocked: acknowledge it")
        default: throw WorkflowError("invalid", "\(item) needs no decision (\(planItem.action.rawValue))")
        }
        let updated = p
        try await workspace.store.write { tx in
            try tx.updateProposal(id, state: updated.state.rawValue, body: try Self.encode(updated), open: true)
            try AuditLog.append(tx, time: time, actor: reviewer, action: take == nil ? "decision.acknowledged" : "decision.taken",
                                subject: "proposal \(id)", payload: ["item": key, "take": take ?? "acknowledged"])
        }
    }
}
