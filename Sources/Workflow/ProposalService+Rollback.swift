import Foundation
import GitSource
import Store

extension ProposalService {
    /// Rolls a proposal back the git way: a revert of the proposal's own commits (three-way, so what later proposals
    /// changed stays), authored by the acting user, then proposed for review like any other change. Refused for a
    /// proposal that was never distributed, and when reverting would change nothing. On a workspace that tracks a
    /// remote the revert is pushed there first; if the remote refuses, nothing moves here either, so the tracked
    /// branch never diverges from it. Renumberings are undone when the revert is distributed (the reconciler plans
    /// a renumbering backwards when the last applied configuration made it and the desired one has the old code).
    public func rollback(_ id: Int64, by actor: String, at time: String, commitTime: Int64) async throws -> Proposal? {
        let p = try await proposal(id)
        let applied = try await workspace.store.read { tx in try tx.distributionItems(id).filter { $0.state == .applied }.count }
        guard p.state == .distributed || applied > 0 else {
            throw WorkflowError("not-distributed", "proposal \(id) is \(p.state.rawValue) and was applied nowhere; there is "
                + "nothing to roll back (reject or abort it instead)")
        }
        guard let from = p.fromRevision else {
            throw WorkflowError("invalid", "proposal \(id) starts at the beginning of history; there is nothing to return to")
        }
        guard let user = try await UserService(store: workspace.store).users().first(where: { $0.name == actor }) else {
            throw WorkflowError("unknown-user", "a rollback commit needs an author: \(actor) is not a user")
        }
        let repo = workspace.templates
        let branch = workspace.settings.branch
        let head = try repo.resolve(branch).hex
        let summary = p.commits.first?.summary ?? "proposal \(id)"
        let message = "Revert proposal \(id): \(summary)\n\nReverts \(from.prefix(7))..\(p.toRevision.prefix(7)); "
            + "later changes are kept.\n"
        let revert: GitObjectID?
        do {
            revert = try repo.revert(from: from, to: p.toRevision, on: branch, message: message,
                                     author: GitSignature(name: user.name, email: user.email, time: commitTime))
        } catch {
            throw WorkflowError("revert-conflict", "cannot roll back proposal \(id): \(error.message)")
        }
        guard let revert else {
            throw WorkflowError("nothing-to-revert", "rolling back proposal \(id) would change nothing: later commits "
                + "already undid its changes")
        }
        if let remote = workspace.settings.remote {
            do { try repo.push(revert.hex, to: remote, branch: branch) } catch {
                throw WorkflowError("push-refused", "the revert of proposal \(id) was not pushed to the remote, so nothing "
                    + "changed here either: \(error.message)")
            }
        }
        do { try repo.fastForward(branch, to: revert.hex) } catch {
            throw WorkflowError("moved", "\(branch) moved on from \(head.prefix(7)) while rolling back; try again")
        }
        _ = try await workspace.store.write { tx in
            try AuditLog.append(tx, time: time, actor: actor, action: "proposal.rollback", subject: "proposal \(id)",
                                payload: ["to": from, "commit": revert.hex])
        }
        return try await propose(by: actor, at: time)
    }
}
