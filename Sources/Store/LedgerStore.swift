import Foundation
import GRDB

/// The workspace database: one SQLite file in WAL mode, with foreign keys on and a busy timeout.
///
/// Owns the connection pool; every read and write goes through a typed `StoreTransaction`.
public final class LedgerStore: Sendable {
    /// The file name inside a workspace directory.
    public static let fileName = "ledgerops.sqlite"

    private let pool: DatabasePool
    private let groupCommit = GroupCommit()
    public let path: String

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Larger pages: shallower B-trees and fewer page writes for ledgers of millions of lines. Takes effect
            // only when the file is created.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Large imports touch index pages all over the file; a 256 MB page cache keeps them in memory.
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError("cannot open the workspace database \(path): \(error)")
        }
        self.path = path
    }

    /// Opens `DIR/ledgerops.sqlite`.
    public convenience init(workspace directory: String) throws(StoreError) {
        try self.init(path: (directory as NSString).appendingPathComponent(LedgerStore.fileName))
    }

    /// Runs `body` in one write transaction: everything it does commits together or not at all.
    public func write<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(StoreTransaction(db: db)) }
    }

    /// Runs `body` as `write` does, but in a transaction it may share with other writes submitted at the same time:
    /// each in its own savepoint (one that throws is rolled back alone), one commit and one sync for all.
    /// For many small concurrent writes, such as API requests; `body` must not rely on being alone in its transaction.
    public func writeGrouped<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await groupCommit.submit(to: pool, body)
    }

    /// Runs `body` in one write transaction in which SQLite does not check foreign keys row by row.
    ///
    /// For bulk imports only, whose caller has checked every reference against what it loaded in this same
    /// transaction and confirms the distinct keys it wrote at the end (`missingReferences`): on a million-entry
    /// import the per-row checks cost a tenth of the time and prove nothing more.
    public func writeCheckedByCaller<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T)
        async throws -> T
    {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(StoreTransaction(db: db))
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` against a consistent snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(StoreTransaction(db: db)) }
    }

    /// The applied migration identifiers, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// How SQLite is configured for this store, as SQLite itself reports it.
    public func connectionSettings() async throws -> (journalMode: String, foreignKeys: Bool, busyTimeoutMs: Int) {
        try await pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
             try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0)
        }
    }

    /// Row counts of every ledger table, so tests can check that a rejected write left nothing behind.
    public func tableCounts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for table in Schema.ledgerTables + Schema.syncTables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }
}
