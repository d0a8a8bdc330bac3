public import Core
import GRDB

/// A write request of the CRM sync as it was answered: what it was, the hash of its canonical form and the response.
public struct SyncRequestRecord: Sendable, Equatable {
    public var key: String
    public var operation: String
    public var requestHash: String
    public var response: String

    public init(key: String, operation: String, requestHash: String, response: String) {
        self.key = key
        self.operation = operation
        self.requestHash = requestHash
        self.response = response
    }
}

/// One row of the change log: a relation or open item that changed (or was removed) at `seq`.
public struct SyncChangeRow: Sendable, Equatable {
    public enum Kind: String, Sendable { case relation, openItem = "open-item" }
    public var seq: Int64
    public var kind: Kind
    /// The relation's number, or the open item's id.
    public var key: String
    public var removed: Bool
}

extension StoreTransaction {
    /// The request stored under an idempotency key of `admin`, if any.
    public func syncRequest(_ admin: String, key: String) throws -> SyncRequestRecord? {
        try row("SELECT * FROM sync_request WHERE admin_id = ? AND idempotency_key = ?", [admin, key]).map {
            SyncRequestRecord(key: $0["idempotency_key"], operation: $0["operation"], requestHash: $0["request_hash"],
                              response: $0["response"])
        }
    }

    /// Stores a request with its response; a key is used once per administration.
    public func insert(_ record: SyncRequestRecord, admin: String) throws {
        try execute("""
            INSERT INTO sync_request (admin_id, idempotency_key, operation, request_hash, response) VALUES (?, ?, ?, ?, ?)
            """, [admin, record.key, record.operation, record.requestHash, record.response])
    }

    /// Change-log rows of `admin` after `seq`, oldest first, at most `limit`.
    public func syncChanges(_ admin: String, after seq: Int64, limit: Int) throws -> [SyncChangeRow] {
        try rows("SELECT * FROM sync_change WHERE admin_id = ? AND seq > ? ORDER BY seq LIMIT ?", [admin, seq, limit]).map {
            SyncChangeRow(seq: $0["seq"], kind: try $0.enumValue("kind", as: SyncChangeRow.Kind.self), key: $0["key"],
                          removed: $0["removed"])
        }
    }

    /// The newest change-log position of `admin` (0 when nothing changed yet).
    public func lastSyncChange(_ admin: String) throws -> Int64 {
        try row("SELECT max(seq) AS seq FROM sync_change WHERE admin_id = ?", [admin])?["seq"] ?? 0
    }

    /// Open items by id, settled ones included.
    public func openItems(_ admin: String, ids: [Int64]) throws -> [OpenItem] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var arguments: StatementArguments = [admin]
        arguments += StatementArguments(ids)
        return try rows("SELECT \(Self.openItemColumns) FROM open_item WHERE admin_id = ? AND id IN (\(marks)) ORDER BY id", arguments)
            .map(Self.openItem(from:))
    }

    /// One cost centre by its code.
    public func costCentre(_ admin: String, code: String) throws -> CostCentre? {
        try row("SELECT * FROM cost_centre WHERE admin_id = ? AND code = ?", [admin, code]).map {
            CostCentre(code: $0["code"], name: $0["name"], active: $0["active"])
        }
    }
}
