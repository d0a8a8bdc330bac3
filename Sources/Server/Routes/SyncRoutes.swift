import Core
import Foundation
import Hummingbird
import Sync
import Workflow

extension LedgerOpsServer {
    /// The CRM sync under `/api/v1/administrations/{id}/…`: relations, cost centres and invoices written (at least an
    /// accountant, each write with an `Idempotency-Key`), open items and the change feed read (a viewer).
    static func syncRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.put("administrations/:id/relations/:number") { request, context -> Response in
            let (id, key) = try await writeAccess(request, context, env)
            let reply = try await env.sync.upsertRelation(try await body(request), number: try context.parameter("number"),
                                                          in: id, idempotencyKey: key)
            return try sync(reply, created: reply.body.created)
        }
        api.put("administrations/:id/cost-centres/:code") { request, context -> Response in
            let (id, key) = try await writeAccess(request, context, env)
            let reply = try await env.sync.upsertCostCentre(try await body(request), code: try context.parameter("code"),
                                                            in: id, idempotencyKey: key)
            return try sync(reply, created: reply.body.created)
        }
        api.post("administrations/:id/invoices") { request, context -> Response in
            let (id, key) = try await writeAccess(request, context, env)
            let reply = try await env.sync.postInvoice(try await body(request), to: id, idempotencyKey: key)
            return try sync(reply, created: reply.body.created)
        }
        api.get("administrations/:id/open-items") { request, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            var side: OpenItemSide? = nil
            if let text = request.uri.queryParameters.get("side") {
                guard let s = OpenItemSide(rawValue: text) else {
                    throw ServerError(.badRequest, "invalid-field", "side: '\(text)' is not receivable or payable", field: "side")
                }
                side = s
            }
            let relation = request.uri.queryParameters.get("relation").flatMap { $0.isEmpty ? nil : $0 }
            return try JSON.response(try await env.sync.openItems(id, relation: relation, side: side, today: env.today()))
        }
        api.get("administrations/:id/changes") { request, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let since = try number(request, "since") ?? 0
            let limit = try number(request, "limit").map(Int.init) ?? 1000
            return try JSON.response(try await env.sync.changes(id, since: since, today: env.today(), limit: limit))
        }
    }

    /// A write's guards: an accountant or more, the administration among theirs, and the idempotency key.
    private static func writeAccess(_ request: Request, _ context: AppContext, _ env: ServerEnvironment) async throws
        -> (String, String)
    {
        let identity = try context.require(.accountant)
        let id = try context.parameter("id")
        try await env.check(id, for: identity)
        guard let key = request.headers[.init("Idempotency-Key")!], !key.isEmpty else {
            throw ServerError(.badRequest, "missing-idempotency-key", "Idempotency-Key: every write needs an idempotency "
                + "key header; send the same key to retry the same request safely", field: "Idempotency-Key")
        }
        return (id, key)
    }

    private static func body(_ request: Request) async throws -> Data {
        var copy = request
        return Data(try await copy.collectBody(upTo: 1 << 20).readableBytesView)
    }

    private static func number(_ request: Request, _ name: String) throws -> Int64? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let value = Int64(text) else {
            throw ServerError(.badRequest, "invalid-field", "\(name): '\(text)' is not a whole number", field: name)
        }
        return value
    }

    /// 201 for what the write created, 200 for an update; a replay is marked `Idempotent-Replayed: true`.
    private static func sync(_ reply: SyncReply<some Encodable & Sendable & Decodable & Equatable>, created: Bool) throws
        -> Response
    {
        var response = try JSON.response(reply.body, status: created ? .created : .ok)
        if reply.replayed { response.headers[.init("Idempotent-Replayed")!] = "true" }
        return response
    }
}
