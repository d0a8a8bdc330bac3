import GitSource
import Workspace

extension DistributionService {
    /// Moves the tracked branch to what a branch proposal brings, so git shows what was distributed: a
    /// fast-forward when it can, else a merge — but only when the commits the tracked branch gained since the
    /// proposal leave this proposal's clusters exactly as reviewed. A resumed distribution finds it moved already.
    func moveTrackedBranch(_ p: Proposal, by actor: String, commitTime: Int64?) async throws {
        let repo = workspace.templates
        let tracked = workspace.settings.branch
        let head = try repo.resolve(tracked).hex
        if try repo.isAncestor(p.toRevision, of: head) { return }
        if try repo.isAncestor(head, of: p.toRevision) {
            try repo.fastForward(tracked, to: p.toRevision)
            return
        }
        let branch = p.branch ?? p.toRevision
        let merged = try await ProposalService(workspace: workspace).mergeCommit(branch, tip: p.toRevision, into: head,
                                                                                 by: actor, time: commitTime).hex
        let changed = try repo.changedPaths(from: p.toRevision, to: merged)
        let touched = ProposalService.affectedClusters(try workspace.templateSet(at: merged), changed: changed)
            .filter(p.clusters.contains)
        guard touched.isEmpty else {
            throw WorkflowError("moved", "\(tracked) moved on since proposal \(p.id) was reviewed and changes "
                + "\(touched.joined(separator: ", ")) too; propose \(branch) again so one review covers both")
        }
        try repo.fastForward(tracked, to: merged)
    }
}
