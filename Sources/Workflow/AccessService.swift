import Crypto
import _CryptoExtras
import Foundation
public import Store

/// Signing in and API tokens. Passwords are kept as salted scrypt hashes (slow on purpose); session and token
/// secrets are random and kept only as their SHA-256, so a copy of the database signs nobody in.
public struct AccessService: Sendable {
    public let store: LedgerStore
    /// scrypt's cost (N); 2^15 takes some 60 ms a hash here.
    public let cost: Int

    public init(store: LedgerStore, cost: Int = 1 << 15) {
        self.store = store
        self.cost = cost
    }

    /// A signed-in user's session: the secret for the cookie and the CSRF token forms must carry.
    public struct Session: Sendable, Equatable {
        public var secret: String
        public var user: User
        public var csrf: String
        public var expires: String
    }

    // MARK: - Passwords

    /// Sets a user's password (at least 10 characters); audited without the password.
    public func setPassword(_ user: String, _ password: String, by actor: String, at time: String) async throws {
        guard password.count >= 10 else { throw WorkflowError("invalid", "a password needs at least 10 characters") }
        let hash = try hashPassword(password)
        try await store.write { tx in
            guard try tx.user(named: user) != nil else { throw WorkflowError("unknown-user", "user '\(user)' does not exist") }
            try tx.setPasswordHash(user, hash)
            try AuditLog.append(tx, time: time, actor: actor, action: "user.password", subject: user, payload: [:])
        }
    }

    func hashPassword(_ password: String, salt: [UInt8]? = nil, cost: Int? = nil) throws -> String {
        let salt = salt ?? Self.random(16)
        let n = cost ?? self.cost
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: n,
                                            blockSize: 8, parallelism: 1)
        let bytes = key.withUnsafeBytes { Array($0) }
        return "scrypt$\(n)$8$1$\(Data(salt).base64EncodedString())$\(Data(bytes).base64EncodedString())"
    }

    func verify(_ password: String, against stored: String) throws -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let salt = Data(base64Encoded: parts[4]) else {
            return false
        }
        let again = try hashPassword(password, salt: [UInt8](salt), cost: n)
        // Compare every byte, so the time taken says nothing about where they differ.
        let a = Array(again.utf8), b = Array(stored.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: - Sessions

    /// Signs a user in with their password; nil when the name or password is wrong (the caller cannot tell which).
    public func signIn(_ name: String, password: String, now: String, expires: String) async throws -> Session? {
        guard let (record, stored) = try await store.read({ tx in
            try tx.user(named: name).map { ($0, try tx.passwordHash(name)) }
        }), let user = UserService.user(record), let stored else {
            _ = try? hashPassword(password)  // as slow as a real check
            return nil
        }
        guard try verify(password, against: stored) else { return nil }
        let secret = Self.token(32), csrf = Self.token(24)
        try await store.write { tx in
            try tx.deleteExpiredSessions(now: now)
            try tx.insertSession(tokenHash: Self.sha256(secret), user: name, csrf: csrf, created: now, expires: expires)
            try AuditLog.append(tx, time: now, actor: name, action: "user.signed-in", subject: name, payload: [:])
        }
        return Session(secret: secret, user: user, csrf: csrf, expires: expires)
    }

    /// The session a cookie's secret belongs to, if it has not expired.
    public func session(_ secret: String, now: String) async throws -> Session? {
        try await store.read { tx in
            guard let s = try tx.session(tokenHash: Self.sha256(secret)), s.expires > now,
                  let record = try tx.user(named: s.user), let user = UserService.user(record) else { return nil }
            return Session(secret: secret, user: user, csrf: s.csrf, expires: s.expires)
        }
    }

    public func signOut(_ secret: String) async throws {
        try await store.write { tx in try tx.deleteSession(tokenHash: Self.sha256(secret)) }
    }

    // MARK: - API tokens

    /// Creates an API token for `user`, optionally narrowed to `administrations`; the secret is returned once.
    public func createToken(_ name: String, for user: String, administrations: [String]?, by actor: String, at time: String)
        async throws -> (token: TokenRecord, secret: String)
    {
        let secret = "lop_" + Self.token(32)
        let id = try await store.write { tx in
            guard try tx.user(named: user) != nil else { throw WorkflowError("unknown-user", "user '\(user)' does not exist") }
            let id = try tx.insertToken(name: name, user: user, tokenHash: Self.sha256(secret), administrations: administrations,
                                        created: time)
            try AuditLog.append(tx, time: time, actor: actor, action: "token.created", subject: user,
                                payload: ["id": String(id), "name": name,
                                          "administrations": administrations?.joined(separator: ",") ?? "*"])
            return id
        }
        return (TokenRecord(id: id, name: name, user: user, administrations: administrations, created: time, revoked: nil), secret)
    }

    /// The user and token a bearer secret belongs to, if it is not revoked.
    public func authenticate(token secret: String) async throws -> (user: User, token: TokenRecord)? {
        try await store.read { tx in
            guard let token = try tx.token(hash: Self.sha256(secret)), let record = try tx.user(named: token.user),
                  let user = UserService.user(record) else { return nil }
            return (user, token)
        }
    }

    public func revokeToken(_ id: Int64, by actor: String, at time: String) async throws {
        try await store.write { tx in
            guard try tx.revokeToken(id, at: time) else { throw WorkflowError("not-found", "token \(id) does not exist or is revoked") }
            try AuditLog.append(tx, time: time, actor: actor, action: "token.revoked", subject: "token \(id)", payload: [:])
        }
    }

    public func tokens(user: String? = nil) async throws -> [TokenRecord] {
        try await store.read { tx in try tx.tokens(user: user) }
    }

    // MARK: - Secrets

    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A random secret, base64url without padding.
    static func token(_ bytes: Int) -> String {
        Data(random(bytes)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
