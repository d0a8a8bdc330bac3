/// A git object id (40 hexadecimal digits).
public struct GitObjectID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public var description: String { hex }
    /// The 7-character abbreviation git shows.
    public var short: String { String(hex.prefix(7)) }

    public static func < (a: Self, b: Self) -> Bool { a.hex < b.hex }
}

/// Who made a commit, and when (seconds since 1970 and the offset from UTC in minutes).
public struct GitSignature: Hashable, Sendable, Codable {
    public var name: String
    public var email: String
    public var time: Int64
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

/// A commit as history shows it.
public struct GitCommit: Hashable, Sendable, Codable {
    public var id: GitObjectID
    public var author: GitSignature
    public var committer: GitSignature
    public var message: String
    public var parents: [GitObjectID]

    /// The first line of the message.
    public var summary: String { String(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }
}

/// One entry of a tree: a file (blob) or a folder (tree), with its path from the tree's root.
public struct GitTreeEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case blob, tree, link, submodule
    }

    public var path: String
    public var kind: Kind
    public var id: GitObjectID
    /// The git file mode (0o100644, 0o100755, 0o120000, 0o040000).
    public var mode: Int
}

/// A change to one file in a commit we make: new content, or removal.
public enum GitFileChange: Hashable, Sendable {
    case write(path: String, contents: [UInt8])
    case delete(path: String)
}
