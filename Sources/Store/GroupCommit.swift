import GRDB
import Synchronization

/// Writes that arrive together share one transaction and one sync to disk (group commit), each in its own
/// savepoint: a write that throws is rolled back alone, and every caller is answered only after the commit.
///
/// SQLite in WAL mode with `synchronous = FULL` syncs the log on every commit; on a disk that takes milliseconds to
/// sync, one commit per API request caps a server at a few hundred writes a second. Many small writes sent at once
/// (a CRM pushing invoices) pay for one sync per batch instead, and each is as durable when it is answered.
final class GroupCommit: Sendable {
    /// One submitted write: its body, and where its outcome goes.
    struct Job: Sendable {
        let body: @Sendable (StoreTransaction) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct State {
        var pending: [Job] = []
        var flushing = false
    }

    private let state = Mutex(State())
    /// At most this many writes share a transaction, so none waits long behind the others.
    let batchLimit: Int

    init(batchLimit: Int = 64) { self.batchLimit = batchLimit }

    /// Runs `body` in a transaction shared with whatever else is submitted meanwhile; returns after the commit.
    func submit<T: Sendable>(to pool: DatabasePool, _ body: @escaping @Sendable (StoreTransaction) throws -> T)
        async throws -> T
    {
        let value = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let job = Job(body: { tx in try body(tx) }, continuation: continuation)
            let lead = state.withLock { s in
                s.pending.append(job)
                if s.flushing { return false }
                s.flushing = true
                return true
            }
            if lead { Task { await self.flush(to: pool) } }
        }
        return value as! T
    }

    /// Commits batches until nothing is pending.
    private func flush(to pool: DatabasePool) async {
        while true {
            let jobs: [Job] = state.withLock { s in
                let batch = Array(s.pending.prefix(batchLimit))
                s.pending.removeFirst(batch.count)
                if batch.isEmpty { s.flushing = false }
                return batch
            }
            if jobs.isEmpty { return }
            do {
                let outcomes = try await pool.write { db in
                    jobs.map { job -> Result<any Sendable, any Error> in
                        var value: (any Sendable)?
                        do {
                            try db.inSavepoint {
                                value = try job.body(StoreTransaction(db: db))
                                return .commit
                            }
                            return .success(value!)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                for (job, outcome) in zip(jobs, outcomes) { job.continuation.resume(with: outcome) }
            } catch {
                for job in jobs { job.continuation.resume(throwing: error) }
            }
        }
    }
}
