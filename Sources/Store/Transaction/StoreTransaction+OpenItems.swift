public import Core
import GRDB

extension StoreTransaction {
    public func openItem(_ admin: String, account: String, relation: String, invoice: String) throws -> OpenItem? {
        try row("SELECT \(Self.openItemColumns) FROM open_item WHERE admin_id = ? AND account = ? AND relation = ? AND invoice = ?",
                [admin, account, relation, invoice]).map(Self.openItem(from:))
    }

    /// Creates an open item and returns its id.
    public func insert(_ item: OpenItem, admin: String) throws -> Int64 {
        try execute("""
            INSERT INTO open_item (admin_id, relation, side, account, invoice, date, due_date, original, outstanding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [admin, item.relation, item.side.rawValue, item.account, item.invoice, item.date.description,
                  item.dueDate.description, item.original, item.outstanding])
        return lastInsertedRowID
    }

    /// Applies a posted amount to an open item and records the settlement.
    public func settle(openItem id: Int64, amount: Int64, entry: Int64, line: Int, date: LocalDate) throws {
        try execute("UPDATE open_item SET outstanding = outstanding + ? WHERE id = ?", [amount, id])
        try execute("INSERT INTO settlement (open_item_id, entry_id, line_no, date, amount) VALUES (?, ?, ?, ?, ?)",
                    [id, entry, line, date.description, amount])
    }

    /// Open items of an administration, optionally of one relation, optionally including settled ones.
    public func openItems(_ admin: String, relation: String? = nil, includeSettled: Bool = false) throws -> [OpenItem] {
        var sql = "SELECT \(Self.openItemColumns) FROM open_item WHERE admin_id = ?"
        var args: StatementArguments = [admin]
        if let relation { sql += " AND relation = ?"; args += [relation] }
        if !includeSettled { sql += " AND outstanding <> 0" }
        return try rows(sql + " ORDER BY relation, date, invoice", args).map(Self.openItem(from:))
    }

    /// The settlements recorded against one open item: (entry id, date, amount).
    public func settlements(openItem id: Int64) throws -> [(entry: Int64, date: LocalDate, amount: Int64)] {
        try rows("SELECT * FROM settlement WHERE open_item_id = ? ORDER BY id", [id]).map {
            ($0["entry_id"], try $0.date("date"), $0["amount"])
        }
    }

    static let openItemColumns = "id, relation, side, account, invoice, date, due_date, original, outstanding"

    /// Reads a row of `openItemColumns` by position: matching reads tens of thousands at once.
    static func openItem(from r: Row) throws -> OpenItem {
        guard let side = OpenItemSide(rawValue: r[2]) else {
            throw StoreError("the database holds an unknown open item side: '\(r[2] as String)'")
        }
        return OpenItem(id: r[0], relation: r[1], side: side, account: r[3], invoice: r[4], date: try Row.day(r[5], "date"),
                        dueDate: try Row.day(r[6], "due_date"), original: r[7], outstanding: r[8])
    }
}
