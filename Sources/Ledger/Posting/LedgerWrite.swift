public import Core
public import Store

/// One write transaction of an administration with a posting session, for services that write more beside their
/// entries (an idempotency record, say): the entries obey every posting rule, and the entries and the rest commit
/// together or not at all.
public struct LedgerWrite {
    var session: PostingSession

    /// The transaction, for the caller's own typed writes.
    public var transaction: StoreTransaction { session.tx }

    /// The administration's journals, VAT codes, cost centres and periods as this transaction sees them, and the
    /// accounts loaded so far: those named to `loadAccounts` and by the entries posted.
    public var context: PostingContext { session.context }

    /// Loads these accounts (those that exist) into `context`; a chart of hundreds is not read for one entry.
    public mutating func loadAccounts(_ codes: some Sequence<String>) throws {
        try session.loadAccounts(codes)
    }

    /// Posts one entry (or finds it already posted under its source and reference, see `PostResult.created`).
    public mutating func post(_ draft: EntryDraft) throws -> PostResult {
        let result = try session.post(draft)
        return PostResult(entry: result.entry, created: result.created)
    }
}

extension LedgerService {
    /// Runs `body` in a write transaction of `admin` with a posting session; what it posts and writes commits
    /// together when it returns, and nothing does when it throws. The transaction may be shared with other such
    /// writes arriving at the same time (`LedgerStore.writeGrouped`), each in its own savepoint.
    public func withPosting<T: Sendable>(_ admin: String, _ body: @escaping @Sendable (inout LedgerWrite) throws -> T)
        async throws -> T
    {
        try await store.writeGrouped { tx in
            var write = LedgerWrite(session: try PostingSession(tx: tx, admin: admin, accountsOnDemand: true))
            let result = try body(&write)
            try write.session.finish()
            return result
        }
    }
}
