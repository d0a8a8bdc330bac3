extension Schema {
    /// Outgoing webhooks need no queue of their own: the audit log is the outbox (every workflow change appends to
    /// it in its own transaction), and each webhook keeps the sequence number of the last record it has dealt with.
    /// A cursor only moves forward; a crash between a delivery and its cursor update sends that event again.
    static let v16 = """
        CREATE TABLE webhook_cursor (
            name TEXT PRIMARY KEY NOT NULL,
            last_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
}
