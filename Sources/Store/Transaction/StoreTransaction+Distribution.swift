import GRDB

/// Where a distribution stands as a whole.
public enum DistributionState: String, Sendable, Codable, CaseIterable {
    /// Being carried out, or ready to be carried on by whoever holds the lease next.
    case running
    /// Stopped for a person: too many failures, a `pauseAfter` wave, a failed health gate, conflicts to decide.
    case paused
    /// Stopped for time: a distribution window, or suspended administrations; the timer carries it on.
    case waiting
    case done, aborted
}

/// Where one administration stands in a distribution.
public enum DistributionItemState: String, Sendable, Codable, CaseIterable {
    case pending, applied, failed, conflict
    /// Left out by a reviewer (audited); the distribution can finish without it.
    case skipped
    /// The administration is suspended: listed, not applied, until it is resumed or skipped.
    case suspended
}

/// One administration's place in a distribution.
public struct DistributionItem: Sendable, Hashable, Codable {
    public var administration: String
    public var wave: Int
    public var state: DistributionItemState
    public var message: String?
    public var attempts: Int
}

/// A distribution's row: its state and why, and who holds its lease.
public struct DistributionRecord: Sendable, Hashable, Codable {
    public var proposal: Int64
    public var state: DistributionState
    public var reason: String?
    /// For a window wait: the first day applying is allowed again.
    public var waitingUntil: String?
    /// Cluster waves (`mkb#0`) whose gates passed, or that a reviewer resumed past.
    public var gatesPassed: Set<String>
    /// The cluster wave a pause stopped after, if it paused at a gate.
    public var pausedAt: String?
    public var leaseOwner: String?
    public var leaseExpires: String?
    /// Grows each time the lease changes hands; applies check it (fencing).
    public var leaseToken: Int64
}

/// A lease held by one process: who, until when, and the fencing token it was given.
public struct LeaseHolder: Sendable, Hashable, Codable {
    public var owner: String
    public var expires: String
    public var token: Int64
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

    /// The distribution of a proposal, if it was started.
    public func distribution(_ proposal: Int64) throws -> DistributionRecord? {
        try row("SELECT * FROM distribution WHERE proposal_id = ?", [proposal]).map { r in
            DistributionRecord(proposal: r["proposal_id"], state: try r.enumValue("state", as: DistributionState.self),
                               reason: r["reason"], waitingUntil: r["waiting_until"],
                               gatesPassed: Set((r["gates_passed"] as String).split(separator: ",").map(String.init)),
                               pausedAt: r["paused_at"],
                               leaseOwner: r["lease_owner"], leaseExpires: r["lease_expires"], leaseToken: r["lease_token"])
        }
    }

    /// Takes the lease when it is free, expired or already ours (times are ISO 8601 UTC, compared as text). Returns
    /// the fencing token, new when the lease changed hands; nil when another holder's lease is still running.
    public func takeLease(_ proposal: Int64, owner: String, now: String, until: String) throws -> Int64? {
        try execute("""
            UPDATE distribution SET lease_token = CASE WHEN lease_owner IS ? THEN lease_token ELSE lease_token + 1 END,
                lease_owner = ?, lease_expires = ?
            WHERE proposal_id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires <= ?)
            """, [owner, owner, until, proposal, owner, now])
        guard changes == 1 else { return nil }
        return try row("SELECT lease_token FROM distribution WHERE proposal_id = ?", [proposal])?["lease_token"]
    }

    /// Extends the lease while it is still this holder's (same owner and token, not expired); false when lost.
    public func renewLease(_ proposal: Int64, owner: String, token: Int64, now: String, until: String) throws -> Bool {
        try execute("""
            UPDATE distribution SET lease_expires = ?
            WHERE proposal_id = ? AND lease_owner = ? AND lease_token = ? AND lease_expires > ?
            """, [until, proposal, owner, token, now])
        return changes == 1
    }

