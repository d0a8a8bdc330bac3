import Core
import Foundation
import Templates
import Workflow

extension WorkflowSimulation {
    /// The `ledgerops` binary the tests built, for distributions killed with a real SIGKILL.
    static var binary: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url = url.deletingLastPathComponent() }
        return ["debug", "release"].map { url.path + "/.build/\($0)/ledgerops" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A person's `ledgerops distribute` in its own process, killed with SIGKILL at a random apply (inside its
    /// transaction or just after it committed). The process reads the system clock, so this step runs only on a
    /// simulated day whose windows agree with the real day's for every cluster of the proposal (both allow
    /// applying); otherwise it falls back to an in-process interruption.
    mutating func distributeAndKill() async throws -> String {
        let candidates = try await f.proposals.proposals().filter { $0.state == .approved || $0.state == .distributing }
        guard let p = pick(candidates) else { return "distribute" }
        let set = try f.workspace.templateSet(at: p.toRevision)
        let days = [f.time.clock.today(), WorkflowClock.system.today()]
        let clear = p.clusters.allSatisfy { c in days.allSatisfy { d in !(set.clusters[c]?.windows.contains { $0.forbids(d) } ?? false) } }
        guard clear, let binary = Self.binary else {
            try await distribute()
            return "distribute"
        }
        let stopAt = int(1...3), inside = chance(0.5)
        let errors = f.directory + "/kill-\(step).err"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["distribute", String(p.id), "--workspace", f.directory, "--as", pick(["esther", "fleur"]) ?? "esther",
                             "--stop-at", String(stopAt)] + (inside ? ["--stop-inside"] : [])
        process.standardOutput = Pipe()
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        var text = ""
        for _ in 0..<1_000 where !text.contains("probe:") && process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
            text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return text.contains("probe:") ? "sigkill" : "distribute"
    }
}
