import Foundation
import Hummingbird
import Workflow

extension LedgerOpsServer {
    struct SignIn: Decodable { let user: String; let password: String }
    struct Me: Encodable { let user: String; let role: String; let team: String?; let csrf: String? }

    static func sessionRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.post("session") { request, context -> Response in
            let body = try await request.json(SignIn.self)
            let now = env.clock()
            guard let session = try await env.access.signIn(body.user, password: body.password, now: env.stamp(now),
                                                            expires: env.stamp(now.addingTimeInterval(env.sessionLength)))
            else { throw ServerError(.unauthorized, "bad-credentials", "the user name or password is wrong") }
            var response = try JSON.response(Me(user: session.user.name, role: session.user.role.rawValue,
                                                team: session.user.team, csrf: session.csrf))
            response.setCookie(Cookie(name: AccessMiddleware.cookie, value: session.secret, maxAge: Int(env.sessionLength),
                                      path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        api.delete("session") { request, context -> Response in
            _ = try context.require(.viewer)
            if let secret = request.cookies[AccessMiddleware.cookie]?.value {
                env.sessionCache.drop(secret)
                try await env.access.signOut(secret)
            }
            var response = Response(status: .noContent)
            response.setCookie(Cookie(name: AccessMiddleware.cookie, value: "", maxAge: 0, path: "/", httpOnly: true,
                                      sameSite: .strict))
            return response
        }
        api.get("me") { _, context -> Response in
            let identity = try context.require(.viewer)
            var csrf: String?
            if case .session(let token) = identity.via { csrf = token }
            return try JSON.response(Me(user: identity.user.name, role: identity.user.role.rawValue, team: identity.user.team,
                                        csrf: csrf))
        }
    }
}
