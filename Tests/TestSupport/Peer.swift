import Foundation

/// A peer program the tests compare against (hledger, ledger). Missing peers skip a test on a developer's machine
/// and fail it on CI (`CI=true`), so a check never disappears quietly.
public struct Peer: Sendable {
    public let name: String

    public init(_ name: String) { self.name = name }

    public static let hledger = Peer("hledger")
    /// libxml2's validator: XAF exports against the XSD.
    public static let xmllint = Peer("xmllint")

    /// The program's path, when it is installed.
    public var path: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether tests that need it should run: installed, or on CI (where its absence must fail the test).
    public var shouldRun: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs the peer with `arguments`; returns stdout, throwing with stderr when it fails.
    public func run(_ arguments: [String]) throws -> String {
        guard let path else {
            throw Failure(description: "\(name) is not installed; `make test` installs it (apt-get install \(name))")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed: "
                + String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}

/// Reads the CSV hledger prints (`-O csv`): every field quoted, a quote inside a field doubled.
public func parseQuotedCSV(_ text: String) -> [[String]] {
    text.split(whereSeparator: \.isNewline).map { line in
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                if inQuotes && i + 1 < chars.count && chars[i + 1] == "\"" {
                    field.append("\"")
                    i += 1
                } else {
                    inQuotes.toggle()
                }
            } else if c == "," && !inQuotes {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(field)
        return fields
    }
}
