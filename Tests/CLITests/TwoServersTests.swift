import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Two `serve` processes on one workspace: one timer leads, the other stands by. The leader is killed with SIGKILL in
/// the middle of a distribution; the standby takes over once the leases expire and finishes it, none applied twice.
/// And a timer whose passes keep failing says so: `/healthz` answers 503 with the reason.
@Suite struct TwoServersTests {
    static let lease = 3

    func git(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args.joined(separator: " "))")
    }

    func sqlite(_ db: String, _ sql: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, sql]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `serve` on port 0; returns the process, its port and the file its stderr goes to.
    func serve(_ cli: CLI, _ extra: [String], name: String) throws -> (Process, Int, String) {
        let errors = cli.directory + "/\(name).err"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try CLI.binary)
        p.arguments = ["serve", "--workspace", cli.workspace, "--address", "127.0.0.1:0"] + extra
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: errors)
        try p.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("listening on"), Date() < deadline {
            text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        return (p, port, errors)
    }

    @Test func theStandbyFinishesWhatAKilledLeaderStarted() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["user", "add", "anna", "--email", "anna@bureau.example", "--role", "admin"])
        try cli.ok(["user", "add", "esther", "--email", "esther@bureau.example", "--role", "reviewer", "--as", "anna"])
        let admins = (1...12).map { String(format: "mkb-%04d", $0 + 200) }
        for a in admins { try cli.ok(["admin", "create", a, "--name", a, "--cluster", "mkb", "--year", "2026", "--as", "anna"]) }
        // Short leases and ticks for the test, from ledgerops.yaml; no window in this cluster (real clock).
        let settings = cli.workspace + "/ledgerops.yaml"
        try (try String(contentsOfFile: settings, encoding: .utf8)
            .replacingOccurrences(of: #"reconcileIntervalSeconds: \d+"#, with: "reconcileIntervalSeconds: 1", options: .regularExpression)
            .replacingOccurrences(of: #"leaseSeconds: \d+"#, with: "leaseSeconds: \(Self.lease)", options: .regularExpression))
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let clone = cli.directory + "/clone"
        try git(["clone", "-q", cli.workspace + "/templates.git", clone])
        let cluster = clone + "/clusters/mkb.yaml"
        let yaml = try String(contentsOfFile: cluster, encoding: .utf8)
        try (String(yaml[..<(yaml.range(of: "windows:")?.lowerBound ?? yaml.endIndex)]) + "ignore:\n  - dashboards:*\n")
            .write(toFile: cluster, atomically: true, encoding: .utf8)
        let csv = clone + "/templates/mkb/accounts.csv"
        try (try String(contentsOfFile: csv, encoding: .utf8) + "46999,Nieuwe rekening,expense,debit,WBedAlkOal,,\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        try git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-qam", "New account"])
        try git(["-C", clone, "push", "-q", "origin", "main"])
        #expect(try cli.ok(["propose", "--as", "anna"]).contains("Proposal 1"))

        // A leads (it stops, as if hung, after its fifth apply); then B starts and stands by.
        let db = cli.workspace + "/ledgerops.sqlite"
        let (a, _, aErrors) = try serve(cli, ["--stop-at", "5"], name: "a")
        defer { if a.isRunning { sigkill(a.processIdentifier) } }
        var leader = ""
        for _ in 0..<300 where !leader.contains(":\(a.processIdentifier):") {
            usleep(50_000)
            leader = sqlite(db, "SELECT owner FROM leader_lease")
        }
        #expect(leader.contains(":\(a.processIdentifier):"), "A never led: \(leader)")
        let (b, bPort, _) = try serve(cli, [], name: "b")
        defer { if b.isRunning { kill(b.processIdentifier, SIGTERM); b.waitUntilExit() } }
        try cli.ok(["review", "1", "--approve", "--comment", "ok", "--as", "esther"])
        var stopped = ""
        for _ in 0..<600 where !stopped.contains("probe:") {
            usleep(50_000)
            stopped = (try? String(contentsOfFile: aErrors, encoding: .utf8)) ?? ""
        }
        #expect(stopped.contains("probe: after the apply"), "A never reached its fifth apply: \(stopped)")
        let killed = Date()
        sigkill(a.processIdentifier)
        a.waitUntilExit()
        // B takes over within a lease (and a tick or two), resuming where A stopped.
        var state = ""
        for _ in 0..<600 where state != "done" {
            usleep(100_000)
            state = sqlite(db, "SELECT state FROM distribution WHERE proposal_id = 1")
        }
        let takeover = Date().timeIntervalSince(killed)
        #expect(state == "done", "the standby did not finish: \(state)")
        #expect(takeover < Double(Self.lease) * 3 + 5, "took \(takeover) s")
        print("standby finished the distribution \(String(format: "%.1f", takeover)) s after the leader was killed (lease \(Self.lease) s)")
        let applies = sqlite(db, "SELECT subject FROM audit_log WHERE action = 'apply' ORDER BY subject").split(separator: "\n").map(String.init)
        #expect(applies == admins.sorted(), "every administration applied exactly once: \(applies)")
        let owners = sqlite(db, "SELECT DISTINCT actor FROM audit_log WHERE action = 'apply'")
        #expect(owners == "reconciler")
        #expect(sqlite(db, "SELECT owner FROM leader_lease").contains(":\(b.processIdentifier):"))
        let metrics = try String(contentsOf: URL(string: "http://127.0.0.1:\(bPort)/metrics")!, encoding: .utf8)
        #expect(metrics.contains("ledgerops_timer_leader 1") && metrics.contains("ledgerops_distributions{state=\"done\"} 1"))
        #expect(try cli.ok(["audit", "verify"]).contains("intact"))
    }

    @Test func aTimerWhosePassesKeepFailingIsUnhealthy() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let remote = cli.directory + "/remote.git"
        let seed = cli.directory + "/seed"
        #expect(try cli.run(["init", seed, "--templates", CLI.projectRoot], workspaceOption: false).status == 0)
        try git(["clone", "-q", "--bare", seed + "/templates.git", remote])
        try cli.ok(["init", "--source", "file://" + remote])
        try cli.ok(["admin", "create", "m1", "--name", "M1", "--cluster", "mkb", "--year", "2026"])
        // The settings file decides the interval when no flag is given.
        let settings = cli.workspace + "/ledgerops.yaml"
        try (try String(contentsOfFile: settings, encoding: .utf8)
            .replacingOccurrences(of: #"reconcileIntervalSeconds: \d+"#, with: "reconcileIntervalSeconds: 1", options: .regularExpression))
            .write(toFile: settings, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: remote)  // the remote is gone: every pass fails
        let (p, port, errors) = try serve(cli, [], name: "s")
        defer { if p.isRunning { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() } }
        var status = 0, body = ""
        for _ in 0..<40 where status != 503 {
            try await Task.sleep(for: .milliseconds(250))
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            body = String(decoding: data, as: UTF8.self)
        }
        #expect(status == 503 && body.contains("reconcile passes failed in a row") && body.contains("cannot fetch"), "\(status) \(body)")
        let metrics = try String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)
        #expect(metrics.contains("ledgerops_reconcile_failed_passes_total") && !metrics.contains("ledgerops_reconcile_failed_passes_total 0"))
        let log = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(log.contains("reconcile pass failed"), "pass errors are logged: \(log)")
    }
}

