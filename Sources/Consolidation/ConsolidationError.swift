/// Why a consolidation could not be made, naming the group, entity, account or rate to fix.
public struct ConsolidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
