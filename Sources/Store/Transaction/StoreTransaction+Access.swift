import Foundation
import GRDB

/// A signed-in session, found by the hash of its secret.
public struct SessionRecord: Sendable, Hashable {
    public var user: String
    public var csrf: String
    public var expires: String
}

/// An API token as stored: never the secret itself.
public struct TokenRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var user: String
    /// Nil: every administration the user may see; else only these.
    public var administrations: [String]?
    public var created: String
    public var revoked: String?

    public init(id: Int64, name: String, user: String, administrations: [String]?, created: String, revoked: String?) {
        self.id = id
        self.name = name
        self.user = user
        self.administrations = administrations
        self.created = created
        self.revoked = revoked
    }
}

extension StoreTransaction {
    public func setPasswordHash(_ user: String, _ hash: String) throws {
        try execute("UPDATE app_user SET password_hash = ? WHERE name = ?", [hash, user])
    }

    public func passwordHash(_ user: String) throws -> String? {
        try row("SELECT password_hash FROM app_user WHERE name = ?", [user])?[0]
    }

    public func insertSession(tokenHash: String, user: String, csrf: String, created: String, expires: String) throws {
        try execute("INSERT INTO user_session (token_hash, user_name, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                    [tokenHash, user, csrf, created, expires])
    }

    public func session(tokenHash: String) throws -> SessionRecord? {
        try row("SELECT user_name, csrf, expires FROM user_session WHERE token_hash = ?", [tokenHash]).map {
            SessionRecord(user: $0[0], csrf: $0[1], expires: $0[2])
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try execute("DELETE FROM user_session WHERE token_hash = ?", [tokenHash])
    }

    public func deleteExpiredSessions(now: String) throws {
        try execute("DELETE FROM user_session WHERE expires < ?", [now])
    }

    public func insertToken(name: String, user: String, tokenHash: String, administrations: [String]?, created: String) throws
        -> Int64
    {
        let scope = try administrations.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try execute("""
            INSERT INTO api_token (name, user_name, token_hash, administrations, created) VALUES (?, ?, ?, ?, ?)
            """, [name, user, tokenHash, scope, created])
        return db.lastInsertedRowID
    }

    static func token(from r: Row) throws -> TokenRecord {
        let scope: String? = r["administrations"]
        return TokenRecord(id: r["id"], name: r["name"], user: r["user_name"],
                           administrations: try scope.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) },
                           created: r["created"], revoked: r["revoked"])
    }

    public func token(hash: String) throws -> TokenRecord? {
        try row("SELECT * FROM api_token WHERE token_hash = ? AND revoked IS NULL", [hash]).map(Self.token(from:))
    }

    public func tokens(user: String?) throws -> [TokenRecord] {
        if let user { return try rows("SELECT * FROM api_token WHERE user_name = ? ORDER BY id", [user]).map(Self.token(from:)) }
        return try rows("SELECT * FROM api_token ORDER BY id").map(Self.token(from:))
    }

    public func revokeToken(_ id: Int64, at time: String) throws -> Bool {
        try execute("UPDATE api_token SET revoked = ? WHERE id = ? AND revoked IS NULL", [time, id])
        return db.changesCount > 0
    }
}
