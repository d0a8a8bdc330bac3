public import Core

/// Why the ledger refused something, naming the field, line or record so a bookkeeper can act on it.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code programs can switch on (`unbalanced`, `period-closed`, …).
    public var code: String
    /// Where: a field path (`lines[2].account`), `file:line`, or empty.
    public var location: String
    public var message: String
    /// The line of an imported file the error is about, when an import knows it.
    public var line: Int?

    public init(_ code: String, _ location: String = "", _ message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    /// This error, placed at `line` of an imported file (unless it has a line already).
    public func at(line: Int?) -> LedgerError {
        var copy = self
        copy.line = copy.line ?? line
        return copy
    }

    public init(_ error: CoreError, code: String = "invalid") {
        self.init(code, error.location, error.message)
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }

    static func notFound(_ what: String) -> LedgerError { LedgerError("not-found", "", what) }
}
