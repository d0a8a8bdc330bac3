import Foundation
import Hummingbird
import Store
import Workflow

extension LedgerOpsServer {
    struct TokenBody: Decodable { let name: String; let user: String; let administrations: [String]? }
    struct CreatedToken: Encodable { let token: TokenRecord; let secret: String }
    struct Verified: Encodable { let records: Int; let intact: Bool; let brokenAt: Int64?; let reason: String? }
    struct HookResult: Encodable { let revision: String; let counts: [String: Int]; let proposed: Int64? }

    static func adminRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.get("audit") { request, context -> Response in
            _ = try context.require(.reviewer)
            let since = request.uri.queryParameters.get("since")
            return try JSON.response(try await env.workspace.store.read { tx in try tx.auditRecords(since: since) })
        }
        api.get("audit/verify") { _, context -> Response in
            _ = try context.require(.reviewer)
            let records = try await env.workspace.store.read { tx in try tx.auditRecords() }
            let broken = AuditLog.verify(records)
            return try JSON.response(Verified(records: records.count, intact: broken == nil, brokenAt: broken?.seq,
                                              reason: broken?.reason))
        }
        api.get("users") { _, context -> Response in
            _ = try context.require(.admin)
            return try JSON.response(try await env.users.users())
        }
        api.get("tokens") { _, context -> Response in
            let identity = try context.require(.viewer)
            return try JSON.response(try await env.access.tokens(user: identity.user.role == .admin ? nil : identity.user.name))
        }
        api.post("tokens") { request, context -> Response in
            let identity = try context.require(.admin)
            let body = try await request.json(TokenBody.self)
            let created = try await env.access.createToken(body.name, for: body.user, administrations: body.administrations,
                                                           by: identity.user.name, at: env.now())
            return try JSON.response(CreatedToken(token: created.token, secret: created.secret), status: .created)
        }
        api.delete("tokens/:id") { _, context -> Response in
            let identity = try context.require(.admin)
            try await env.access.revokeToken(try context.number("id"), by: identity.user.name, at: env.now())
            return Response(status: .noContent)
        }
        // After a push: reconcile now (and propose what is new), instead of waiting for the timer.
        api.post("hooks/git") { _, context -> Response in
            guard let identity = context.identity, case .token = identity.via else {
                throw ServerError(.unauthorized, "token-required", "the git hook takes a bearer token")
            }
            _ = try context.require(.admin)
            let summary = try await env.reconciler.pass(now: env.now())
            env.metrics.pass(seconds: 0, statuses: Dictionary(summary.counts.map { ($0.key.rawValue, $0.value) },
                                                              uniquingKeysWith: { a, _ in a }))
            let proposed = try await env.proposals.propose(by: "reconciler", at: env.now())?.id
            return try JSON.response(HookResult(revision: summary.revision,
                                                counts: Dictionary(summary.counts.map { ($0.key.rawValue, $0.value) },
                                                                   uniquingKeysWith: { a, _ in a }),
                                                proposed: proposed))
        }
    }
}
