public import Core
public import Store

/// One write transaction of an administration with a posting session, for services that write more beside their
/// entries (an idempotency record, say): the entries obey every posting rule, and the entries and the rest commit
/// together or not at all.
public struct LedgerWrite {
    var session: PostingSession

    /// The transaction, for the caller's own typed writes.
    public var transaction: StoreTransaction { session.tx }

    /// The administration's accounts, journals, VAT codes, cost centres and periods as this transaction sees them.
    public var context: PostingContext { session.context }

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
            guard try tx.administration(admin) != nil else {
                throw LedgerError.notFound("administration \(admin) does not exist")
            }
            var write = LedgerWrite(session: try PostingSession(tx: tx, admin: admin))
            let result = try body(&write)
            try write.session.finish()
            return result
        }
    }
}
