public import Core
import GRDB

/// What the reconciler recorded for one administration.
public struct ReconcilerRecord: Sendable, Hashable, Codable {
    public var administration: String
    public var status: String
    public var reason: String?
    public var message: String?
    /// When the status last changed (ISO 8601, from the injected clock).
    public var since: String
    public var attemptedRevision: String?
    public var desiredHash: String?
    public var liveHash: String?
    public var planHash: String?
    public var suspended: Bool

    public init(administration: String, status: String, reason: String?, message: String?, since: String,
                attemptedRevision: String?, desiredHash: String?, liveHash: String?, planHash: String?, suspended: Bool) {
        self.administration = administration
        self.status = status
        self.reason = reason
        self.message = message
        self.since = since
        self.attemptedRevision = attemptedRevision
        self.desiredHash = desiredHash
        self.liveHash = liveHash
        self.planHash = planHash
        self.suspended = suspended
    }
}

extension StoreTransaction {
    /// Every administration's record, or those of `admins` only.
    public func reconcilerRecords(_ admins: [String]? = nil) throws -> [String: ReconcilerRecord] {
        var result: [String: ReconcilerRecord] = [:]
        let filter = admins.map { " WHERE admin_id IN (" + Array(repeating: "?", count: $0.count).joined(separator: ",") + ")" } ?? ""
        for r in try rows("SELECT * FROM reconciler_status" + filter, StatementArguments(admins ?? [])) {
            let record = ReconcilerRecord(administration: r["admin_id"], status: r["status"], reason: r["reason"],
                                          message: r["message"], since: r["since"], attemptedRevision: r["attempted_revision"],
                                          desiredHash: r["desired_hash"], liveHash: r["live_hash"], planHash: r["plan_hash"],
                                          suspended: r["suspended"])
            result[record.administration] = record
        }
        return result
    }

    /// One administration's record.
    public func reconcilerRecord(_ admin: String) throws -> ReconcilerRecord? {
        try row("SELECT * FROM reconciler_status WHERE admin_id = ?", [admin]).map { r in
            ReconcilerRecord(administration: r["admin_id"], status: r["status"], reason: r["reason"], message: r["message"],
                             since: r["since"], attemptedRevision: r["attempted_revision"], desiredHash: r["desired_hash"],
                             liveHash: r["live_hash"], planHash: r["plan_hash"], suspended: r["suspended"])
        }
    }

    /// Writes a record; returns false (writing nothing) when it equals the one stored.
    @discardableResult
    public func save(_ record: ReconcilerRecord, previous: ReconcilerRecord?) throws -> Bool {
        if let previous, previous == record { return false }
        try execute("""
            INSERT INTO reconciler_status (admin_id, status, reason, message, since, attempted_revision, desired_hash,
                live_hash, plan_hash, suspended)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                message = excluded.message, since = excluded.since, attempted_revision = excluded.attempted_revision,
                desired_hash = excluded.desired_hash, live_hash = excluded.live_hash, plan_hash = excluded.plan_hash,
                suspended = excluded.suspended
            """, [record.administration, record.status, record.reason, record.message, record.since,
                  record.attemptedRevision, record.desiredHash, record.liveHash, record.planHash, record.suspended])
        return true
    }

    /// Marks the live configuration as changed: the next pass recomputes this administration.
    public func liveChanged(_ admin: String) throws {
        try execute("UPDATE reconciler_status SET live_hash = NULL WHERE admin_id = ?", [admin])
    }

    public func setSuspended(_ suspended: Bool, admin: String) throws {
        try execute("""
            INSERT INTO reconciler_status (admin_id, status, since, suspended) VALUES (?, 'Suspended', '', ?)
            ON CONFLICT (admin_id) DO UPDATE SET suspended = excluded.suspended
            """, [admin, suspended])
    }

    /// The hash of every administration's last-applied configuration, without reading the configurations.
    public func appliedHashes(_ admins: [String]? = nil) throws -> [String: String] {
        var result: [String: String] = [:]
        let filter = admins.map { " WHERE admin_id IN (" + Array(repeating: "?", count: $0.count).joined(separator: ",") + ")" } ?? ""
        for r in try rows("SELECT admin_id, hash FROM applied_configuration" + filter, StatementArguments(admins ?? [])) {
            result[r["admin_id"]] = r["hash"]
        }
        return result
    }