/// `--today` moves the business day only: a reviewer cannot step past a distribution window with it.
@Suite struct WindowCLITests {
    @Test func todayDoesNotMoveAWindow() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["user", "add", "anna", "--email", "anna@bureau.example", "--role", "admin"])
        try cli.ok(["user", "add", "esther", "--email", "esther@bureau.example", "--role", "reviewer", "--as", "anna"])
        try cli.ok(["admin", "create", "m1", "--name", "M1", "--cluster", "mkb", "--year", "2026", "--as", "anna"])
        // A window over the bureau's today (and the days beside it, whatever the hour).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let day = calendar.component(.day, from: Date())
        let days = Set([day - 1, day, day + 1].filter { (1...31).contains($0) }).sorted().map(String.init).joined(separator: ", ")
        let clone = cli.directory + "/clone"
        let two = TwoServersTests()
        try two.git(["clone", "-q", cli.workspace + "/templates.git", clone])
        let cluster = clone + "/clusters/mkb.yaml"
        try (try String(contentsOfFile: cluster, encoding: .utf8).replacingOccurrences(
            of: "windows:\n", with: "windows:\n  - name: vandaag\n    forbid: true\n    monthDays: [\(days)]\n"))
            .write(toFile: cluster, atomically: true, encoding: .utf8)
        let csv = clone + "/templates/mkb/accounts.csv"
        try (try String(contentsOfFile: csv, encoding: .utf8) + "46999,Nieuwe rekening,expense,debit,WBedAlkOal,,\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        try two.git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-qam", "Window today"])
        try two.git(["-C", clone, "push", "-q", "origin", "main"])
        try cli.ok(["propose", "--as", "anna"])
        try cli.ok(["review", "1", "--approve", "--comment", "ok", "--as", "esther"])
        // CLI.run passes --today 2026-11-22; here also a day outside every window: neither moves the window.
        for today in ["2026-06-02", "2026-11-22"] {
            let r = try cli.run(["distribute", "1", "--as", "esther", "--today", today])
            #expect(r.status == 0 && r.stdout.contains("distribution waiting — 0 applied") && r.stdout.contains("window 'vandaag' of mkb"),
                    "\(r.stdout) \(r.stderr)")
        }
        #expect(try cli.ok(["distribution", "show", "1", "--as", "esther"]).contains("pending"))
    }
}
