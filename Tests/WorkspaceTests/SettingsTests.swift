import Foundation
import Ledger
import Testing
import Workspace

@Suite struct SettingsTests {
    static let header = "templates:\n  branch: main\n"

    func directory(_ yaml: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-settings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try yaml.write(toFile: (dir as NSString).appendingPathComponent(WorkspaceSettings.fileName), atomically: true,
                       encoding: .utf8)
        return dir
    }

    @Test func webhooksAreReadWithTheirDefaults() throws {
        let dir = try directory(Self.header + """
            webhooks:
              - name: slack-ops
                url: http://127.0.0.1:9000/hook
                secretEnv: LEDGEROPS_WEBHOOK_SECRET
              - name: audit.mirror
                url: https://hooks.example/ledgerops
                secret: literal-secret
                events: [distribution.failed, passes.failing]

            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let hooks = try WorkspaceSettings.read(from: dir).webhooks
        #expect(hooks.map(\.name) == ["slack-ops", "audit.mirror"])
        #expect(hooks[0].events == nil && hooks[0].wants(.passesRecovered))
        #expect(hooks[0].resolvedSecret(in: ["LEDGEROPS_WEBHOOK_SECRET": "s3"]) == "s3")
        #expect(hooks[0].resolvedSecret(in: [:]) == nil)
        #expect(hooks[1].events == [.distributionFailed, .passesFailing] && !hooks[1].wants(.proposalWaiting))
        #expect(hooks[1].resolvedSecret(in: [:]) == "literal-secret")
    }

    @Test func theWriterAndTheReaderAgree() throws {
        let dir = try directory("")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = WorkspaceSettings(branch: "main", remote: "https://git.example/templates.git")
        settings.webhooks = [
            WebhookSetting(name: "slack-ops", url: try #require(URL(string: "http://127.0.0.1:9000/hook?x=1&y=2")),
                           secretEnv: "LEDGEROPS_WEBHOOK_SECRET"),
            WebhookSetting(name: "b", url: try #require(URL(string: "https://hooks.example/a#b")),
                           secret: "a: b # \"c\" 'd' \\ é", events: [.distributionDone, .proposalWaiting]),
        ]
        try settings.write(to: dir)
        #expect(try WorkspaceSettings.read(from: dir) == settings)
        settings.webhooks = []
        try settings.write(to: dir)
        #expect(try WorkspaceSettings.read(from: dir) == settings)
    }

    static let known = "proposal.waiting, distribution.paused, distribution.failed, distribution.done, passes.failing, "
        + "passes.recovered"

    /// A `webhooks:` block and the message it is refused with.
    @Test(arguments: [
        ("- url: http://127.0.0.1/h\n  secret: s", "webhooks[0].name: missing; give each webhook a unique name"),
        ("- name: ''\n  url: http://127.0.0.1/h\n  secret: s", "webhooks[0].name: missing; give each webhook a unique name"),
        ("- name: slack ops\n  url: http://127.0.0.1/h\n  secret: s",
         "webhooks[0].name: 'slack ops' may hold only letters, digits, '-', '_' and '.'"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n- name: a\n  url: http://127.0.0.1/i\n  secret: s",
         "webhooks[1].name: 'a' is already the name of webhooks[0]; names must be unique"),
        ("- name: a\n  secret: s", "webhooks[0].url: missing; give the http or https URL to post to"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n- name: b\n  url: ftp://example.com/hook\n  secret: s",
         "webhooks[1].url: 'ftp://example.com/hook' is not an http or https URL"),
        ("- name: a\n  url: 127.0.0.1:9000/hook\n  secret: s", "webhooks[0].url: '127.0.0.1:9000/hook' is not an http or https URL"),
        ("- name: a\n  url: http:///hook\n  secret: s", "webhooks[0].url: 'http:///hook' is not an http or https URL"),
        ("- name: a\n  url: http://127.0.0.1/h",
         "webhooks[0].secret: missing; give secretEnv (the environment variable holding the HMAC key) or secret"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n  secretEnv: S", "webhooks[0].secret: give secretEnv or secret, not both"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secretEnv: ''", "webhooks[0].secretEnv: empty; name an environment variable"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n  events: [proposal.waiting, distribution.waiting]",
         "webhooks[0].events[1]: unknown event 'distribution.waiting'; known events: \(known)"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n  events: []", "webhooks[0].events: empty; leave it out to send every event"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secretenv: S",
         "webhooks[0].secretenv: unknown field; known fields: name, url, secretEnv, secret, events"),
        ("- name: a\n  url: http://127.0.0.1/h\n  secret: s\n  events: proposal.waiting", "webhooks[0].events: expected a list"),
        ("- name: [a]\n  url: http://127.0.0.1/h\n  secret: s", "webhooks[0].name: expected a single value"),
        ("- [a, b]", "webhooks[0]: expected fields (name: value)"),
        ("slack-ops", "webhooks: expected a list"),
    ])
    func badWebhooksAreRefusedNamingTheField(block: String, message: String) throws {
        let indented = block.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n")
        let dir = try directory(Self.header + "webhooks:\n" + indented + "\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try #require(throws: LedgerError.self) { try WorkspaceSettings.read(from: dir) }
        #expect(error.code == "invalid-settings")
        #expect(error.message == message)
    }
}
