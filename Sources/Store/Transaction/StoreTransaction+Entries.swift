public import Core
import GRDB

extension StoreTransaction {
    /// The entry posted earlier under this idempotency key, if any.
    public func entry(_ admin: String, source: String, reference: String) throws -> PostedEntry? {
        guard let r = try row("SELECT * FROM entry WHERE admin_id = ? AND source = ? AND reference = ?",
                              [admin, source, reference])
        else { return nil }
        return try entry(from: r)
    }

    /// Every idempotency reference used under `source` in the administration.
    public func entryReferences(_ admin: String, source: String) throws -> Set<String> {
        try Set(String.fetchCursor(db.cachedStatement(
            sql: "SELECT reference FROM entry WHERE admin_id = ? AND source = ? AND reference IS NOT NULL"),
            arguments: [admin, source]))
    }

    /// Whether any entry of the administration carries this idempotency source.
    public func hasEntries(_ admin: String, source: String) throws -> Bool {
        try row("SELECT 1 FROM entry WHERE admin_id = ? AND source = ? LIMIT 1", [admin, source]) != nil
    }

    public func entry(_ admin: String, number: Int64) throws -> PostedEntry? {
        guard let r = try row("SELECT * FROM entry WHERE admin_id = ? AND number = ?", [admin, number]) else {
            return nil
        }
        return try entry(from: r)
    }

    public func entry(id: Int64) throws -> PostedEntry? {
        guard let r = try row("SELECT * FROM entry WHERE id = ?", [id]) else { return nil }
        return try entry(from: r)
    }

    /// Every entry of an administration in number order (for checks and exports).
    public func entries(_ admin: String) throws -> [PostedEntry] {
        let lineRows = try rows("""
            SELECT l.* FROM entry_line l JOIN entry e ON e.id = l.entry_id
            WHERE e.admin_id = ? ORDER BY l.entry_id, l.line_no
            """, [admin])
        var linesByEntry: [Int64: [PostedLine]] = [:]
        for r in lineRows { linesByEntry[r["entry_id"], default: []].append(try Self.line(from: r)) }
        return try rows("SELECT * FROM entry WHERE admin_id = ? ORDER BY number", [admin]).map { r in
            try Self.entryHeader(from: r, lines: linesByEntry[r["id"]] ?? [])
        }
    }

    /// Writes an entry and its lines (the given id is ignored); returns the new id.
    public func insert(_ e: PostedEntry) throws -> Int64 { try entryWriter().insert(e) }

    /// Records that `id` was reversed by `reversal`; the database refuses a second reversal.
    public func markReversed(id: Int64, by reversal: Int64) throws {
        try execute("UPDATE entry SET reversed_by = ? WHERE id = ?", [reversal, id])
    }

    /// Lines of one account between two dates inclusive, in date and entry order, with their entry's header.
    public func accountLines(_ admin: String, account: String, from: LocalDate, to: LocalDate)
        throws -> [(entry: Int64, kind: EntryKind, date: LocalDate, journal: String, description: String, line: PostedLine)]
    {
        try rows("""
            SELECT l.*, e.number AS entry_number, e.kind AS entry_kind, e.journal AS journal, e.description AS entry_description
            FROM entry_line l JOIN entry e ON e.id = l.entry_id
            WHERE l.admin_id = ? AND l.account = ? AND l.date BETWEEN ? AND ?
            ORDER BY l.date, e.number, l.line_no
            """, [admin, account, from.description, to.description]).map { r in
            (r["entry_number"], try r.enumValue("entry_kind", as: EntryKind.self), try r.date("date"), r["journal"], r["entry_description"], try Self.line(from: r))
        }
    }

    private func entry(from r: Row) throws -> PostedEntry {
        let lines = try rows("SELECT * FROM entry_line WHERE entry_id = ? ORDER BY line_no", [r["id"] as Int64])
            .map(Self.line(from:))
        return try Self.entryHeader(from: r, lines: lines)
    }

    static func entryHeader(from r: Row, lines: [PostedLine]) throws -> PostedEntry {
        PostedEntry(id: r["id"], administration: r["admin_id"], number: r["number"], journal: r["journal"],
                    date: try r.date("date"), year: r["year"], period: r["period"], description: r["description"],
                    source: r["source"], reference: r["reference"], kind: try r.enumValue("kind", as: EntryKind.self),
                    reversalOf: r["reversal_of"], reversedBy: r["reversed_by"], lines: lines)
    }

    static func line(from r: Row) throws -> PostedLine {
        PostedLine(number: r["line_no"], account: r["account"], amount: r["amount"], currency: try r.currency("currency"),
                   foreignAmount: r["foreign_amount"], rate: try r.decimal("rate"), vatCode: r["vat_code"],
                   vatAmount: r["vat_amount"], relation: r["relation"], costCentre: r["cost_centre"],
                   invoice: r["invoice"], dueDate: try r.optionalDate("due_date"), description: r["description"])
    }
}

/// The distinct keys a bulk write referred to, for `missingReferences`.
public struct WrittenReferences: Sendable {
    public var accounts: Set<String> = []
    public var journals: Set<String> = []
    public var periods: Set<[Int]> = []
    public var relations: Set<String> = []
    public var costCentres: Set<String> = []
    public var vatCodes: Set<String> = []

    public init() {}
}

extension StoreTransaction {
    /// What of `written` the administration lacks, described one per item (empty when every key exists): the
    /// foreign-key check of a bulk write, done once per distinct key instead of once per row.
    public func missingReferences(_ admin: String, _ written: WrittenReferences) throws -> [String] {
        var missing: [String] = []
        func check(_ keys: some Collection<String>, _ what: String, _ sql: String) throws {
            for key in keys.sorted() where try row(sql, [admin, key]) == nil { missing.append("\(what) \(key)") }
        }
        try check(written.accounts, "account", "SELECT 1 FROM account WHERE admin_id = ? AND code = ?")
        try check(written.journals, "journal", "SELECT 1 FROM journal WHERE admin_id = ? AND code = ?")
        try check(written.relations, "relation", "SELECT 1 FROM relation WHERE admin_id = ? AND number = ?")
        try check(written.costCentres, "cost centre", "SELECT 1 FROM cost_centre WHERE admin_id = ? AND code = ?")
        try check(written.vatCodes, "VAT code", "SELECT 1 FROM vat_code WHERE admin_id = ? AND code = ?")
        for p in written.periods.sorted(by: { $0.lexicographicallyPrecedes($1) })
        where try row("SELECT 1 FROM period WHERE admin_id = ? AND year = ? AND number = ?", [admin, p[0], p[1]]) == nil {
            missing.append("period \(p[0])/\(p[1])")
        }
        return missing
    }
}