    public func releaseLease(_ proposal: Int64, owner: String) throws {
        try execute("UPDATE distribution SET lease_owner = NULL, lease_expires = NULL WHERE proposal_id = ? AND lease_owner = ?",
                    [proposal, owner])
    }

    /// Breaks whatever lease the distribution has (an operator's repair after a distributor died); returns who held it.
    public func breakLease(_ proposal: Int64) throws -> LeaseHolder? {
        guard let d = try distribution(proposal), let owner = d.leaseOwner, let expires = d.leaseExpires else { return nil }
        try execute("""
            UPDATE distribution SET lease_owner = NULL, lease_expires = NULL, lease_token = lease_token + 1
            WHERE proposal_id = ?
            """, [proposal])
        return LeaseHolder(owner: owner, expires: expires, token: d.leaseToken)
    }

    /// Sets a distribution's state with the reason a person reads, the day a window wait ends, and the cluster wave
    /// a gate paused it after.
    public func setDistributionState(_ proposal: Int64, _ state: DistributionState, reason: String? = nil,
                                     waitingUntil: String? = nil, pausedAt: String? = nil) throws {
        try execute("UPDATE distribution SET state = ?, reason = ?, waiting_until = ?, paused_at = ? WHERE proposal_id = ?",
                    [state.rawValue, reason, waitingUntil, pausedAt, proposal])
    }

    /// Records a cluster wave (`mkb#0`) as past its gates: they passed, or a reviewer resumed past them.
    public func passGate(_ proposal: Int64, _ gate: String) throws {
        guard var passed = try distribution(proposal)?.gatesPassed, !passed.contains(gate) else { return }
        passed.insert(gate)
        try execute("UPDATE distribution SET gates_passed = ? WHERE proposal_id = ?",
                    [passed.sorted().joined(separator: ","), proposal])
    }

    public func distributionItems(_ proposal: Int64) throws -> [DistributionItem] {
        try rows("SELECT * FROM distribution_item WHERE proposal_id = ? ORDER BY wave, admin_id", [proposal]).map {
            DistributionItem(administration: $0["admin_id"], wave: $0["wave"],
                             state: try $0.enumValue("state", as: DistributionItemState.self), message: $0["message"],
                             attempts: $0["attempts"])
        }
    }

    /// One administration's item, if it is in the distribution.
    public func distributionItem(_ proposal: Int64, admin: String) throws -> DistributionItem? {
        try row("SELECT * FROM distribution_item WHERE proposal_id = ? AND admin_id = ?", [proposal, admin]).map {
            DistributionItem(administration: $0["admin_id"], wave: $0["wave"],
                             state: try $0.enumValue("state", as: DistributionItemState.self), message: $0["message"],
                             attempts: $0["attempts"])
        }
    }

    /// Records one administration's outcome (inside its apply transaction when it was applied); an attempt (apply,
    /// failure, conflict) counts one.
    public func setDistributionItem(_ proposal: Int64, admin: String, state: DistributionItemState, message: String?,
                                    attempt: Bool = true) throws {
        try execute("""
            UPDATE distribution_item SET state = ?, message = ?, attempts = attempts + ? WHERE proposal_id = ? AND admin_id = ?
            """, [state.rawValue, message, attempt ? 1 : 0, proposal, admin])
    }

    /// Puts items in `states` back to pending (a resume retries failures and decided conflicts); their last message
    /// stays as the reason shown. Returns how many.
    @discardableResult
    public func retryDistributionItems(_ proposal: Int64, states: [DistributionItemState]) throws -> Int {
        guard !states.isEmpty else { return 0 }
        let marks = states.map { _ in "?" }.joined(separator: ", ")
        try execute("UPDATE distribution_item SET state = 'pending' WHERE proposal_id = ? AND state IN (\(marks))",
                    StatementArguments([proposal] as [any DatabaseValueConvertible] + states.map(\.rawValue)))
        return changes
    }

