import Foundation
import GitSource
import Testing
import TestSupport
import Workflow

/// The JSON API on loopback: sign-in, roles on every route, CSRF, narrowed tokens, bad input, unknown ids, and a
/// template change from hook to approval to distribution.
@Suite struct APITests {
    @Test func healthMetricsAndSigningIn() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        #expect(try await f.request("GET", "/healthz").status == 200)
        let anonymous = try await f.request("GET", "/api/v1/administrations")
        #expect(anonymous.status == 401 && anonymous.errorCode == "unauthorized" && anonymous.headers["x-request-id"] != nil)
        let wrong = try await f.request("POST", "/api/v1/session", body: #"{"user": "rita", "password": "not it at all"}"#)
        #expect(wrong.status == 401 && wrong.errorCode == "bad-credentials")
        let nobody = try await f.request("POST", "/api/v1/session", body: #"{"user": "nobody", "password": "not it at all"}"#)
        #expect(nobody.status == 401 && nobody.errorCode == "bad-credentials")
        let bad = try await f.request("POST", "/api/v1/session", body: #"{"user": "rita""#)
        #expect(bad.status == 400 && bad.errorCode == "bad-json")
        let good = try await f.request("POST", "/api/v1/session", body: #"{"user": "rita", "password": "\#(ServerFixture.password)"}"#)
        #expect(good.status == 200 && good.json["role"] as? String == "reviewer")
        let cookie = try #require(good.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let session = try await f.signIn("rita")
        #expect(try await f.request("GET", "/api/v1/me", session: session).json["user"] as? String == "rita")
        // Signing in again while signed in (old cookie still sent, no CSRF token) works.
        let again = try await f.request("POST", "/api/v1/session", body: #"{"user": "vera", "password": "\#(ServerFixture.password)"}"#,
                                        session: session, csrf: false)
        #expect(again.status == 200 && again.json["user"] as? String == "vera")
        #expect(try await f.request("DELETE", "/api/v1/session", session: session).status == 204)
        #expect(try await f.request("GET", "/api/v1/me", session: session).status == 401)
        let metrics = String(decoding: try await f.request("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("ledgerops_http_requests_total{route=\"/api/v1/session\",method=\"POST\",status=\"401\"} 2"))
    }

    /// Route × role, every API route: allowed, or refused as designed (401 without identity, 403 below the role).
    @Test(arguments: [
        ("GET", "/api/v1/me", "viewer"), ("DELETE", "/api/v1/session", "viewer"),
        ("GET", "/api/v1/administrations", "viewer"), ("GET", "/api/v1/administrations/m1", "viewer"),
        ("GET", "/api/v1/administrations/m1/plan", "viewer"),
        ("GET", "/api/v1/administrations/m1/reports/balance-sheet?period=2026", "viewer"),
        ("GET", "/api/v1/administrations/m1/reports/vat-return?period=2026-Q3", "viewer"),
        ("GET", "/api/v1/proposals", "viewer"), ("GET", "/api/v1/proposals/999", "viewer"),
        ("POST", "/api/v1/proposals/999/review", "reviewer"), ("POST", "/api/v1/proposals/999/decisions", "reviewer"),
        ("POST", "/api/v1/proposals/999/distribute", "reviewer"),
        ("GET", "/api/v1/distributions/999", "viewer"), ("POST", "/api/v1/distributions/999/resume", "reviewer"),
        ("POST", "/api/v1/distributions/999/abort", "admin"),
        ("GET", "/api/v1/monitor", "viewer"), ("GET", "/api/v1/monitor/bank.unprocessed-lines", "viewer"),
        ("GET", "/api/v1/audit", "reviewer"), ("GET", "/api/v1/audit/verify", "reviewer"), ("GET", "/api/v1/users", "admin"),
        ("GET", "/api/v1/tokens", "viewer"), ("POST", "/api/v1/tokens", "admin"), ("DELETE", "/api/v1/tokens/999", "admin"),
    ])
    func everyRouteChecksTheRole(method: String, path: String, needs: String) async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let order = ["viewer": 0, "accountant": 1, "reviewer": 2, "admin": 3]
        let body = method == "POST" ? (path.hasSuffix("review") ? #"{"approve": true, "comment": "ok"}"#
            : path.hasSuffix("tokens") ? #"{"name": "crm", "user": "anna"}"#
            : path.hasSuffix("decisions") ? #"{"administration": "m1", "item": "accounts:1", "take": "local"}"# : "{}") : nil
        #expect(try await f.request(method, path, body: body).status == 401, "\(path) without a session")
        for (user, role) in [("vera", "viewer"), ("anna", "accountant"), ("rita", "reviewer"), ("ada", "admin")] {
            let reply = try await f.request(method, path, body: body, session: try await f.signIn(user))
            if order[role]! < order[needs]! {
                #expect(reply.status == 403 && reply.errorCode == "forbidden", "\(user) on \(method) \(path): \(reply.status)")
            } else {
                // Allowed: the route answers (200, 201 or 204, or 404 for the unknown proposal, distribution or token 999).
                #expect([200, 201, 204, 404].contains(reply.status), "\(user) on \(method) \(path): \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
                if path.contains("999") && !path.hasPrefix("/api/v1/distributions/999") || path.contains("999/") {
                    #expect(reply.status == 404 && reply.errorCode == "not-found", "\(user) on \(method) \(path): \(reply.status)")
                }
            }
        }
    }

    @Test func csrfAccountantScopeAndNarrowedTokens() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let rita = try await f.signIn("rita")
        let noToken = try await f.request("POST", "/api/v1/proposals/1/review", body: #"{"approve": true, "comment": "x"}"#,
                                          session: rita, csrf: false)
        #expect(noToken.status == 403 && noToken.errorCode == "csrf")
        // An accountant sees their own and their team's administrations only.
        let anna = try await f.signIn("anna")
        let mine = try await f.request("GET", "/api/v1/administrations", session: anna).array.map { $0["id"] as! String }
        #expect(Set(mine) == ["m1", "m2"])
        let other = try await f.request("GET", "/api/v1/administrations/h1", session: anna)
        #expect(other.status == 403 && other.errorCode == "not-yours")
        #expect(try await f.request("GET", "/api/v1/monitor?scope=bureau", session: anna).status == 403)
        #expect(try await f.request("GET", "/api/v1/monitor?scope=team", session: anna).json["administrations"] as? Int == 2)
        // A token narrowed to m1, created by an admin and shown once.
        let ada = try await f.signIn("ada")
        let created = try await f.request("POST", "/api/v1/tokens", body: #"{"name": "crm", "user": "vera", "administrations": ["m1"]}"#,
                                          session: ada)
        #expect(created.status == 201)
        let secret = try #require(created.json["secret"] as? String)
        #expect(try await f.request("GET", "/api/v1/administrations/m1", token: secret).status == 200)
        let refused = try await f.request("GET", "/api/v1/administrations/m2", token: secret)
        #expect(refused.status == 403 && refused.errorCode == "not-yours")
        #expect(try await f.request("GET", "/api/v1/administrations", token: secret).array.count == 1)
        #expect(try await f.request("GET", "/api/v1/administrations/m1", token: "lop_forged").status == 401)
        // Tokens need no CSRF token; the stored form is not the secret.
        let tokens = try await f.request("GET", "/api/v1/tokens", session: ada)
        #expect(!String(decoding: tokens.body, as: UTF8.self).contains(secret))
        let id = try #require((created.json["token"] as? [String: Any])?["id"] as? Int)
        #expect(try await f.request("DELETE", "/api/v1/tokens/\(id)", session: ada).status == 204)
        #expect(try await f.request("GET", "/api/v1/administrations/m1", token: secret).status == 401)
    }

    @Test func unknownIdsAndBadInput() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let ada = try await f.signIn("ada")
        #expect(try await f.request("GET", "/api/v1/administrations/nope", session: ada).status == 404)
        #expect(try await f.request("GET", "/api/v1/proposals/42", session: ada).status == 404)
        #expect(try await f.request("GET", "/api/v1/proposals/abc", session: ada).status == 404)
        #expect(try await f.request("GET", "/api/v1/monitor/no.such", session: ada).status == 404)
        #expect(try await f.request("GET", "/api/v1/administrations/m1/reports/nonsense", session: ada).status == 404)
        let period = try await f.request("GET", "/api/v1/administrations/m1/reports/profit-and-loss?period=26", session: ada)
        #expect(period.status == 400 && period.errorCode == "invalid-period")
        let review = try await f.request("POST", "/api/v1/proposals/1/review", body: #"{"approve": "yes"}"#, session: ada)
        #expect(review.status == 400 && review.errorCode == "bad-json")
    }

    @Test func aTemplateChangeFromHookToDistribution() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let ada = try await f.signIn("ada")
        let hookToken = try #require(try await f.request("POST", "/api/v1/tokens", body: #"{"name": "git", "user": "ada"}"#,
                                                         session: ada).json["secret"] as? String)
        #expect(try await f.request("POST", "/api/v1/hooks/git", session: ada).status == 401)  // a hook takes a token
        let first = try await f.request("POST", "/api/v1/hooks/git", token: hookToken)
        #expect(first.status == 200 && first.json["proposed"] == nil)
        let old = String(decoding: try f.workspace.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        try f.workspace.templates.commit([.write(path: "templates/mkb/accounts.csv",
                                                 contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                         message: "New account\n",
                                         author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_000))
        let hook = try await f.request("POST", "/api/v1/hooks/git", token: hookToken)
        let id = try #require(hook.json["proposed"] as? Int)
        let rita = try await f.signIn("rita")
        let approved = try await f.request("POST", "/api/v1/proposals/\(id)/review", body: #"{"approve": true, "comment": "fine"}"#,
                                           session: rita)
        #expect(approved.status == 200 && approved.json["state"] as? String == "approved")
        let distributed = try await f.request("POST", "/api/v1/proposals/\(id)/distribute", session: ada)
        #expect(distributed.status == 200 && distributed.json["state"] as? String == "done" && distributed.json["applied"] as? Int == 2)
        _ = try await f.request("POST", "/api/v1/hooks/git", token: hookToken)
        for admin in ["m1", "m2"] {
            #expect(try await f.request("GET", "/api/v1/administrations/\(admin)", session: ada).json["status"] as? String == "Synced")
        }
        let verify = try await f.request("GET", "/api/v1/audit/verify", session: rita)
        #expect(verify.json["intact"] as? Bool == true)
    }
}
