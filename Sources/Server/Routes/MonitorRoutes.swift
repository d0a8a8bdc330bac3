import Foundation
import Hummingbird
import Monitoring
import Workflow

extension LedgerOpsServer {
    static func scope(_ request: Request, _ identity: Identity) throws -> MonitorScope {
        let text = request.uri.queryParameters.get("scope") ?? (identity.user.role == .accountant ? "personal" : "bureau")
        guard let scope = MonitorScope(rawValue: text) else {
            throw ServerError(.badRequest, "bad-scope", "scope must be personal, team or bureau")
        }
        // Accountants see their own or their team's administrations, never the whole bureau.
        if scope == .bureau && identity.user.role == .accountant {
            throw ServerError(.forbidden, "forbidden", "an accountant sees their own or their team's administrations")
        }
        return scope
    }

    static func monitorRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.get("monitor") { request, context -> Response in
            let identity = try context.require(.viewer)
            let overview = try await env.monitor.overview(user: identity.user.name, scope: try scope(request, identity),
                                                          today: env.today())
            return try JSON.response(overview)
        }
        api.get("monitor/:indicator") { request, context -> Response in
            let identity = try context.require(.viewer)
            let text = request.uri.queryParameters.get("limit")
            guard let limit = text.map({ Int($0) }) ?? 50 else {
                throw ServerError(.badRequest, "invalid-limit", "limit must be a whole number, not '\(text ?? "")'", field: "limit")
            }
            var readings = try await env.monitor.drill(try context.parameter("indicator"), user: identity.user.name,
                                                       scope: try scope(request, identity), today: env.today(), limit: limit)
            if let allowed = try await env.visible(to: identity) { readings = readings.filter { allowed.contains($0.administration) } }
            return try JSON.response(readings)
        }
    }
}
