import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Synchronization
import Workspace

extension WebhookDispatcher {
    /// How one event's delivery ended.
    enum Outcome: Equatable {
        /// A 2xx answer.
        case delivered
        /// A 3xx or 4xx answer other than 429: sending it again will not help.
        case refused
        /// Every attempt met a connection error, a timeout, a 5xx or a 429.
        case exhausted
    }

    /// One session per request timeout for every dispatcher: a session with a delegate lives until the process
    /// ends, and on Linux a request's own `timeoutInterval` is ignored in favour of the session's.
    private static let sessions = Mutex<[Duration: URLSession]>([:])

    private static func session(timeout: Duration) -> URLSession {
        sessions.withLock { cache in
            if let session = cache[timeout] { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpShouldSetCookies = false
            configuration.httpCookieStorage = nil
            configuration.urlCache = nil
            configuration.timeoutIntervalForRequest = timeout.seconds
            let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
            cache[timeout] = session
            return session
        }
    }

    /// Posts `message` to `webhook`, signed, trying up to `policy.attempts` times with back-off in between.
    func send(_ message: WebhookMessage, to webhook: WebhookSetting, secret: String, delivery: String) async -> Outcome {
        let metadata: Logger.Metadata = ["webhook": "\(webhook.name)", "delivery": "\(delivery)",
                                         "event": "\(message.event.rawValue)"]
        let body: Data
        do { body = try message.body() } catch {
            logger.error("cannot encode the event: \(error)", metadata: metadata)
            return .refused
        }
        let attempts = max(1, policy.attempts)
        for attempt in 1...attempts {
            if attempt > 1 { await sleep(policy.delay(after: attempt - 1)) }
            if Task.isCancelled { return .exhausted }
            let timestamp = String(Int64(clock().timeIntervalSince1970))
            var request = URLRequest(url: webhook.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                     timeoutInterval: policy.requestTimeout.seconds)
            request.httpMethod = "POST"
            request.httpBody = body
            for (field, value) in [("Content-Type", "application/json"), ("User-Agent", "LedgerOps"),
                                   ("X-LedgerOps-Event", message.event.rawValue), ("X-LedgerOps-Delivery", delivery),
                                   ("X-LedgerOps-Timestamp", timestamp),
                                   ("X-LedgerOps-Signature", WebhookSignature.sign(body: body, timestamp: timestamp,
                                                                                   secret: secret))] {
                request.setValue(value, forHTTPHeaderField: field)
            }
            let problem: String
            do {
                let (_, response) = try await Self.session(timeout: policy.requestTimeout).data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                switch status {
                case 200..<300:
                    logger.debug("delivered on attempt \(attempt)", metadata: metadata)
                    return .delivered
                case 429, 500..<600, 0:
                    problem = status == 0 ? "no HTTP answer" : "HTTP \(status)"
                default:
                    logger.error("refused with HTTP \(status); skipped, it will not be sent again", metadata: metadata)
                    return .refused
                }
            } catch {
                problem = (error as? URLError).map { "\($0.code == .timedOut ? "timed out" : "cannot connect") (\($0.code.rawValue))" }
                    ?? "\(error)"
            }
            logger.warning("attempt \(attempt) of \(attempts) failed: \(problem)", metadata: metadata)
        }
        logger.error("not delivered after \(attempts) attempts", metadata: metadata)
        return .exhausted
    }
}

/// Redirects are not followed: a webhook answers where it is configured, or the delivery is refused.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

extension Duration {
    /// This duration in (fractional) seconds, as Foundation's time intervals count.
    var seconds: TimeInterval {
        let (s, attoseconds) = components
        return TimeInterval(s) + TimeInterval(attoseconds) / 1e18
    }
}
