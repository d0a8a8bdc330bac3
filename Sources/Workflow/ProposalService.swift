import Foundation
import GitSource
import Reconciler
import Store
import Templates
public import Workspace

/// Turns commits into proposals: the revision range, its commits and authors, the clusters it touches and every
/// affected administration's plan. A cluster is in at most one open proposal; a newer one supersedes.
public struct ProposalService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Proposes what changed from the last proposal (or the seed commit) to `revision` or `branch` (default: the
    /// tracked branch). Returns nil when nothing changed. A branch the tracked branch moved away from is merged
    /// (a merge commit authored by `actor` at `commitTime`, no branch moved) and the merge is what gets proposed.
    public func propose(revision: String? = nil, branch: String? = nil, by actor: String, at time: String,
                        commitTime: Int64? = nil) async throws -> Proposal? {
        let repo = workspace.templates
        let tracked = workspace.settings.branch
        var target = try repo.resolve(branch ?? revision ?? tracked).hex
        let proposed = try await workspace.store.read { tx in try tx.lastProposedRevision() }
        let from = try proposed ?? repo.log(from: tracked).last?.id.hex
        if from == target { return nil }
        // Already proposed and not finished: nothing new to review.
        let pending: Set<Proposal.State> = [.open, .approved, .distributing]
        let unfinished = try await proposals().filter { pending.contains($0.state) }
        var branchHead: String?
        if let branch {
            let head = try repo.resolve(tracked).hex
            if try repo.isAncestor(target, of: head) { return nil }  // the tracked branch holds it already
            if try !repo.isAncestor(head, of: target) {
                if unfinished.contains(where: { $0.branch == branch && $0.branchHead == target
                    && (try? repo.isAncestor(head, of: $0.toRevision)) == true }) { return nil }
                branchHead = target
                target = try await mergeCommit(branch, tip: target, into: head, by: actor, time: commitTime).hex
            }
        }
        let to = target
        if unfinished.contains(where: { $0.toRevision == to && $0.branch == branch }) { return nil }
        let commits = try repo.log(from: to, excluding: from)
        guard !commits.isEmpty else { return nil }
        let users = UserService(store: workspace.store)
        var proposalCommits: [ProposalCommit] = []
        for c in commits {
            proposalCommits.append(ProposalCommit(id: c.id.hex, authorName: c.author.name, authorEmail: c.author.email,
                                                  summary: c.summary, user: try await users.user(email: c.author.email)?.name))
        }
        let changed = try from.map { try repo.changedPaths(from: $0, to: to) } ?? repo.list(at: to).map(\.path)
        let set = try workspace.templateSet(at: to)
        let clusters = Self.affectedClusters(set, changed: changed)
        let groups = GroupChange.between(try from.map { try workspace.templateSet(at: $0) }, set, changed: changed)
        let changedGroupFiles = Set(changed.filter { $0.hasPrefix("groups/") })
        if !changedGroupFiles.isEmpty, let problem = set.validate().first(where: { changedGroupFiles.contains($0.file) }) {
            throw WorkflowError("invalid-group", "cannot propose \(to.prefix(7)): \(problem)")
        }
        guard !clusters.isEmpty || !groups.isEmpty else { return nil }
        let reconciler = ReconcilerService(workspace: workspace)
        // One batch over the loaded set: planning one by one reloads the set (and its overlays) per administration.
        let ids = try await workspace.ledger.administrations().filter { $0.cluster.map(clusters.contains) == true }.map(\.id)
        let planned = try await reconciler.plans(ids, at: to, set: set)
        let plans = ids.compactMap { planned[$0] }
        let draft = Proposal(id: 0, state: .open, fromRevision: from, toRevision: to, branch: branch,
                             branchHead: branchHead, proposer: actor, createdAt: time, commits: proposalCommits,
                             clusters: clusters, plans: plans, supersedes: [], groupChanges: groups)
        let covering = clusters + groups.map(\.coverageKey)
        return try await workspace.store.write { tx in
            var proposal = draft
            for older in try tx.openProposals(covering: covering) {
                guard let body = try tx.proposalBody(older) else { continue }
                var superseded = try Self.decode(body)
                superseded.state = .superseded
                try tx.updateProposal(older, state: superseded.state.rawValue, body: try Self.encode(superseded), open: false)
                proposal.supersedes.append(older)
                try AuditLog.append(tx, time: time, actor: actor, action: "proposal.superseded", subject: "proposal \(older)",
                                    payload: ["by": to])
            }
            let id = try tx.insertProposal(state: proposal.state.rawValue, toRevision: to, createdAt: time, body: { id in
                proposal.id = id
                return try Self.encode(proposal)
            }, clusters: covering)
            proposal.id = id
            try AuditLog.append(tx, time: time, actor: actor, action: "proposal.created", subject: "proposal \(id)",
                                payload: ["from": from ?? "", "to": to, "clusters": clusters.joined(separator: ","),
                                          "groups": groups.map(\.group).joined(separator: ","),
                                          "administrations": String(proposal.affected.count)])
            return proposal
        }
    }

    /// The merge of a branch's `tip` into the tracked branch's `head`, authored by the acting user.
    func mergeCommit(_ branch: String, tip: String, into head: String, by actor: String, time: Int64?) async throws
        -> GitObjectID
    {
        let tracked = workspace.settings.branch
        guard let user = try await UserService(store: workspace.store).users().first(where: { $0.name == actor }),
              let time
        else {
            throw WorkflowError("merge-needs-author", "\(tracked) moved on since \(branch) forked: merging them needs a commit "
                + "author, and \(actor) is not a user with an email")
        }
        do {
            return try workspace.templates.merge(tip, into: head, message: "Merge branch '\(branch)' into \(tracked)\n",
                                                 author: GitSignature(name: user.name, email: user.email, time: time))
        } catch {
            throw WorkflowError("merge-conflict", "cannot propose \(branch): \(error.message)")
        }
    }

    public func proposals() async throws -> [Proposal] {
        try await workspace.store.read { tx in try tx.proposalBodies().map { try Self.decode($0.body) } }
    }

    public func proposal(_ id: Int64) async throws -> Proposal {
        guard let body = try await workspace.store.read({ tx in try tx.proposalBody(id) }) else {
            throw WorkflowError("not-found", "proposal \(id) does not exist")
        }
        return try Self.decode(body)
    }

    /// Clusters whose rendered configuration a change to `changed` paths can alter: through their template or any
    /// template it extends, their cluster file, or an overlay.
    static func affectedClusters(_ set: TemplateSet, changed: [String]) -> [String] {
        set.clusters.values.filter { cluster in
            var chain: [String] = []
            var next: String? = cluster.template
            while let name = next, !chain.contains(name) {
                chain.append(name)
                next = set.templates[name]?.extends
            }
            return changed.contains { path in
                chain.contains { path.hasPrefix("templates/\($0)/") } || path == "clusters/\(cluster.name).yaml"
                    || path.hasPrefix("clusters/\(cluster.name)/")
            }
        }.map(\.name).sorted()
    }

    static func encode(_ p: Proposal) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(p), as: UTF8.self)
    }

    static func decode(_ body: String) throws -> Proposal {
        try JSONDecoder().decode(Proposal.self, from: Data(body.utf8))
    }
}
