import Foundation

/// A real git repository made with the git CLI in a temp folder, with its own identity and fixed dates.
struct GitFixture {
    let directory: String
    private var clock: Int = 1_767_225_600  // 2026-01-01T00:00:00Z

    init(bare: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        try git(["config", "user.name", "Anna de Vries"])
        try git(["config", "user.email", "anna@bureau.example"])
        try git(["config", "commit.gpgsign", "false"])
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs git in the repository and returns its trimmed stdout.
    @discardableResult
    func git(_ arguments: [String], date: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = directory
        if let date {
            environment["GIT_AUTHOR_DATE"] = "@\(date) +0100"
            environment["GIT_COMMITTER_DATE"] = "@\(date) +0100"
        }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(description: "git \(arguments.joined(separator: " ")): " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes files (nil deletes), stages everything and commits with the next fixed date.
    @discardableResult
    mutating func commit(_ files: [String: String?], _ message: String) throws -> String {
        for (path, contents) in files {
            let full = directory + "/" + path
            if let contents {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try contents.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.removeItem(atPath: full)
            }
        }
        try git(["add", "-A"])
        clock += 3_600
        try git(["commit", "-q", "-m", message], date: clock)
        return try git(["rev-parse", "HEAD"])
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
