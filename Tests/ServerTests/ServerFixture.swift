import Foundation
import Hummingbird
import Server
import TestSupport
import Workflow
import Workspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A workspace with users of every role and a server on 127.0.0.1:0, spoken to with URLSession.
final class ServerFixture: Sendable {
    let directory: String
    let workspace: Workspace
    let port: Int
    let task: Task<Void, any Error>
    /// No cookie jar: each request carries exactly the session it is given (all fixtures share 127.0.0.1).
    let client: URLSession
    /// The same, but a redirect is returned rather than followed (form posts answer 303).
    let noRedirects: URLSession
    static let password = "correct horse battery"

    init() async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        client = URLSession(configuration: configuration)
        noRedirects = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-server-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        for (id, cluster) in [("m1", "mkb"), ("m2", "mkb"), ("h1", "horeca")] {
            _ = try await workspace.createAdministration(id: id, name: id.uppercased(), cluster: cluster, openYear: 2026)
        }
        let users = UserService(store: workspace.store)
        let access = AccessService(store: workspace.store, cost: 1 << 10)
        for (name, role, team) in [("ada", Role.admin, nil), ("rita", .reviewer, nil), ("anna", .accountant, "noord"),
                                   ("bob", .accountant, "noord"), ("cees", .accountant, "zuid"), ("vera", .viewer, nil)] as [(String, Role, String?)] {
            try await users.save(User(name: name, email: "\(name)@bureau.example", role: role, team: team), by: "bootstrap", at: "t0")
            try await access.setPassword(name, Self.password, by: "bootstrap", at: "t0")
        }
        try await users.assign("anna", to: "m1", by: "ada", at: "t0")
        try await users.assign("bob", to: "m2", by: "ada", at: "t0")
        try await users.assign("cees", to: "h1", by: "ada", at: "t0")
        let env = ServerEnvironment(workspace: workspace, access: access,
                                    clock: { Date(timeIntervalSince1970: 1_795_000_000) })  // 2026-11-18
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = LedgerOpsServer.application(env, host: "127.0.0.1", port: 0, logLevel: .critical) { port in
            continuation.yield(port)
        }
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var bound = 0
        for await p in stream { bound = p; break }
        port = bound
    }

    func stop() {
        task.cancel()
        try? FileManager.default.removeItem(atPath: directory)
    }

    struct Reply: Sendable {
        let status: Int
        let body: Data
        let headers: [String: String]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] ?? [] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    /// A signed-in caller: the session cookie and its CSRF token.
    struct Session: Sendable { let cookie: String; let csrf: String }

    func request(_ method: String, _ path: String, body: String? = nil, session: Session? = nil, csrf: Bool = true,
                 token: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let session {
            request.setValue(session.cookie, forHTTPHeaderField: "Cookie")
            if csrf { request.setValue(session.csrf, forHTTPHeaderField: "X-CSRF-Token") }
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await client.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return Reply(status: http.statusCode, body: data, headers: headers)
    }

    func signIn(_ user: String) async throws -> Session {
        let reply = try await request("POST", "/api/v1/session", body: #"{"user": "\#(user)", "password": "\#(Self.password)"}"#)
        precondition(reply.status == 200, "sign-in of \(user) failed: \(String(decoding: reply.body, as: UTF8.self))")
        let cookie = reply.headers["set-cookie"]!.split(separator: ";")[0]
        return Session(cookie: String(cookie), csrf: reply.json["csrf"] as! String)
    }
}

/// Stops URLSession from following redirects.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
