import Foundation
import Hummingbird
import Workflow

extension LedgerOpsServer {
    struct ReviewBody: Decodable { let approve: Bool; let comment: String }
    struct DecisionBody: Decodable { let administration: String; let item: String; let take: String? }

    static func proposalRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.get("proposals") { _, context -> Response in
            _ = try context.require(.viewer)
            return try JSON.response(try await env.proposals.proposals().sorted { $0.id > $1.id })
        }
        api.get("proposals/:id") { _, context -> Response in
            _ = try context.require(.viewer)
            return try JSON.response(try await env.proposalCache.proposal(try context.number("id"), in: env.workspace))
        }
        api.post("proposals/:id/review") { request, context -> Response in
            let identity = try context.require(.reviewer)
            let body = try await request.json(ReviewBody.self)
            let p = try await env.proposals.review(try context.number("id"), approve: body.approve, comment: body.comment,
                                                   by: identity.user.name, at: env.now())
            return try JSON.response(p)
        }
        api.post("proposals/:id/decisions") { request, context -> Response in
            let identity = try context.require(.reviewer)
            let body = try await request.json(DecisionBody.self)
            let id = try context.number("id")
            try await env.proposals.decide(id, administration: body.administration, item: body.item, take: body.take,
                                           by: identity.user.name, at: env.now())
            return try JSON.response(try await env.proposals.proposal(id))
        }
        api.post("proposals/:id/distribute") { _, context -> Response in
            let identity = try context.require(.reviewer)
            return try JSON.response(try await env.distribute(try context.number("id"), by: identity.user.name))
        }
        api.get("distributions/:id") { _, context -> Response in
            _ = try context.require(.viewer)
            return try JSON.response(try await env.distribution.progressOf(try context.number("id")))
        }
        api.post("distributions/:id/resume") { _, context -> Response in
            let identity = try context.require(.reviewer)
            return try JSON.response(try await env.distribute(try context.number("id"), by: identity.user.name))
        }
        api.post("distributions/:id/abort") { _, context -> Response in
            let identity = try context.require(.admin)
            let id = try context.number("id")
            try await env.distribution.abort(id, by: identity.user.name)
            return try JSON.response(try await env.distribution.progressOf(id))
        }
        api.post("distributions/:id/skip") { request, context -> Response in
            let identity = try context.require(.reviewer)
            let id = try context.number("id")
            let body = try await request.json(SkipBody.self)
            try await env.distribution.skip(id, administration: body.administration, reason: body.reason, by: identity.user.name)
            return try JSON.response(try await env.distribution.progressOf(id))
        }
        api.post("distributions/:id/unlock") { _, context -> Response in
            let identity = try context.require(.admin)
            let id = try context.number("id")
            try await env.distribution.unlock(id, by: identity.user.name)
            return try JSON.response(try await env.distribution.progressOf(id))
        }
    }
}

/// `POST /distributions/{id}/skip`: the administration a reviewer leaves out, and why.
struct SkipBody: Decodable, Sendable {
    var administration: String
    var reason: String
}
