import Foundation
public import Store

/// Users, roles, teams and who is responsible for which administration; every change is audited.
public struct UserService: Sendable {
    public let store: LedgerStore

    public init(store: LedgerStore) { self.store = store }

    public func users() async throws -> [User] {
        try await store.read { tx in try tx.users().compactMap(Self.user) }
    }

    /// The user acting, checked to hold at least `role`. While a workspace has no users at all, anyone acts as
    /// `bootstrap` (so the first admin can be added); after that an unknown or too-junior user is refused.
    public func authorize(_ name: String?, needs role: Role) async throws -> String {
        try await store.read { tx in
            let users = try tx.users()
            if users.isEmpty { return name ?? "bootstrap" }
            guard let name else {
                throw WorkflowError("no-user", "say who you are: --as USER or LEDGEROPS_USER")
            }
            guard let record = try tx.user(named: name), let user = Self.user(record) else {
                throw WorkflowError("unknown-user", "user '\(name)' does not exist")
            }
            guard user.role >= role else {
                throw WorkflowError("forbidden", "\(name) is a \(user.role.rawValue); this needs a \(role.rawValue)")
            }
            return name
        }
    }

    /// Adds or changes a user.
    public func save(_ user: User, by actor: String, at time: String) async throws {
        guard !user.name.isEmpty, !user.name.contains(where: \.isWhitespace) else {
            throw WorkflowError("invalid", "'\(user.name)' is not a user name (no spaces)")
        }
        guard user.email.contains("@") else { throw WorkflowError("invalid", "'\(user.email)' is not an email address") }
        try await store.write { tx in
            if let other = try tx.user(email: user.email), other.name != user.name {
                throw WorkflowError("invalid", "email \(user.email) already belongs to \(other.name)")
            }
            let existed = try tx.user(named: user.name) != nil
            try tx.upsert(UserRecord(name: user.name, email: user.email, role: user.role.rawValue, team: user.team))
            try AuditLog.append(tx, time: time, actor: actor, action: existed ? "user.changed" : "user.added",
                                subject: user.name, payload: ["email": user.email, "role": user.role.rawValue,
                                                              "team": user.team ?? ""])
        }
    }

    /// Makes an accountant responsible for an administration.
    public func assign(_ name: String, to admin: String, by actor: String, at time: String) async throws {
        try await store.write { tx in
            guard let user = try tx.user(named: name) else { throw WorkflowError("unknown-user", "user '\(name)' does not exist") }
            guard user.role == Role.accountant.rawValue || user.role == Role.admin.rawValue else {
                throw WorkflowError("invalid", "\(name) is a \(user.role); only accountants are responsible for administrations")
            }
            try tx.setResponsible(name, admin: admin)
            try AuditLog.append(tx, time: time, actor: actor, action: "user.assigned", subject: admin,
                                payload: ["responsible": name])
        }
    }

    /// The user whose email a commit carries, if any.
    public func user(email: String) async throws -> User? {
        try await store.read { tx in try tx.user(email: email).flatMap(Self.user) }
    }

    static func user(_ r: UserRecord) -> User? {
        Role(rawValue: r.role).map { User(name: r.name, email: r.email, role: $0, team: r.team) }
    }
}
