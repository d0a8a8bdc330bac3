import Foundation
public import Reconciler

/// A commit in a proposal, with the user its author's email belongs to (or flagged unknown).
public struct ProposalCommit: Sendable, Hashable, Codable {
    public var id: String
    public var authorName: String
    public var authorEmail: String
    public var summary: String
    /// The bureau user whose email authored the commit; nil flags an unknown author.
    public var user: String?
}

/// A proposed template change: what it is (commits, revision range), whom it touches (clusters, administrations)
/// and what it would do there (each administration's plan).
public struct Proposal: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case open, approved, rejected, superseded, distributing, distributed, aborted
    }

    public var id: Int64
    public var state: State
    /// The revision the change starts from (nil when nothing was proposed before) and the one it brings.
    public var fromRevision: String?
    public var toRevision: String
    /// Set for a proposal made from a branch rather than the tracked branch.
    public var branch: String?
    /// The branch's own commit when the tracked branch had moved on since it forked: `toRevision` is then the
    /// merge of this commit into the tracked branch, so the plan shows both sides as they will land.
    public var branchHead: String?
    public var proposer: String
    public var createdAt: String
    public var commits: [ProposalCommit]
    public var clusters: [String]
    public var plans: [Plan]
    /// The proposal this one replaced, if any.
    public var supersedes: [Int64]
    public var reviews: [Review] = []
    /// Per conflicting item (`ADMIN|kind:key`): `template` or `local`.
    public var decisions: [String: String] = [:]
    /// Blocked items (`ADMIN|kind:key`) a reviewer acknowledged.
    public var acknowledged: [String] = []
    /// Group files the change adds, changes or removes.
    public var groupChanges: [GroupChange] = []
    /// Cluster-file policy the change alters (approvals, waves, windows, drift, ignore rules), per cluster.
    public var policyChanges: [PolicyChange] = []

    /// One reviewer's verdict.
    public struct Review: Sendable, Hashable, Codable {
        public var reviewer: String
        public var approve: Bool
        public var comment: String
        public var time: String
    }

    public init(id: Int64, state: State, fromRevision: String?, toRevision: String, branch: String?,
                branchHead: String? = nil, proposer: String,
                createdAt: String, commits: [ProposalCommit], clusters: [String], plans: [Plan], supersedes: [Int64],
                reviews: [Review] = [], decisions: [String: String] = [:], acknowledged: [String] = [],
                groupChanges: [GroupChange] = [], policyChanges: [PolicyChange] = []) {
        self.id = id
        self.state = state
        self.fromRevision = fromRevision
        self.toRevision = toRevision
        self.branch = branch
        self.branchHead = branchHead
        self.proposer = proposer
        self.createdAt = createdAt
        self.commits = commits
        self.clusters = clusters
        self.plans = plans
        self.supersedes = supersedes
        self.reviews = reviews
        self.decisions = decisions
        self.acknowledged = acknowledged
        self.groupChanges = groupChanges
        self.policyChanges = policyChanges
    }

    /// Conflicts without a decision and blocked items without an acknowledgement, as `ADMIN|kind:key`.
    public var undecided: [String] {
        affected.flatMap { plan in
            plan.items.compactMap { item -> String? in
                let key = "\(plan.administration)|\(item.key)"
                if item.action == .conflict && decisions[key] == nil { return key }
                if item.action == .blocked && !acknowledged.contains(key) { return key }
                return nil
            }
        }
    }

    /// Administrations the change actually touches (plans with anything in them).
    public var affected: [Plan] { plans.filter { !$0.items.isEmpty } }
}

extension Proposal {
    private enum CodingKeys: String, CodingKey {
        case id, state, fromRevision, toRevision, branch, branchHead, proposer, createdAt, commits, clusters, plans, supersedes
        case reviews, decisions, acknowledged, groupChanges, policyChanges
    }

    /// Review fields may be absent in proposals stored before they existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        state = try c.decode(State.self, forKey: .state)
        fromRevision = try c.decodeIfPresent(String.self, forKey: .fromRevision)
        toRevision = try c.decode(String.self, forKey: .toRevision)
        branch = try c.decodeIfPresent(String.self, forKey: .branch)
        branchHead = try c.decodeIfPresent(String.self, forKey: .branchHead)
        proposer = try c.decode(String.self, forKey: .proposer)
        createdAt = try c.decode(String.self, forKey: .createdAt)
        commits = try c.decode([ProposalCommit].self, forKey: .commits)
        clusters = try c.decode([String].self, forKey: .clusters)
        plans = try c.decode([Plan].self, forKey: .plans)
        supersedes = try c.decode([Int64].self, forKey: .supersedes)
        reviews = try c.decodeIfPresent([Review].self, forKey: .reviews) ?? []
        decisions = try c.decodeIfPresent([String: String].self, forKey: .decisions) ?? [:]
        acknowledged = try c.decodeIfPresent([String].self, forKey: .acknowledged) ?? []
        groupChanges = try c.decodeIfPresent([GroupChange].self, forKey: .groupChanges) ?? []
        policyChanges = try c.decodeIfPresent([PolicyChange].self, forKey: .policyChanges) ?? []
    }
}
