/// Why the workflow refused: a missing role, an unknown user, a broken audit chain.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
