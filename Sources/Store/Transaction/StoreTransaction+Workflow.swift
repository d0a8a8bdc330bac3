import GRDB

/// A user as the store holds them.
public struct UserRecord: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var role: String
    public var team: String?

    public init(name: String, email: String, role: String, team: String?) {
        self.name = name
        self.email = email
        self.role = role
        self.team = team
    }
}

/// One audit record as stored, with the hash of its predecessor and its own.
public struct AuditRecord: Sendable, Hashable, Codable {
    public var seq: Int64
    public var time: String
    public var actor: String
    public var action: String
    public var subject: String
    public var payload: String
    public var previousHash: String
    public var hash: String

    public init(seq: Int64, time: String, actor: String, action: String, subject: String, payload: String,
                previousHash: String, hash: String) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.action = action
        self.subject = subject
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }
}

extension StoreTransaction {
    public func upsert(_ user: UserRecord) throws {
        try execute("""
            INSERT INTO app_user (name, email, role, team) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET email = excluded.email, role = excluded.role, team = excluded.team
            """, [user.name, user.email, user.role, user.team])
    }

    public func users() throws -> [UserRecord] {
        try rows("SELECT * FROM app_user ORDER BY name").map {
            UserRecord(name: $0["name"], email: $0["email"], role: $0["role"], team: $0["team"])
        }
    }

    public func user(named name: String) throws -> UserRecord? {
        try row("SELECT * FROM app_user WHERE name = ?", [name]).map {
            UserRecord(name: $0["name"], email: $0["email"], role: $0["role"], team: $0["team"])
        }
    }

    public func user(email: String) throws -> UserRecord? {
        try row("SELECT * FROM app_user WHERE email = ?", [email]).map {
            UserRecord(name: $0["name"], email: $0["email"], role: $0["role"], team: $0["team"])
        }
    }

    /// Makes `user` the accountant responsible for an administration.
    public func setResponsible(_ user: String, admin: String) throws {
        try execute("UPDATE administration SET responsible = ? WHERE id = ?", [user, admin])
        guard changes == 1 else { throw StoreError("administration \(admin) does not exist") }
    }

    /// The newest audit record, if any (its hash chains the next one).
    public func lastAuditRecord() throws -> AuditRecord? {
        try row("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").map(Self.audit(from:))
    }

    /// Appends a record whose hashes the caller computed over this content.
    public func append(_ record: AuditRecord) throws {
        try execute("""
            INSERT INTO audit_log (seq, time, actor, action, subject, payload, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [record.seq, record.time, record.actor, record.action, record.subject, record.payload,
                  record.previousHash, record.hash])
    }

    /// Audit records in order, optionally from a time on.
    public func auditRecords(since: String? = nil) throws -> [AuditRecord] {
        if let since {
            return try rows("SELECT * FROM audit_log WHERE time >= ? ORDER BY seq", [since]).map(Self.audit(from:))
        }
        return try rows("SELECT * FROM audit_log ORDER BY seq").map(Self.audit(from:))
    }

    static func audit(from r: Row) -> AuditRecord {
        AuditRecord(seq: r["seq"], time: r["time"], actor: r["actor"], action: r["action"], subject: r["subject"],
                    payload: r["payload"], previousHash: r["previous_hash"], hash: r["hash"])
    }
}