    // MARK: - Leader

    /// Takes or renews the named leadership when it is free, expired or ours; the token grows when it changes hands.
    /// Nil while another holder's lease runs.
    public func takeLeadership(_ name: String, owner: String, now: String, until: String) throws -> LeaseHolder? {
        try execute("""
            INSERT INTO leader_lease (name, owner, expires, token) VALUES (?, ?, ?, 1)
            ON CONFLICT (name) DO UPDATE SET
                token = CASE WHEN leader_lease.owner = excluded.owner THEN leader_lease.token ELSE leader_lease.token + 1 END,
                owner = excluded.owner, expires = excluded.expires
            WHERE leader_lease.owner = excluded.owner OR leader_lease.expires <= ?
            """, [name, owner, until, now])
        guard changes == 1 else { return nil }
        return try leader(name)
    }

    /// Who leads, as recorded (possibly expired).
    public func leader(_ name: String) throws -> LeaseHolder? {
        try row("SELECT owner, expires, token FROM leader_lease WHERE name = ?", [name]).map {
            LeaseHolder(owner: $0["owner"], expires: $0["expires"], token: $0["token"])
        }
    }

    /// Gives the leadership up (a graceful shutdown), so a standby takes over at once.
    public func releaseLeadership(_ name: String, owner: String) throws {
        try execute("UPDATE leader_lease SET expires = '' WHERE name = ? AND owner = ?", [name, owner])
    }
}

extension StoreTransaction {
    /// Of `admins`, those whose maintained trial balance does not balance in some year (debits ≠ credits): a
    /// distribution's health gate stops on them.
    public func unbalancedAdministrations(_ admins: [String]) throws -> [String] {
        var result: [String] = []
        var index = 0
        while index < admins.count {
            let chunk = Array(admins[index..<min(index + 500, admins.count)])
            index += chunk.count
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            result += try rows("""
                SELECT DISTINCT admin_id FROM (SELECT admin_id, year FROM balance WHERE admin_id IN (\(marks))
                    GROUP BY admin_id, year HAVING SUM(debit) <> SUM(credit))
                """, StatementArguments(chunk)).map { $0["admin_id"] as String }
        }
        return result.sorted()
    }
}

extension StoreTransaction {
    /// Counts for monitoring: open proposals, distributions by state, administrations by reconciler status.
    public func workflowCounts() throws -> (openProposals: Int, distributions: [String: Int], statuses: [String: Int]) {
        let open: Int = try row("SELECT COUNT(*) FROM proposal WHERE state = 'open'")?[0] ?? 0
        var distributions: [String: Int] = [:], statuses: [String: Int] = [:]
        for r in try rows("SELECT state, COUNT(*) FROM distribution GROUP BY state") { distributions[r[0]] = r[1] }
        for r in try rows("SELECT status, COUNT(*) FROM reconciler_status GROUP BY status") { statuses[r[0]] = r[1] }
        return (open, distributions, statuses)
    }
}

extension StoreTransaction {
    /// Of `admins`, those whose apply failed in a distribution still under way, with the proposal and the reason: the
    /// status pass shows them Failed rather than merely out of sync.
    public func failedApplies(_ admins: [String]) throws -> [String: (proposal: Int64, message: String)] {
        guard !admins.isEmpty else { return [:] }
        let marks = admins.map { _ in "?" }.joined(separator: ",")
        var result: [String: (proposal: Int64, message: String)] = [:]
        for r in try rows("""
            SELECT i.admin_id, i.proposal_id, i.message FROM distribution_item i
            JOIN distribution d ON d.proposal_id = i.proposal_id
            WHERE i.state = 'failed' AND d.state IN ('running', 'paused', 'waiting') AND i.admin_id IN (\(marks))
            """, StatementArguments(admins)) {
            result[r[0]] = (r[1], (r[2] as String?) ?? "")
        }
        return result
    }
}
