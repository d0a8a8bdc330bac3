import Foundation
import GitSource
import Reconciler
import Store
import Templates
public import Workspace

/// Turns commits into proposals: the revision range, its commits and authors, the clusters it touches and every
/// affected administration's plan. A cluster is in at most one open proposal; a newer one supersedes it while it is
/// still under review.
public struct ProposalService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What proposing found: the proposals made, and the clusters whose changes wait for a distribution in flight.
    public struct Outcome: Sendable {
        public var proposals: [Proposal] = []
        /// Cluster (or `group:NAME`) → the approved or distributing proposal its new changes wait for.
        public var waiting: [String: Int64] = [:]
    }

    /// Proposes what changed for each cluster since its own last proposal (or the seed commit) up to `revision` or
    /// `branch` (default: the tracked branch). Returns the first proposal made, nil when nothing changed.
    public func propose(revision: String? = nil, branch: String? = nil, by actor: String, at time: String,
                        commitTime: Int64? = nil) async throws -> Proposal? {
        try await proposeAll(revision: revision, branch: branch, by: actor, at: time, commitTime: commitTime).proposals.first
    }

    /// Proposals per cluster: each cluster's change is measured from its own base — the target of its newest
    /// proposal that was distributed, rejected, aborted, or is approved or distributing — so a commit never touches
    /// another cluster's proposal. A cluster with an approved or distributing proposal is never superseded: its new
    /// commits wait and are proposed once that one finishes. Open proposals of the clusters proposed are superseded
    /// (their change proposed again with the newer one). Clusters sharing a base share one proposal. A branch the
    /// tracked branch moved away from is merged (a merge commit authored by `actor` at `commitTime`, no branch
    /// moved) and the merge is what gets proposed.
    public func proposeAll(revision: String? = nil, branch: String? = nil, by actor: String, at time: String,
                           commitTime: Int64? = nil) async throws -> Outcome {
        let repo = workspace.templates
        let tracked = workspace.settings.branch
        var target = try repo.resolve(branch ?? revision ?? tracked).hex
        let seed = try repo.log(from: tracked).last?.id.hex
        let coverage = try await workspace.store.read { tx in try tx.proposalCoverage() }
        let bases = Self.bases(coverage)
        let unfinished = try await proposals().filter { [.open, .approved, .distributing].contains($0.state) }
        var branchHead: String?
        if let branch {
            let head = try repo.resolve(tracked).hex
            if try repo.isAncestor(target, of: head) { return Outcome() }  // the tracked branch holds it already
            if try !repo.isAncestor(head, of: target) {
                if unfinished.contains(where: { $0.branch == branch && $0.branchHead == target
                    && (try? repo.isAncestor(head, of: $0.toRevision)) == true }) { return Outcome() }
                branchHead = target
                target = try await mergeCommit(branch, tip: target, into: head, by: actor, time: commitTime).hex
            }
        }
        let to = target
        let set = try workspace.templateSet(at: to)
        var outcome = Outcome()
        var drafts: [Proposal] = []
        // One proposal per base revision, over the clusters and groups whose base it is.
        let keys = set.clusters.keys.sorted() + Set(set.groups.keys).union(bases.base.keys.filter { $0.hasPrefix("group:") }
            .map { String($0.dropFirst(6)) }).sorted().map { "group:" + $0 }
        var byBase: [String: [String]] = [:]
        for key in keys { byBase[bases.base[key] ?? seed ?? "", default: []].append(key) }
        for (from, members) in byBase.sorted(by: { $0.key < $1.key }) where from != to {
            let changed = try from.isEmpty ? repo.list(at: to).map(\.path) : repo.changedPaths(from: from, to: to)
            let affected = Self.affectedClusters(set, changed: changed).filter(members.contains)
            let groupChanges = GroupChange.between(try from.isEmpty ? nil : workspace.templateSet(at: from), set, changed: changed)
                .filter { members.contains($0.coverageKey) }
            var clusters: [String] = [], groups: [GroupChange] = []
            for c in affected {
                if let waitFor = bases.inFlight[c] { outcome.waiting[c] = waitFor } else { clusters.append(c) }
            }
            for g in groupChanges {
                if let waitFor = bases.inFlight[g.coverageKey] { outcome.waiting[g.coverageKey] = waitFor } else { groups.append(g) }
            }
            guard !clusters.isEmpty || !groups.isEmpty else { continue }
            let covering = clusters + groups.map(\.coverageKey)
            // Already proposed and open at this revision: nothing new to review.
            if unfinished.contains(where: { $0.state == .open && $0.toRevision == to && $0.branch == branch
                && Set(covering).isSubset(of: Set($0.clusters + $0.groupChanges.map(\.coverageKey))) }) { continue }
            let changedGroupFiles = Set(changed.filter { $0.hasPrefix("groups/") })
            if !changedGroupFiles.isEmpty, let problem = set.validate().first(where: { changedGroupFiles.contains($0.file) }) {
                throw WorkflowError("invalid-group", "cannot propose \(to.prefix(7)): \(problem)")
            }
            let commits = try repo.log(from: to, excluding: from.isEmpty ? nil : from)
            guard !commits.isEmpty else { continue }
            drafts.append(try await draft(from: from.isEmpty ? nil : from, to: to, branch: branch, branchHead: branchHead,
                                          actor: actor, time: time, commits: commits, clusters: clusters, groups: groups,
                                          set: set))
        }
        guard !drafts.isEmpty else { return outcome }
        outcome.proposals = try await store(drafts, by: actor, at: time)
        return outcome
    }

    /// Each coverage key's base revision and the proposal in flight for it, from every proposal's coverage.
    static func bases(_ coverage: [(proposal: Int64, key: String, state: String, toRevision: String)])
        -> (base: [String: String], inFlight: [String: Int64])
    {
        var base: [String: String] = [:], inFlight: [String: Int64] = [:]
        for row in coverage {  // oldest first: the newest wins
            guard let state = Proposal.State(rawValue: row.state) else { continue }
            switch state {
            case .distributed, .rejected, .aborted:
                base[row.key] = row.toRevision
                inFlight[row.key] = nil
            case .approved, .distributing:
                base[row.key] = row.toRevision
                inFlight[row.key] = row.proposal
            case .open, .superseded: break
            }
        }
        return (base, inFlight)
    }

    /// A proposal not yet stored: commits with their users, and every affected administration's plan.
    func draft(from: String?, to: String, branch: String?, branchHead: String?, actor: String, time: String,
               commits: [GitCommit], clusters: [String], groups: [GroupChange], set: TemplateSet) async throws -> Proposal {
        let users = UserService(store: workspace.store)
        var proposalCommits: [ProposalCommit] = []
        for c in commits {
            proposalCommits.append(ProposalCommit(id: c.id.hex, authorName: c.author.name, authorEmail: c.author.email,
                                                  summary: c.summary, user: try await users.user(email: c.author.email)?.name))
        }
        let reconciler = ReconcilerService(workspace: workspace)
        // One batch over the loaded set: planning one by one reloads the set (and its overlays) per administration.
        let ids = try await workspace.ledger.administrations().filter { $0.cluster.map(clusters.contains) == true }.map(\.id)
        let planned = try await reconciler.plans(ids, at: to, set: set)
        // Cluster-file changes (waves, windows, maxFailures, drift…) are items a reviewer sees, not only plans.
        let policy = PolicyChange.between(try from.map { try workspace.templateSet(at: $0) }, set, clusters: clusters)
        return Proposal(id: 0, state: .open, fromRevision: from, toRevision: to, branch: branch, branchHead: branchHead,
                        proposer: actor, createdAt: time, commits: proposalCommits, clusters: clusters,
                        plans: ids.compactMap { planned[$0] }, supersedes: [], groupChanges: groups, policyChanges: policy)
    }

    /// Stores new proposals in one transaction, superseding the open proposals of what they cover.
    func store(_ drafts: [Proposal], by actor: String, at time: String) async throws -> [Proposal] {
        try await workspace.store.write { tx in
            var stored: [Proposal] = []
            var superseded: Set<Int64> = []
            for var proposal in drafts {
                let covering = proposal.clusters + proposal.groupChanges.map(\.coverageKey)
                for older in try tx.openProposals(covering: covering) {
                    guard let body = try tx.proposalBody(older) else { continue }
                    var previous = try Self.decode(body)
                    // Only a proposal still under review is replaced; approved work is never taken back.
                    guard previous.state == .open else { continue }
                    proposal.supersedes.append(older)
                    guard superseded.insert(older).inserted else { continue }
                    previous.state = .superseded
                    try tx.updateProposal(older, state: previous.state.rawValue, body: try Self.encode(previous), open: false)
                    try AuditLog.append(tx, time: time, actor: actor, action: "proposal.superseded", subject: "proposal \(older)",
                                        payload: ["by": proposal.toRevision])
                }
                let id = try tx.insertProposal(state: proposal.state.rawValue, toRevision: proposal.toRevision, createdAt: time,
                                               body: { id in
                                                   proposal.id = id
                                                   return try Self.encode(proposal)
                                               }, clusters: covering)
                proposal.id = id
                try AuditLog.append(tx, time: time, actor: actor, action: "proposal.created", subject: "proposal \(id)",
                                    payload: ["from": proposal.fromRevision ?? "", "to": proposal.toRevision,
                                              "clusters": proposal.clusters.joined(separator: ","),
                                              "groups": proposal.groupChanges.map(\.group).joined(separator: ","),
                                              "administrations": String(proposal.affected.count)])
                stored.append(proposal)
            }
            return stored
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
