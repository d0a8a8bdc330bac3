import Foundation
import Hummingbird
import Logging
import Notifications
import Synchronization

/// A webhook receiver on 127.0.0.1: checks each request's signature with the secret, records it, and answers with
/// the next status of its script (200 once the script is used up).
final class Receiver: Sendable {
    /// One request as it arrived.
    struct Arrival: Sendable {
        let status: Int
        let event: String
        let delivery: String
        let timestamp: String
        let contentType: String
        let userAgent: String
        let body: Data
        let signatureValid: Bool
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// The script and what arrived, shared with the route.
    private final class Log: Sendable {
        struct State {
            var answers: [Int]
            var requests: [Arrival] = []
        }

        let state: Mutex<State>
        init(answers: [Int]) { state = Mutex(State(answers: answers)) }
    }

    let port: Int
    private let task: Task<Void, any Error>
    private let log: Log

    /// Starts a receiver on `port` (0: any free port).
    init(secret: String, answers: [Int] = [], port: Int = 0) async throws {
        let log = Log(answers: answers)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = Data(buffer.readableBytesView)
            func header(_ name: String) -> String {
                request.headers.first { $0.name.canonicalName == name.lowercased() }?.value ?? ""
            }
            let valid = WebhookSignature.verify(body: body, timestamp: header("X-LedgerOps-Timestamp"),
                                                signature: header("X-LedgerOps-Signature"), secret: secret)
            let status = log.state.withLock { s in
                let status = s.answers.isEmpty ? 200 : s.answers.removeFirst()
                s.requests.append(Arrival(status: status, event: header("X-LedgerOps-Event"),
                                          delivery: header("X-LedgerOps-Delivery"),
                                          timestamp: header("X-LedgerOps-Timestamp"), contentType: header("Content-Type"),
                                          userAgent: header("User-Agent"), body: body, signatureValid: valid))
                return status
            }
            return Response(status: .init(code: status))
        }
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port) },
                              logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var bound = 0
        for await p in stream { bound = p; break }
        self.port = bound
        self.log = log
    }

    /// Every request so far, the refused ones too.
    var requests: [Arrival] { log.state.withLock { $0.requests } }
    /// The requests it accepted (answered 2xx).
    var accepted: [Arrival] { requests.filter { (200..<300).contains($0.status) } }
    /// Where a webhook posts to it.
    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Stops listening; returns once the port is closed.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