    /// Which of `codes` are in use in an administration: posted on, or referred to by anything else (budget rows,
    /// bank lines, open items, journals, VAT codes, fixed assets…). Such an account is deactivated, never deleted.
    /// One statement per code, its EXISTS clauses stopping at the first table that refers to it.
    public func accountsInUse(_ admin: String, among codes: [String]) throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        let sql = try inUseStatements().one
        var found = Set<String>()
        for code in codes where try row(sql, [admin, code])?[0] == true { found.insert(code) }
        return found
    }

    /// Codes of the accounts of an administration that are in use (see `accountsInUse(_:among:)`), in one
    /// statement.
    public func accountsInUse(_ admin: String) throws -> Set<String> {
        Set(try rows(try inUseStatements().all, [admin]).map { $0[0] as String })
    }

    /// The two statements over every account reference of the schema, built once per process (the schema only
    /// changes by migration): whether one code is in use, and every code in use.
    func inUseStatements() throws -> (one: String, all: String) {
        if let known = Schema.inUseCache.withLock({ $0 }) { return known }
        let references = try accountReferences().filter { $0.table != "balance" }  // balances exist only with postings
        let one = "SELECT " + references.map { "EXISTS (SELECT 1 FROM \($0.table) WHERE admin_id = ?1 AND \($0.column) = ?2)" }
            .joined(separator: " OR ")
        let all = references.map { "SELECT \($0.column) FROM \($0.table) WHERE admin_id = ?1 AND \($0.column) IS NOT NULL" }
            .joined(separator: " UNION ")
        Schema.inUseCache.withLock { $0 = (one, all) }
        return (one, all)
    }

    /// Applied revisions of an administration, oldest first.
    public func appliedHistory(_ admin: String) throws -> [(revision: String, hash: String)] {
        try rows("SELECT revision, hash FROM applied_configuration_history WHERE admin_id = ? ORDER BY id", [admin])
            .map { ($0["revision"], $0["hash"]) }
    }

    // MARK: - Writing configuration items the reconciler applies

    public func upsert(_ v: VATCode, admin: String) throws {
        try execute("""
            INSERT INTO vat_code (admin_id, code, description, rate, kind, box, deductible_box, payable_account,
                receivable_account, valid_from, valid_to)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, code) DO UPDATE SET description = excluded.description, rate = excluded.rate,
                kind = excluded.kind, box = excluded.box, deductible_box = excluded.deductible_box,
                payable_account = excluded.payable_account, receivable_account = excluded.receivable_account,
                valid_from = excluded.valid_from, valid_to = excluded.valid_to
            """, [admin, v.code, v.description, v.rate.description, v.kind.rawValue, v.box, v.deductibleBox,
                  v.payableAccount, v.receivableAccount, v.validFrom?.description, v.validTo?.description])
    }

    public func upsert(_ j: Journal, admin: String) throws {
        try execute("""
            INSERT INTO journal (admin_id, code, name, kind, account) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, code) DO UPDATE SET name = excluded.name, kind = excluded.kind, account = excluded.account
            """, [admin, j.code, j.name, j.kind.rawValue, j.account])
    }

    /// Deletes a configuration row of the chart; the database refuses when ledger rows still refer to it.
    public func deleteChartItem(table: String, code: String, admin: String) throws {
        guard ["account", "vat_code", "journal"].contains(table) else { throw StoreError("unknown chart table \(table)") }
        try execute("DELETE FROM \(table) WHERE admin_id = ? AND code = ?", [admin, code])
    }
}

extension StoreTransaction {
    /// Renumbers an account: records the renumbering, creates `account` (the new code), moves every posted line,
    /// maintained balance, open item, bank line and reference from `old` to it, and removes `old`. The lines keep
    /// their amounts and dates; the renumbering row is what lets the database accept the move.
    public func renumber(_ old: String, to account: Account, revision: String?, admin: String) throws {
        try execute("INSERT INTO account_renumbering (admin_id, old_code, new_code, revision) VALUES (?, ?, ?, ?)",
                    [admin, old, account.code, revision])
        try execute("UPDATE account SET control = NULL WHERE admin_id = ? AND code = ?", [admin, old])  // the role moves
        try upsert(account, admin: admin)
        for ref in try accountReferences() {
            try execute("UPDATE \(ref.table) SET \(ref.column) = ? WHERE admin_id = ? AND \(ref.column) = ?",
                        [account.code, admin, old])
        }
        try execute("DELETE FROM account WHERE admin_id = ? AND code = ?", [admin, old])
    }

    /// Every column that holds an account code of the same administration: read from the schema's foreign keys to
    /// `account(admin_id, code)`, plus the store's own summaries that hold a code without a key. A renumbering moves
    /// them all, so a table added later cannot be forgotten (a test compares this with every column named like an
    /// account).
    public func accountReferences() throws -> [(table: String, column: String)] {
        let keyed = try rows("""
            SELECT m.name AS t, f."from" AS c FROM sqlite_master m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f."table" = 'account' AND f."to" = 'code' ORDER BY m.name, f."from"
            """).map { (table: $0["t"] as String, column: $0["c"] as String) }
        return keyed + Schema.accountColumnsWithoutKey
    }
}
