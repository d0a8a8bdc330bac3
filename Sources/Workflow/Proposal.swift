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
    public var proposer: String
    public var createdAt: String
    public var commits: [ProposalCommit]
    public var clusters: [String]
    public var plans: [Plan]
    /// The proposal this one replaced, if any.
    public var supersedes: [Int64]

    /// Administrations the change actually touches (plans with anything in them).
    public var affected: [Plan] { plans.filter { !$0.items.isEmpty } }
}
