import GRDB

/// One administration's place in a distribution.
public struct DistributionItem: Sendable, Hashable, Codable {
    public var administration: String
    public var wave: Int
    public var state: String
    public var message: String?
}

extension StoreTransaction {
    /// Creates the distribution of a proposal with its administrations and waves, unless it exists.
    public func startDistribution(_ proposal: Int64, items: [(admin: String, wave: Int)]) throws {
        guard try row("SELECT 1 FROM distribution WHERE proposal_id = ?", [proposal]) == nil else { return }
        try execute("INSERT INTO distribution (proposal_id, state) VALUES (?, 'running')", [proposal])
        for item in items {
            try execute("INSERT INTO distribution_item (proposal_id, admin_id, wave, state) VALUES (?, ?, ?, 'pending')",
                        [proposal, item.admin, item.wave])
        }
    }

    /// Takes the lease when it is free or expired (times are ISO 8601, compared as text); false when held.
    public func takeLease(_ proposal: Int64, owner: String, now: String, until: String) throws -> Bool {
        try execute("""
            UPDATE distribution SET lease_owner = ?, lease_expires = ?
            WHERE proposal_id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires <= ?)
            """, [owner, until, proposal, owner, now])
        return changes == 1
    }

    public func releaseLease(_ proposal: Int64, owner: String) throws {
        try execute("UPDATE distribution SET lease_owner = NULL, lease_expires = NULL WHERE proposal_id = ? AND lease_owner = ?",
                    [proposal, owner])
    }

    public func distributionState(_ proposal: Int64) throws -> String? {
        try row("SELECT state FROM distribution WHERE proposal_id = ?", [proposal])?["state"]
    }

    public func setDistributionState(_ proposal: Int64, _ state: String) throws {
        try execute("UPDATE distribution SET state = ? WHERE proposal_id = ?", [state, proposal])
    }

    public func distributionItems(_ proposal: Int64) throws -> [DistributionItem] {
        try rows("SELECT * FROM distribution_item WHERE proposal_id = ? ORDER BY wave, admin_id", [proposal]).map {
            DistributionItem(administration: $0["admin_id"], wave: $0["wave"], state: $0["state"], message: $0["message"])
        }
    }

    /// Records one administration's outcome (inside its apply transaction when it was applied).
    public func setDistributionItem(_ proposal: Int64, admin: String, state: String, message: String?) throws {
        try execute("UPDATE distribution_item SET state = ?, message = ? WHERE proposal_id = ? AND admin_id = ?",
                    [state, message, proposal, admin])
    }
}
