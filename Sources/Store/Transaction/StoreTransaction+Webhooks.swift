import GRDB

extension StoreTransaction {
    /// Audit records after `seq`, oldest first, at most `limit`.
    public func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord] {
        try rows("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", [seq, limit]).map(Self.audit(from:))
    }

    /// How many audit records after `seq` have one of `actions`.
    public func auditRecordCount(after seq: Int64, actions: [String]) throws -> Int {
        guard !actions.isEmpty else { return 0 }
        let marks = Array(repeating: "?", count: actions.count).joined(separator: ", ")
        var arguments: StatementArguments = [seq]
        arguments += StatementArguments(actions)
        return try row("SELECT count(*) AS n FROM audit_log WHERE seq > ? AND action IN (\(marks))", arguments)?["n"] ?? 0
    }

    /// The last audit `seq` webhook `name` has dealt with; a webhook seen for the first time starts at the current
    /// end of the log, so it is told what happens from now on rather than the history.
    public func webhookCursor(_ name: String) throws -> Int64 {
        try execute("""
            INSERT INTO webhook_cursor (name, last_seq) SELECT ?, coalesce(max(seq), 0) FROM audit_log WHERE true
            ON CONFLICT (name) DO NOTHING
            """, [name])
        return try row("SELECT last_seq FROM webhook_cursor WHERE name = ?", [name])?["last_seq"] ?? 0
    }

    /// Moves webhook `name`'s cursor forward to `seq` (never back).
    public func advanceWebhookCursor(_ name: String, to seq: Int64) throws {
        try execute("""
            INSERT INTO webhook_cursor (name, last_seq) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
            """, [name, seq])
    }

    /// Forgets the cursors of webhooks no longer configured, so one added again later starts afresh.
    public func removeWebhookCursors(except names: [String]) throws {
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        try execute(names.isEmpty ? "DELETE FROM webhook_cursor" : "DELETE FROM webhook_cursor WHERE name NOT IN (\(marks))",
                    StatementArguments(names))
    }
}
