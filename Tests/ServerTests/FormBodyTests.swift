import Foundation
import Testing

/// Issue 19, first finding: a form body of `=` (no sign-in needed) trapped in the form parser and took the server
/// down. Each of these bodies is answered, and the server keeps serving.
@Suite struct FormBodyTests {
    @Test(arguments: ["=", "==", "=x", "&=&", "&&", "user", "user=&=pw", "%=%"])
    func aMalformedFormBodyIsAnsweredNotFatal(body: String) async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let reply = try await WebTests().form(f, "/login", body)
        #expect((200..<500).contains(reply.status), "POST /login with '\(body)': \(reply.status)")
        #expect(try await f.request("GET", "/healthz").status == 200)
    }
}
