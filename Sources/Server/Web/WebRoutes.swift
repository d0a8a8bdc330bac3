import Core
import Foundation
import Hummingbird
import Ledger
import Monitoring
import Reconciler
import Reporting
import Store
import Workflow

/// The web UI: server-rendered pages over the same services as the API. Every page needs a session; forms carry
/// the session's CSRF token.
extension LedgerOpsServer {
    static func money(_ minor: Int64) -> String { Money.formatGrouped(minor, digits: 2) }

    static func webRoutes(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("/") { _, _ in Page.redirect("/monitor") }
        router.get("login") { request, _ in
            Page.html("login", title: "Sign in", ["next": request.uri.queryParameters.get("next") ?? "/monitor"], identity: nil)
        }
        router.post("login") { request, _ -> Response in
            var request = request
            let form = Form(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let now = env.clock()
            guard let user = form["user"], let password = form["password"],
                  let session = try await env.access.signIn(user, password: password, now: env.stamp(now),
                                                            expires: env.stamp(now.addingTimeInterval(env.sessionLength)))
            else {
                return Page.html("login", title: "Sign in", ["error": "The user name or password is wrong.", "next": form["next"] ?? "/monitor"],
                                 identity: nil, status: .unauthorized)
            }
            let next = form["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/monitor"
            var response = Page.redirect(next)
            response.setCookie(Cookie(name: AccessMiddleware.cookie, value: session.secret, maxAge: Int(env.sessionLength),
                                      path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("logout") { request, _ -> Response in
            if let secret = request.cookies[AccessMiddleware.cookie]?.value {
                env.sessionCache.drop(secret)
                try await env.access.signOut(secret)
            }
            var response = Page.redirect("/login")
            response.setCookie(Cookie(name: AccessMiddleware.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        monitorPages(router, env)
        clusterPages(router, env)
        proposalPages(router, env)
        administrationPages(router, env)
        bankPages(router, env)
        groupPages(router, env)
        router.get("audit") { request, context -> Response in
            guard let identity = context.identity else { return Page.redirect("/login?next=/audit") }
            _ = try context.require(.reviewer)
            let records = try await env.workspace.store.read { tx in try tx.auditRecords() }
            let broken = AuditLog.verify(records)
            return Page.html("audit", title: "Audit log", [
                "intact": broken == nil,
                "verdict": broken.map { "broken at record \($0.seq): \($0.reason)" } ?? "verified: \(records.count) records, chain intact",
                "records": records.suffix(200).reversed().map { r -> [String: Any] in
                    ["seq": r.seq, "time": r.time, "actor": r.actor, "action": r.action, "subject": r.subject]
                },
            ], identity: identity)
        }
    }
}
