import Core
import Foundation
import Ledger
import Server
import Workflow
import Workspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The CRM sync over HTTP: invoice posts, each with its own idempotency key and a bearer token narrowed to the
/// administration, sent over loopback to a real server writing to a real SQLite workspace; then the same requests
/// replayed, which must post nothing. Target: 1,000 posts ≤ 2 s (release).
struct SyncBench {
    let invoices: Int
    let directory: String
    let projectRoot: String
    /// Requests in flight at once, as a CRM's sync worker pool would send them.
    let concurrency = 16

    struct Result {
        var rows: [(String, String, String)]
        var postSeconds: Double
    }

    func run() async throws -> Result {
        let workspace = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        _ = try await workspace.createAdministration(id: "crm", name: "CRM B.V.", cluster: "mkb", openYear: 2026)
        let users = UserService(store: workspace.store)
        try await users.save(User(name: "crm", email: "crm@bench.example", role: .accountant), by: "bench", at: "t")
        try await users.assign("crm", to: "crm", by: "bench", at: "t")
        let token = try await AccessService(store: workspace.store)
            .createToken("crm", for: "crm", administrations: ["crm"], by: "bench", at: "t").secret
        let accounts = try await workspace.ledger.accounts("crm").filter { $0.active && $0.control == nil }
        let revenue = accounts.first { $0.type == .revenue && $0.vatCode == "V21" }!.code
        let lowRevenue = accounts.first { $0.type == .revenue && $0.vatCode == "V9" }?.code ?? revenue

        let env = ServerEnvironment(workspace: workspace)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = LedgerOpsServer.application(env, host: "127.0.0.1", port: 0, logLevel: .error) { continuation.yield($0) }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var port = 0
        for await p in stream { port = p; break }
        let base = "http://127.0.0.1:\(port)/api/v1/administrations/crm"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = concurrency
        let session = URLSession(configuration: configuration)

        // Twenty customers, through the API too.
        for n in 1...20 {
            let body = #"{"name": "Klant \#(n)", "kind": "customer", "paymentTermDays": 30}"#
            let (status, _) = try await send(session, "PUT", "\(base)/relations/D\(n)", body, token: token, key: "rel-\(n)")
            guard status == 201 else { throw BenchError("relation D\(n): HTTP \(status)") }
        }
        let requests = (0..<invoices).map { i -> (String, String) in
            let net = 10_000 + (i * 7_919) % 900_000, low = 1_000 + (i * 31) % 9_000
            let vat = (net * 21 + 50) / 100 + (low * 9 + 50) / 100
            func text(_ cents: Int) -> String { Money.format(Int64(cents), digits: 2) }
            let body = #"{"kind": "sales", "number": "2026-\#(i)", "relation": "D\#(i % 20 + 1)", "#
                + #""date": "2026-\#(String(format: "%02d", i % 12 + 1))-15", "description": "Factuur 2026-\#(i)", "lines": ["#
                + #"{"account": "\#(revenue)", "net": "\#(text(net))", "vatCode": "V21"}, "#
                + #"{"account": "\#(lowRevenue)", "net": "\#(text(low))", "vatCode": "V9"}], "#
                + #""totalVat": "\#(text(vat))", "total": "\#(text(net + low + vat))"}"#
            return ("inv-\(i)", body)
        }
        let clock = ContinuousClock()
        let postStart = clock.now
        let posted = try await sendAll(session, "\(base)/invoices", requests, token: token)
        let postSeconds = seconds(clock.now - postStart)
        guard posted.allSatisfy({ $0 == (201, false) }) else {
            throw BenchError("not every invoice was posted: \(Set(posted.map { "\($0.0)" }).sorted())")
        }
        let entriesAfterPost = try await workspace.ledger.summary("crm").entries
        guard entriesAfterPost == invoices else { throw BenchError("\(entriesAfterPost) entries after \(invoices) posts") }

        let replayStart = clock.now
        let replayed = try await sendAll(session, "\(base)/invoices", requests, token: token)
        let replaySeconds = seconds(clock.now - replayStart)
        guard replayed.allSatisfy({ $0 == (201, true) }) else { throw BenchError("a replay was not answered from its key") }
        let summary = try await workspace.ledger.summary("crm")
        guard summary.entries == invoices, summary.openItems == invoices else {
            throw BenchError("\(summary.entries) entries and \(summary.openItems) open items after the replay; expected \(invoices)")
        }
        let rate = Double(invoices) / postSeconds, replayRate = Double(invoices) / replaySeconds
        return Result(rows: [
            ("invoice posts over HTTP, bearer token", "\(invoices) × 5 lines, \(concurrency) in flight",
             String(format: "%.3f s (%.0f requests/s)", postSeconds, rate)),
            ("the same requests replayed (nothing posted)", "\(invoices), Idempotent-Replayed",
             String(format: "%.3f s (%.0f requests/s)", replaySeconds, replayRate)),
            ("entries in the store afterwards", "SQLite, WAL", "\(summary.entries) entries, \(summary.openItems) open items"),
        ], postSeconds: postSeconds)
    }

    /// Sends every request, `concurrency` at a time; returns (status, replayed) in request order.
    func sendAll(_ session: URLSession, _ url: String, _ requests: [(key: String, body: String)], token: String)
        async throws -> [(Int, Bool)]
    {
        var results = Array(repeating: (0, false), count: requests.count)
        try await withThrowingTaskGroup(of: (Int, Int, Bool).self) { group in
            var next = 0
            func launch() {
                let index = next, request = requests[index]
                next += 1
                group.addTask {
                    let (status, replayed) = try await send(session, "POST", url, request.body, token: token, key: request.key)
                    return (index, status, replayed)
                }
            }
            while next < min(concurrency, requests.count) { launch() }
            for try await (index, status, replayed) in group {
                results[index] = (status, replayed)
                if next < requests.count { launch() }
            }
        }
        return results
    }

    func send(_ session: URLSession, _ method: String, _ url: String, _ body: String, token: String, key: String)
        async throws -> (Int, Bool)
    {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(key, forHTTPHeaderField: "Idempotency-Key")
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BenchError("no HTTP response") }
        if http.statusCode >= 300 { throw BenchError("\(method) \(url): HTTP \(http.statusCode) \(String(decoding: data, as: UTF8.self))") }
        return (http.statusCode, http.value(forHTTPHeaderField: "Idempotent-Replayed") == "true")
    }
}
