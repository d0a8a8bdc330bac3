extension Schema {
    /// The tables the CRM sync adds; counted with the ledger's so a refused request can be shown to write nothing.
    static let syncTables = ["sync_request", "sync_change"]

    /// The CRM sync: each write request kept under its idempotency key (the hash of the request and the response
    /// sent, written in the same transaction as the write, so a replay is answered without writing), and a change
    /// log fed by triggers on relations and open items, so a settlement by any path (bank matching, a manual entry,
    /// the API) reaches the feed. Each trigger writes one row; the feed reads the current state when it is polled.
    static let v14 = """
        CREATE TABLE sync_request (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            idempotency_key TEXT NOT NULL,
            operation TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            response TEXT NOT NULL,
            PRIMARY KEY (admin_id, idempotency_key)
        ) WITHOUT ROWID;
        CREATE TABLE sync_change (
            seq INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('relation','open-item')),
            key TEXT NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sync_change_admin ON sync_change(admin_id, seq);
        CREATE TRIGGER sync_relation_insert AFTER INSERT ON relation
            BEGIN INSERT INTO sync_change (admin_id, kind, key) VALUES (NEW.admin_id, 'relation', NEW.number); END;
        CREATE TRIGGER sync_relation_update AFTER UPDATE ON relation
            BEGIN INSERT INTO sync_change (admin_id, kind, key) VALUES (NEW.admin_id, 'relation', NEW.number); END;
        CREATE TRIGGER sync_relation_delete AFTER DELETE ON relation
            BEGIN INSERT INTO sync_change (admin_id, kind, key, removed) VALUES (OLD.admin_id, 'relation', OLD.number, 1); END;
        CREATE TRIGGER sync_open_item_insert AFTER INSERT ON open_item
            BEGIN INSERT INTO sync_change (admin_id, kind, key) VALUES (NEW.admin_id, 'open-item', NEW.id); END;
        CREATE TRIGGER sync_open_item_outstanding AFTER UPDATE OF outstanding ON open_item
            WHEN NEW.outstanding IS NOT OLD.outstanding
            BEGIN INSERT INTO sync_change (admin_id, kind, key) VALUES (NEW.admin_id, 'open-item', NEW.id); END;
        CREATE TRIGGER sync_open_item_delete AFTER DELETE ON open_item
            BEGIN INSERT INTO sync_change (admin_id, kind, key, removed) VALUES (OLD.admin_id, 'open-item', OLD.id, 1); END;
        """
}
