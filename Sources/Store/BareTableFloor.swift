public import Core
import GRDB

/// SQLite's own floor for the benchmarks: the same entry and line rows written into two bare tables — no
/// indexes, no constraints, no triggers — in one transaction. What the ledger's schema adds shows against it.
public enum BareTableFloor {
    /// Creates `path` and inserts `entries`; returns nothing but the time it takes the caller to measure.
    public static func insert(_ entries: [PostedEntry], into path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE entry (id INTEGER PRIMARY KEY, admin_id TEXT, number INTEGER, journal TEXT, date TEXT,
                    year INTEGER, period INTEGER, description TEXT, source TEXT, reference TEXT, kind TEXT);
                CREATE TABLE entry_line (entry_id INTEGER, line_no INTEGER, admin_id TEXT, date TEXT, year INTEGER,
                    period INTEGER, account TEXT, amount INTEGER);
                """)
            let e = try db.makeStatement(sql: "INSERT INTO entry VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let l = try db.makeStatement(sql: "INSERT INTO entry_line VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for entry in entries {
                let date = entry.date.description
                try e.execute(arguments: [entry.administration, entry.number, entry.journal, date, entry.year,
                                          entry.period, entry.description, entry.source, entry.reference,
                                          entry.kind.rawValue])
                let id = db.lastInsertedRowID
                for line in entry.lines {
                    try l.execute(arguments: [id, line.number, entry.administration, date, entry.year, entry.period,
                                              line.account, line.amount])
                }
            }
        }
    }
}
