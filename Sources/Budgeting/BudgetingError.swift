/// Why a budget could not be made, naming the version, row, file or line to fix.
public struct BudgetingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
