/// What a user may do. Each role includes the ones below it for reading; writing is by role.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, accountant, reviewer, admin

    private var rank: Int { Role.allCases.firstIndex(of: self)! }

    /// Whether this role is at least `other` (an admin may do what a reviewer may, and so on).
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// A user of the bureau: their commits are matched to them by email.
public struct User: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var role: Role
    public var team: String?

    public init(name: String, email: String, role: Role, team: String? = nil) {
        self.name = name
        self.email = email
        self.role = role
        self.team = team
    }
}
