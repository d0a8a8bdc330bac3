public import Core
import GRDB
import GRDBSQLite

/// Writes entries and their lines through two prepared statements bound with SQLite's C API.
///
/// Posting a million entries spends most of its time binding values; going through GRDB's general
/// `StatementArguments` (boxed values, an array per row) doubled that cost. The SQL and its constraints are the
/// same as anywhere else: this only binds faster.
public struct EntryWriter {
    private let db: Database
    private let entryStatement: Statement
    private let lineStatement: Statement

    init(db: Database) throws {
        self.db = db
        entryStatement = try db.cachedStatement(sql: """
            INSERT INTO entry (admin_id, number, journal, date, year, period, description, source, reference, kind,
                reversal_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        lineStatement = try db.cachedStatement(sql: """
            INSERT INTO entry_line (entry_id, line_no, admin_id, date, year, period, account, amount, currency,
                foreign_amount, rate, vat_code, vat_amount, relation, cost_centre, invoice, due_date, description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the entry and its lines; returns the entry's id.
    public func insert(_ e: PostedEntry) throws -> Int64 {
        let s = entryStatement.sqliteStatement
        let date = e.date.description
        bind(s, 1, e.administration)
        sqlite3_bind_int64(s, 2, e.number)
        bind(s, 3, e.journal)
        bind(s, 4, date)
        sqlite3_bind_int64(s, 5, Int64(e.year))
        sqlite3_bind_int64(s, 6, Int64(e.period))
        bind(s, 7, e.description)
        bind(s, 8, e.source)
        bind(s, 9, e.reference)
        bind(s, 10, e.kind.rawValue)
        bind(s, 11, e.reversalOf)
        try step(s)
        let id = db.lastInsertedRowID
        let l = lineStatement.sqliteStatement
        for line in e.lines {
            sqlite3_bind_int64(l, 1, id)
            sqlite3_bind_int64(l, 2, Int64(line.number))
            bind(l, 3, e.administration)
            bind(l, 4, date)
            sqlite3_bind_int64(l, 5, Int64(e.year))
            sqlite3_bind_int64(l, 6, Int64(e.period))
            bind(l, 7, line.account)
            sqlite3_bind_int64(l, 8, line.amount)
            bind(l, 9, line.currency?.code)
            bind(l, 10, line.foreignAmount)
            bind(l, 11, line.rate?.description)
            bind(l, 12, line.vatCode)
            bind(l, 13, line.vatAmount)
            bind(l, 14, line.relation)
            bind(l, 15, line.costCentre)
            bind(l, 16, line.invoice)
            bind(l, 17, line.dueDate?.description)
            bind(l, 18, line.description)
            try step(l)
        }
        return id
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(s, index)
            return
        }
        var copy = value
        copy.withUTF8 { buffer in
            _ = sqlite3_bind_text(s, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(buffer.count), SQLITE_TRANSIENT)
        }
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(s, index, value) } else { sqlite3_bind_null(s, index) }
    }

    private func step(_ s: OpaquePointer) throws {
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            throw StoreError("cannot write the entry: " + String(cString: sqlite3_errmsg(sqlite3_db_handle(s))))
        }
    }
}

/// SQLite copies bound text at once (`SQLITE_TRANSIENT`), so the Swift string may go away after binding.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension StoreTransaction {
    /// A writer for many entries in this transaction.
    public func entryWriter() throws -> EntryWriter { try EntryWriter(db: db) }
}
