import Foundation
import Hummingbird
import Logging
import Workflow

/// For every request: an id for the logs, the identity from the session cookie or a bearer token, the CSRF check on
/// a session's unsafe requests, domain errors turned into JSON errors, and the request counted for `/metrics`.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let env: ServerEnvironment
    static let cookie = "ledgerops_session"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.requestID = request.headers[.init("X-Request-Id")!] ?? String(UUID().uuidString.prefix(8)).lowercased()
        context.logger[metadataKey: "request"] = .string(context.requestID)
        let route = context.endpointPath ?? request.uri.path
        let started = ContinuousClock.now
        var request = request
        do {
            context.identity = try await identify(request)
            // Signing in again while signed in uses no session, so it needs no CSRF token.
            let signingIn = request.method == .post && (request.uri.path == "/login" || request.uri.path == "/api/v1/session")
            if case .session(let csrf)? = context.identity?.via, ![.get, .head, .options].contains(request.method), !signingIn {
                // API calls send the token in a header; the web UI's forms in a hidden field.
                var given = request.headers[.init("X-CSRF-Token")!]
                if given == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                    let body = try await request.collectBody(upTo: 1 << 20)
                    given = Form(String(buffer: body))["_csrf"]
                } else if given == nil, request.headers[.contentType]?.hasPrefix("multipart/form-data") == true {
                    // An upload: the token is a field of the form, beside the file (64 MB at most).
                    let body = try await request.collectBody(upTo: 64 << 20)
                    given = Multipart(contentType: request.headers[.contentType], body: Array(buffer: body))?["_csrf"]
                        .map { String(decoding: $0.data, as: UTF8.self) }
                }
                guard given == csrf else {
                    throw ServerError(.forbidden, "csrf", "this request needs the session's CSRF token in X-CSRF-Token")
                }
            }
            var response = try await next(request, context)
            response.headers[.init("X-Request-Id")!] = context.requestID
            env.metrics.request(route: route, method: request.method.rawValue, status: response.status.code)
            log(request, context, status: response.status.code, started: started)
            return response
        } catch {
            let mapped = ServerError.from(error)
            if mapped.status.code >= 500 { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            env.metrics.request(route: route, method: request.method.rawValue, status: mapped.status.code)
            var response = try mapped.response(from: request, context: context)
            response.headers[.init("X-Request-Id")!] = context.requestID
            log(request, context, status: mapped.status.code, started: started)
            return response
        }
    }

    /// One structured line per request: method, path, status, duration, user; the request id is in the metadata.
    func log(_ request: Request, _ context: AppContext, status: Int, started: ContinuousClock.Instant) {
        guard context.logger.logLevel <= .info else { return }
        let elapsed = started.duration(to: .now)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(status),
            "ms": .string(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
            "user": .string(context.identity?.user.name ?? "-"),
        ])
    }

    func identify(_ request: Request) async throws -> Identity? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            guard let (user, token) = try await env.access.authenticate(token: String(header.dropFirst(7))) else {
                throw ServerError(.unauthorized, "bad-token", "the bearer token is unknown or revoked")
            }
            return Identity(user: user, via: .token(administrations: token.administrations.map(Set.init)))
        }
        if let secret = request.cookies[Self.cookie]?.value {
            let now = env.clock()
            if let known = env.sessionCache.get(secret, now: now), known.expires > env.stamp(now) {
                return Identity(user: known.user, via: .session(csrf: known.csrf))
            }
            guard let session = try await env.access.session(secret, now: env.stamp(now)) else { return nil }
            env.sessionCache.put(secret, session, now: now)
            return Identity(user: session.user, via: .session(csrf: session.csrf))
        }
        return nil
    }
}
