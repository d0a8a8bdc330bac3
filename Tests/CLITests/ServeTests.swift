import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `ledgerops serve` as a process: it says where it listens, answers, and stops cleanly on SIGTERM and SIGINT
/// (exit 0, the audit log intact afterwards).
@Suite struct ServeTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesAndStopsGracefullyOnASignal(signal: Int32) async throws {
        let cli = try CLI()
        defer { cli.remove() }
        _ = try cli.ok(["init", cli.workspace])
        _ = try cli.ok(["admin", "create", "m1", "--name", "M1", "--cluster", "mkb", "--year", "2026"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CLI.binary)
        process.arguments = ["serve", "--workspace", cli.workspace, "--address", "127.0.0.1:0", "--interval", "1s"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the port.
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("listening on"), Date() < deadline {
            text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = try #require(text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200 && String(decoding: data, as: UTF8.self) == "ok\n")
        try await Task.sleep(for: .milliseconds(1500))  // a timer pass or two
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit, "serve ended by signal \(signal)")
        #expect(try cli.ok(["audit", "verify"]).contains("intact"))
        #expect(try cli.ok(["status"]).contains("Synced"))
    }
}
