/// A problem with domain input, naming the field or line it concerns so a bookkeeper can fix it.
public struct CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is: a field path (`lines[2].debit`), or `file:line`.
    public var location: String
    /// What is wrong and, where possible, how to fix it.
    public var message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
