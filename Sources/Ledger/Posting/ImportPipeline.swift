import Dispatch
import Foundation
import Store
import Synchronization

/// Carries an import from the thread that reads and checks the file to the thread that owns the transaction and
/// writes it, a few batches ahead at most.
///
/// Reading and checking a file costs about as much as writing it into SQLite; side by side the two take the time
/// of the slower, not of both. The reader never touches the database, and memory stays bounded by `depth` batches.
final class ImportPipeline: Sendable {
    /// Commands per hand-over.
    static let batchSize = 2048

    private struct State {
        var queue: [[ImportCommand]] = []
        var finished: Result<ImportSummary, any Error>?
        var cancelled = false
    }

    private let depth: Int
    private let state = Mutex(State())
    private let room: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)

    init(depth: Int = 4) {
        self.depth = depth
        room = DispatchSemaphore(value: depth)
    }

    /// Reader: queues a batch, waiting while the writer is `depth` batches behind; throws once the writer gave up.
    func send(_ batch: [ImportCommand]) throws(LedgerError) {
        if state.withLock({ $0.cancelled }) { throw Self.stopped }
        room.wait()
        let stopped = state.withLock { s in
            if s.cancelled { return true }
            s.queue.append(batch)
            return false
        }
        if stopped { throw Self.stopped }
        filled.signal()
    }

    /// Reader: the end of the file, with what the reader created, or the error that ended it.
    func finish(_ result: Result<ImportSummary, any Error>) {
        state.withLock { $0.finished = result }
        filled.signal()
    }

    /// Writer: the next batch, or nil after the last; throws the reader's error.
    func receive() throws -> [ImportCommand]? {
        filled.wait()
        let next: Result<[ImportCommand]?, any Error> = state.withLock { s in
            if !s.queue.isEmpty { return .success(s.queue.removeFirst()) }
            switch s.finished! {
            case .success: return .success(nil)
            case .failure(let error): return .failure(error)
            }
        }
        let batch = try next.get()
        if batch != nil { room.signal() }
        return batch
    }

    /// Writer: what the reader created (after `receive` returned nil).
    var readerSummary: ImportSummary {
        state.withLock { s in (try? s.finished?.get()) ?? ImportSummary() }
    }

    /// Writer: stops the reader at its next hand-over.
    func cancel() {
        state.withLock { $0.cancelled = true }
        for _ in 0...depth { room.signal() }
    }

    private static let stopped = LedgerError("import-stopped", "", "the import stopped because writing it failed")
}

extension LedgerService {
    /// Runs an import in one write transaction; when `body` or the writing throws, nothing of it is written. A
    /// dry run does all of it and rolls back: what it reports is what the import would do.
    ///
    /// SQLite's per-row foreign-key checks are off for it: the reader checks every reference against the context
    /// loaded in this transaction, and the writer confirms each distinct key once at the end.
    ///
    /// `body` runs on a thread of its own and checks entries while this one writes them. `replaySource` names the
    /// idempotency source the importer gives its entries: keys of it already in the ledger are then known to the
    /// reader, which leaves those replays to the writer's content check instead of the posting rules.
    public func importEntries(into admin: String, replaySource: String? = nil, dryRun: Bool = false,
                              _ body: @escaping @Sendable (inout ImportSession) throws -> Void) async throws -> ImportSummary
    {
        do {
            return try await importEntries(admin, replaySource: replaySource, dryRun: dryRun, body)
        } catch let rehearsed as DryRunFinished {
            return rehearsed.summary
        }
    }

    /// Thrown at the end of a dry run, so the transaction — every rule checked, every row written — rolls back.
    private struct DryRunFinished: Error { var summary: ImportSummary }

    private func importEntries(_ admin: String, replaySource: String?, dryRun: Bool,
                               _ body: @escaping @Sendable (inout ImportSession) throws -> Void) async throws -> ImportSummary
    {
        try await store.writeCheckedByCaller { tx in
            var posting = try PostingSession(tx: tx, admin: admin)
            posting.confirmsReferences = true
            try posting.loadAllRelations()
            let used = try replaySource.map { try tx.entryReferences(admin, source: $0) } ?? []
            let pipeline = ImportPipeline()
            let session = ImportSession(context: posting.context, replaySource: replaySource, usedReferences: used,
                                        pipeline: pipeline)
            let readerDone = DispatchSemaphore(value: 0)
            let reader = Thread {
                var session = session
                do {
                    try body(&session)
                    try session.flush()
                    pipeline.finish(.success(session.summary))
                } catch {
                    pipeline.finish(.failure(error))
                }
                readerDone.signal()
            }
            reader.stackSize = 16 << 20
            reader.start()
            var summary = ImportSummary()
            do {
                while let batch = try pipeline.receive() {
                    for command in batch { try Self.apply(command, to: &posting, summary: &summary) }
                }
                try posting.finish()
            } catch {
                pipeline.cancel()
                readerDone.wait()
                throw error
            }
            readerDone.wait()
            let created = pipeline.readerSummary
            summary.createdAccounts = created.createdAccounts
            summary.createdRelations = created.createdRelations
            summary.createdCostCentres = created.createdCostCentres
            summary.openedYears = created.openedYears
            if dryRun { throw DryRunFinished(summary: summary) }
            return summary
        }
    }

    private static func apply(_ command: ImportCommand, to posting: inout PostingSession,
                              summary: inout ImportSummary) throws {
        switch command {
        case .uniqueReferences: posting.referencesAreUnique = true
        case .account(let account): try posting.create(account)
        case .costCentre(let centre): try posting.create(centre)
        case .relation(let relation): try posting.create(relation)
        case .year(let year): try posting.openYear(year)
        case .entry(let draft, let checked, let line):
            do {
                if try posting.replayed(draft) != nil {
                    summary.replayed += 1
                } else if let checked {
                    _ = try posting.write(checked)
                    summary.entries += 1
                    summary.lines += checked.lines.count
                } else {
                    throw LedgerError("replay-missing", "reference",
                                      "\(draft.source ?? "")/\(draft.reference ?? "") is no longer in the ledger")
                }
            } catch let error as LedgerError {
                throw error.at(line: line)
            } catch {
                throw LedgerError("not-written", "", "the entry could not be written: \(error)").at(line: line)
            }
        }
    }
}
