/// Why the monitor refused something, naming the indicator, user or option.
public struct MonitoringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code programs can switch on (`unknown-indicator`, `no-scope`…).
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
