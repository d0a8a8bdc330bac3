import Foundation
import Testing

/// Runs the built `ledgerops` binary as a user would, in its own temp workspace.
struct CLI {
    static var projectRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url = url.deletingLastPathComponent() }
        return url.path
    }

    static var binary: String {
        get throws {
            for configuration in ["debug", "release"] {
                let path = projectRoot + "/.build/\(configuration)/ledgerops"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
            throw CLIError(message: "build the ledgerops binary first (`swift build`); not found under .build/")
        }
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let directory: String
    var workspace: String { directory + "/ws" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `ledgerops ARGS --workspace WS --today 2026-11-22` with optional stdin.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil, workspaceOption: Bool = true, environment: [String: String] = [:])
        throws -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary)
        process.arguments = args + (workspaceOption ? ["--workspace", workspace] : []) + ["--today", "2026-11-22"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["LEDGEROPS_WORKSPACE"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs and expects success.
    @discardableResult
    func ok(_ args: [String], stdin: String? = nil) throws -> String {
        let r = try run(args, stdin: stdin)
        #expect(r.status == 0, "ledgerops \(args.joined(separator: " ")) failed: \(r.stderr)")
        return r.stdout
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
