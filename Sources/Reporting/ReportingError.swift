/// Why a report could not be made, naming the layout, line or option to fix.
public struct ReportingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code programs can switch on (`no-layout`, `formula`, `invalid-range`…).
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
