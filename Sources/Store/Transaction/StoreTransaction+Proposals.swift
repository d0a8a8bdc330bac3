import GRDB

extension StoreTransaction {
    /// Stores a new proposal's body for `clusters`; fails when one of them is already in an open proposal.
    public func insertProposal(state: String, toRevision: String, createdAt: String, body: (Int64) throws -> String,
                               clusters: [String]) throws -> Int64 {
        try execute("INSERT INTO proposal (state, to_revision, created_at, body) VALUES (?, ?, ?, '')",
                    [state, toRevision, createdAt])
        let id = lastInsertedRowID
        try execute("UPDATE proposal SET body = ? WHERE id = ?", [try body(id), id])
        for cluster in clusters {
            try execute("INSERT INTO proposal_cluster (proposal_id, cluster, open) VALUES (?, ?, 1)", [id, cluster])
        }
        return id
    }

    /// Replaces a proposal's state and body; `open: false` frees its clusters for newer proposals.
    public func updateProposal(_ id: Int64, state: String, body: String, open: Bool) throws {
        try execute("UPDATE proposal SET state = ?, body = ?, version = version + 1 WHERE id = ?", [state, body, id])
        if !open { try execute("UPDATE proposal_cluster SET open = 0 WHERE proposal_id = ?", [id]) }
    }

    /// Open proposals covering any of `clusters`.
    public func openProposals(covering clusters: [String]) throws -> [Int64] {
        guard !clusters.isEmpty else { return [] }
        let marks = clusters.map { _ in "?" }.joined(separator: ", ")
        return try rows("SELECT DISTINCT proposal_id FROM proposal_cluster WHERE open = 1 AND cluster IN (\(marks))",
                        StatementArguments(clusters)).map { $0["proposal_id"] }
    }

    public func proposalBodies() throws -> [(id: Int64, body: String)] {
        try rows("SELECT id, body FROM proposal ORDER BY id").map { ($0["id"], $0["body"]) }
    }

    /// The version of a proposal, which every update moves; nil when there is no such proposal.
    public func proposalVersion(_ id: Int64) throws -> Int64? {
        try row("SELECT version FROM proposal WHERE id = ?", [id])?[0]
    }

    public func proposalBody(_ id: Int64) throws -> String? {
        try row("SELECT body FROM proposal WHERE id = ?", [id])?["body"]
    }

    /// Where the next proposal starts: the target of the newest proposal that is finished (distributed, rejected
    /// or aborted). An open or approved one is superseded by the next and its change proposed again with it.
    public func lastProposedRevision() throws -> String? {
        try row("""
            SELECT to_revision FROM proposal WHERE state IN ('distributed', 'rejected', 'aborted') ORDER BY id DESC LIMIT 1
            """)?["to_revision"]
    }

    /// Every proposal's coverage (clusters and `group:NAME` keys) with its state and target revision, oldest first:
    /// the workflow finds each cluster's base revision and what is in flight from it.
    public func proposalCoverage() throws -> [(proposal: Int64, key: String, state: String, toRevision: String)] {
        try rows("""
            SELECT p.id, c.cluster, p.state, p.to_revision FROM proposal p JOIN proposal_cluster c ON c.proposal_id = p.id
            ORDER BY p.id, c.cluster
            """).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}
