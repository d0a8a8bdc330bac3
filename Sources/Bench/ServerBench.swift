import Foundation
import GitSource
import Reconciler
import Server
import Workflow
import Workspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server under load: wrk with a signed-in session against the monitor API (the whole bureau) and a proposal
/// page covering every administration, while the reconciler timer runs in the same process. Targets: ≥ 2,000
/// requests/s and p99 ≤ 50 ms each (release).
struct ServerBench {
    let workspace: Workspace
    let tiny: Bool

    struct Load { var name: String; var requests: Double; var p99: Double }

    static func wrk(_ url: String, cookie: String, seconds: Int) throws -> (requests: Double, p99: Double)? {
        guard let path = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t2", "-c32", "-d\(seconds)s", "--latency", "-H", "Cookie: \(cookie)", url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func number(after label: String) -> Double? {
            guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
            let field = line.split(separator: " ").map(String.init).last { !$0.isEmpty } ?? ""
            let value = Double(field.filter { $0.isNumber || $0 == "." }) ?? 0
            return field.hasSuffix("us") ? value / 1000 : field.hasSuffix("ms") ? value : field.hasSuffix("s") ? value * 1000 : value
        }
        guard let requests = number(after: "Requests/sec:"), let p99 = number(after: " 99%") else {
            throw BenchError("wrk printed no figures: \(text)")
        }
        if text.contains("Non-2xx") { throw BenchError("wrk saw errors: \(text)") }
        return (requests, p99)
    }

    func run() async throws -> (rows: [(String, String, String)], loads: [Load])? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw BenchError("wrk is not installed (make bench installs it)") }
            return nil
        }
        let users = UserService(store: workspace.store)
        let access = AccessService(store: workspace.store)
        try await users.save(User(name: "ada", email: "ada@bench.example", role: .admin), by: "bench", at: "t")
        try await access.setPassword("ada", "bench-password", by: "bench", at: "t")
        // One account added to every cluster, proposed: a plan for every administration.
        let old = String(decoding: try workspace.templates.read("templates/base/accounts.csv", at: "main")!, as: UTF8.self)
        try workspace.templates.commit([.write(path: "templates/base/accounts.csv",
                                               contents: Array((old + "46995,Serverbench,expense,debit,WBedAlkOal,,\n").utf8))],
                                       message: "Bench account\n", author: GitSignature(name: "Bench", email: "bench@example", time: 1_795_000_000))
        guard let proposal = try await ProposalService(workspace: workspace).propose(by: "ada", at: "t") else {
            throw BenchError("nothing proposed")
        }
        // A server that has been running has its statuses current: one pass first, so the timer's passes during the
        // load are the steady ones (each still a full pass over every administration).
        let clock = ContinuousClock()
        let passStart = clock.now
        _ = try await ReconcilerService(workspace: workspace).pass(now: ISO8601DateFormatter().string(from: Date()))
        let firstPass = seconds(clock.now - passStart)
        let env = ServerEnvironment(workspace: workspace, access: access)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = LedgerOpsServer.application(env, host: "127.0.0.1", port: 0, logLevel: .error) { continuation.yield($0) }
        let loop = ReconcileLoop(reconciler: ReconcilerService(workspace: workspace), clock: ContinuousClock(),
                                 interval: .seconds(5), now: { ISO8601DateFormatter().string(from: Date()) })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        let timer = Task { try await loop.run() }
        defer { server.cancel(); timer.cancel() }
        var port = 0
        for await p in stream { port = p; break }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/session")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"user": "ada", "password": "bench-password"}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        guard let cookie = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Set-Cookie")?.split(separator: ";").first else {
            throw BenchError("signing in failed")
        }
        let seconds = tiny ? 2 : 10
        var loads: [Load] = []
        var rows: [(String, String, String)] = []
        for (name, path) in [("monitor API, whole bureau", "/api/v1/monitor?scope=bureau"),
                             ("proposal page, every administration", "/proposals/\(proposal.id)")] {
            // Warm the caches once, as a running server would be.
            _ = try await URLSession.shared.data(for: { var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
                r.setValue(String(cookie), forHTTPHeaderField: "Cookie"); return r }())
            guard let (rate, p99) = try Self.wrk("http://127.0.0.1:\(port)\(path)", cookie: String(cookie), seconds: seconds) else { return nil }
            loads.append(Load(name: name, requests: rate, p99: p99))
            rows.append((name, "wrk -t2 -c32 -d\(seconds)s, timer running", String(format: "%.0f req/s, p99 %.1f ms", rate, p99)))
        }
        rows.insert(("proposal \(proposal.id)", "\(proposal.affected.count) administrations planned",
                     String(format: "first reconcile pass after the commit %.1f s", firstPass)), at: 0)
        return (rows, loads)
    }
}
