/// A problem in the template repository, with the file and line it is on and a hint how to fix it.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is not on one line.
    public var line: Int
    public var message: String
    public var hint: String?

    public init(_ file: String, _ line: Int, _ message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        (line > 0 ? "\(file):\(line): " : "\(file): ") + message + (hint.map { " (\($0))" } ?? "")
    }
}
