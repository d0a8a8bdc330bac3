import Foundation
import Testing

/// Distribution killed with SIGKILL again and again — inside an administration's apply transaction and just after
/// one committed — and resumed each time: no administration half-applied or applied twice, the audit log intact.
@Suite struct CrashTests {
    static let day = "2026-06-02"  // outside every distribution window

    func git(_ args: [String], in dir: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = (dir.map { ["-C", $0] } ?? []) + args
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args.joined(separator: " "))")
    }

    @Test func distributionSurvivesSIGKILLAnywhere() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["user", "add", "anna", "--email", "anna@bureau.example", "--role", "admin"])
        try cli.ok(["user", "add", "esther", "--email", "esther@bureau.example", "--role", "reviewer", "--as", "anna"])
        let admins = (1...16).map { String(format: "mkb-%04d", $0 + 100) }
        for a in admins { try cli.ok(["admin", "create", a, "--name", a, "--cluster", "mkb", "--year", "2026", "--as", "anna"]) }
        let clone = cli.directory + "/clone"
        try git(["clone", "-q", cli.workspace + "/templates.git", clone])
        try git(["config", "user.name", "Bas"], in: clone)
        try git(["config", "user.email", "bas@bureau.example"], in: clone)
        let csv = clone + "/templates/mkb/accounts.csv"
        try (try String(contentsOfFile: csv, encoding: .utf8) + "46999,Nieuwe rekening,expense,debit,WBedAlkOal,,\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        // No distribution window in this test's cluster: it runs on the real clock, whatever the day.
        let cluster = clone + "/clusters/mkb.yaml"
        let yaml = try String(contentsOfFile: cluster, encoding: .utf8)
        try String(yaml[..<(yaml.range(of: "windows:")?.lowerBound ?? yaml.endIndex)]).appending("ignore:\n  - settings:bank.*\n  - dashboards:*\n")
            .write(toFile: cluster, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "New account"], in: clone)
        try git(["push", "-q", "origin", "main"], in: clone)
        #expect(try cli.ok(["propose", "--as", "anna"]).contains("Proposal 1"))
        try cli.ok(["review", "1", "--approve", "--comment", "ok", "--as", "esther"])

        var landed: [String] = []
        for kill in 1...20 {
            let inside = kill % 2 == 1
            let errors = cli.directory + "/probe-\(kill).txt"
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try CLI.binary)
            p.arguments = ["distribute", "1", "--workspace", cli.workspace, "--today", Self.day, "--as", "anna",
                           "--stop-at", "1"] + (inside ? ["--stop-inside"] : [])
            p.standardOutput = Pipe()
            p.standardError = FileHandle(forWritingAtPath: errors)
            try p.run()
            var line = ""
            for _ in 0..<3_000 where !line.contains("probe:") && p.isRunning {
                usleep(10_000)
                line = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            }
            #expect(line.contains("probe:"), "kill \(kill): the distribution never reached its stop: \(line)")
            sigkill(p.processIdentifier)
            p.waitUntilExit()
            // The dead distributor's lease would hold the distribution for a minute: an admin breaks it.
            let refused = try cli.run(["distribution", "resume", "1", "--as", "anna"])
            #expect(refused.status == 1 && refused.stderr.contains("holds proposal 1 until") && refused.stderr.contains("unlock"))
            #expect(try cli.ok(["distribution", "unlock", "1", "--as", "anna"]).contains("broke the lease of cli@"))
            landed.append("kill \(kill): " + (line.split(separator: "\n").first { $0.contains("probe:") }.map(String.init) ?? "?"))
            // After every kill: no administration applied twice, and the audit log intact.
            let audit = try cli.ok(["audit", "--json", "--as", "anna"])
            let records = try JSONSerialization.jsonObject(with: Data(audit.utf8)) as! [[String: Any]]
            let applied = records.filter { $0["action"] as? String == "apply" }.compactMap { $0["subject"] as? String }
            #expect(Set(applied).count == applied.count, "kill \(kill): an administration was applied twice")
            #expect(records.filter { $0["action"] as? String == "distribution.unlocked" }.count == kill)
            #expect(try cli.ok(["audit", "verify"]).contains("intact"))
        }
        print(landed.joined(separator: "\n"))
        #expect(landed.filter { $0.contains("inside the apply transaction") }.count >= 10)
        // The last resume completes it.
        let finished = try cli.ok(["distribution", "resume", "1", "--today", Self.day, "--as", "anna"])
        #expect(finished.contains("distribution done — \(16 - 10) applied") || finished.contains("distribution done"))
        let audit = try cli.ok(["audit", "--json", "--as", "anna"])
        let records = try JSONSerialization.jsonObject(with: Data(audit.utf8)) as! [[String: Any]]
        let applied = records.filter { $0["action"] as? String == "apply" }.compactMap { $0["subject"] as? String }
        #expect(applied.sorted() == admins.sorted(), "every administration exactly once")
        #expect(try cli.ok(["audit", "verify"]).contains("intact"))
        #expect(try cli.ok(["reconcile", "--today", Self.day, "--as", "anna"]).contains("Synced 16"))
        let refused = try cli.run(["reconcile", "--as", "esther"])
        #expect(refused.status == 1 && refused.stderr.contains("esther is a reviewer; this needs a admin"))
        for a in admins {
            let diff = try cli.ok(["diff", a, "--as", "esther"])
            #expect(diff.contains("in sync"), "\(a): \(diff)")
        }
    }
}

/// SIGKILL, which cannot be caught: the process stops wherever it is.
func sigkill(_ pid: Int32) { _ = Foundation.kill(pid, SIGKILL) }
