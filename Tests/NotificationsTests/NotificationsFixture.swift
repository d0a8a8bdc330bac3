import Foundation
import GitSource
import Logging
import Notifications
import Store
import Synchronization
import TestSupport
import Workflow
import Workspace

/// A workspace with two mkb administrations and one horeca, where template commits become proposals.
struct NotificationsFixture {
    static let secret = "test-secret"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let workspace: Workspace
    let directory: String

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-hooks-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        for (id, cluster) in [("m1", "mkb"), ("m2", "mkb"), ("h1", "horeca")] {
            try await workspace.createAdministration(id: id, name: id, cluster: cluster, openYear: 2026)
        }
        try await UserService(store: workspace.store).save(User(name: "bas", email: "bas@bureau.example", role: .reviewer),
                                                           by: "bootstrap", at: "2026-11-18T09:00:00Z")
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Commits a new account to the mkb template and proposes it as anna; returns the proposal's id.
    @discardableResult
    func propose(account: String = "46999") async throws -> Int64 {
        let path = "templates/mkb/accounts.csv"
        let old = String(decoding: try workspace.templates.read(path, at: "main") ?? [], as: UTF8.self)
        try workspace.templates.commit([.write(path: path, contents: Array((old + "\(account),Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                       message: "Add \(account)\n",
                                       author: GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000))
        let proposal = try await ProposalService(workspace: workspace).propose(by: "anna", at: "2026-11-18T10:00:00Z")
        guard let proposal else { throw FixtureError(description: "the commit made no proposal") }
        return proposal.id
    }

    /// The newest audit record's seq.
    func lastSeq() async throws -> Int64 {
        try await workspace.store.read { tx in try tx.lastAuditRecord()?.seq ?? 0 }
    }

    /// Where webhook `name` stands in the audit log.
    func cursor(_ name: String) async throws -> Int64 {
        try await workspace.store.write { tx in try tx.webhookCursor(name) }
    }

    /// A dispatcher for `webhooks` with a fixed clock and a sleep that only records what it was asked to wait.
    func dispatcher(_ webhooks: [WebhookSetting], sleeps: Sleeps = Sleeps()) -> WebhookDispatcher {
        var logger = Logger(label: "webhooks-test")
        logger.logLevel = .critical
        return WebhookDispatcher(store: workspace.store, webhooks: webhooks, clock: { Self.now },
                                 sleep: { sleeps.record($0) }, logger: logger)
    }

    static func webhook(_ name: String = "ops", url: String, events: [WebhookEvent]? = nil) throws -> WebhookSetting {
        guard let url = URL(string: url) else { throw FixtureError(description: "bad URL \(url)") }
        return WebhookSetting(name: name, url: url, secret: secret, events: events)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// The waits a dispatcher asked for, in order; none of them is waited.
final class Sleeps: Sendable {
    private let waits = Mutex<[Duration]>([])

    func record(_ duration: Duration) { waits.withLock { $0.append(duration) } }

    var all: [Duration] { waits.withLock { $0 } }
}
