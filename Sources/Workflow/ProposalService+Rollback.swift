import Foundation
import GitSource
import Store

extension ProposalService {
    /// Rolls a proposal back the git way: a commit on the tracked branch, authored by the acting user, that puts
    /// every file the proposal changed back as it was before it — then proposes that commit for review like any
    /// other change.
    public func rollback(_ id: Int64, by actor: String, at time: String, commitTime: Int64) async throws -> Proposal? {
        let p = try await proposal(id)
        guard let from = p.fromRevision else {
            throw WorkflowError("invalid", "proposal \(id) starts at the beginning of history; there is nothing to return to")
        }
        guard let user = try await UserService(store: workspace.store).users().first(where: { $0.name == actor }) else {
            throw WorkflowError("unknown-user", "a rollback commit needs an author: \(actor) is not a user")
        }
        let repo = workspace.templates
        let branch = workspace.settings.branch
        var changes: [GitFileChange] = []
        for path in try repo.changedPaths(from: from, to: p.toRevision) {
            if let old = try repo.read(path, at: from) { changes.append(.write(path: path, contents: old)) }
            else { changes.append(.delete(path: path)) }
        }
        guard !changes.isEmpty else { return nil }
        let summary = p.commits.first?.summary ?? "proposal \(id)"
        try repo.commit(changes, on: branch, message: "Revert proposal \(id): \(summary)\n\nRestores the templates as of \(from.prefix(7)).\n",
                        author: GitSignature(name: user.name, email: user.email, time: commitTime))
        _ = try await workspace.store.write { tx in
            try AuditLog.append(tx, time: time, actor: actor, action: "proposal.rollback", subject: "proposal \(id)",
                                payload: ["to": from])
        }
        return try await propose(by: actor, at: time)
    }
}
