import Core

/// Why the CRM sync refused a request, naming the field (`lines[2].vatCode`) so the integration can fix it.
public struct SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code programs can switch on (`unbalanced`, `idempotency-key-reused`, …).
    public var code: String
    /// The field of the request the error is about (`lines[0].account`), or empty.
    public var field: String
    public var message: String

    public init(_ code: String, _ field: String = "", _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    init(_ error: CoreError, code: String = "invalid-field") {
        self.init(code, error.location, error.message)
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }

    static func notFound(_ what: String) -> SyncError { SyncError("not-found", "", what) }
}
