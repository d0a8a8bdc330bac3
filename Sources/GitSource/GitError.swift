/// A git operation that failed, with libgit2's own reason.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
