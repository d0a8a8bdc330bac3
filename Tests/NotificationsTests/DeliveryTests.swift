import Foundation
import Logging
import Notifications
import Store
import Testing
import Workspace

@Suite struct DeliveryTests {
    @Test func aProposalReachesTheReceiverSignedAndReadable() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let receiver = try await Receiver(secret: NotificationsFixture.secret)
        // The webhook as a bureau configures it: in ledgerops.yaml, its secret in the environment.
        let settings = try String(contentsOfFile: "\(f.directory)/ledgerops.yaml", encoding: .utf8)
        try (settings + "webhooks:\n  - name: slack-ops\n    url: \(receiver.url)\n    secretEnv: HOOK_SECRET\n")
            .write(toFile: "\(f.directory)/ledgerops.yaml", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(f.directory)
        let dispatcher = WebhookDispatcher(workspace: ws, environment: ["HOOK_SECRET": NotificationsFixture.secret],
                                           clock: { NotificationsFixture.now }, sleep: { _ in })

        // A new webhook starts at the end of the log: the users and administrations made before are not sent.
        #expect(await dispatcher.deliverPending() == DeliveryReport())
        let id = try await f.propose()
        let seq = try await f.lastSeq()
        #expect(await dispatcher.deliverPending() == DeliveryReport(delivered: 1))
        let got = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1 && got.signatureValid)
        #expect(got.event == "proposal.waiting" && got.delivery == "slack-ops-\(seq)" && got.timestamp == "1795000000")
        #expect(got.contentType == "application/json" && got.userAgent == "LedgerOps")
        #expect(got.json["text"] as? String == "Proposal \(id) waits for review: 2 administrations in mkb (by anna)")
        #expect(got.json["event"] as? String == "proposal.waiting" && got.json["subject"] as? String == "proposal \(id)")
        #expect(got.json["actor"] as? String == "anna" && got.json["time"] as? String == "2026-11-18T10:00:00Z")
        #expect((got.json["auditSeq"] as? NSNumber)?.int64Value == seq)
        let details = try #require(got.json["details"] as? [String: String])
        #expect(details["clusters"] == "mkb" && details["administrations"] == "2")
        // Sorted keys: the body a receiver hashes is the one signed.
        #expect(String(decoding: got.body, as: UTF8.self).hasPrefix(#"{"actor":"anna","auditSeq":\#(seq),"details":{"#))
        #expect(try await f.cursor("slack-ops") == seq)
        #expect(await dispatcher.deliverPending() == DeliveryReport())
        #expect(receiver.requests.count == 1)
        await receiver.stop()
    }

    @Test func aFailingReceiverGetsTheEventOnTheThirdAttempt() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let receiver = try await Receiver(secret: NotificationsFixture.secret, answers: [500, 503])
        let sleeps = Sleeps()
        let dispatcher = f.dispatcher([try NotificationsFixture.webhook(url: receiver.url)], sleeps: sleeps)
        _ = await dispatcher.deliverPending()
        try await f.propose()
        #expect(await dispatcher.deliverPending() == DeliveryReport(delivered: 1))
        #expect(receiver.requests.map(\.status) == [500, 503, 200])
        #expect(Set(receiver.requests.map(\.delivery)).count == 1)  // one delivery id: the receiver can de-duplicate
        #expect(receiver.requests.allSatisfy { $0.signatureValid })
        #expect(sleeps.all == [.seconds(1), .seconds(2)])
        await receiver.stop()
    }

    @Test func aReceiverThatIsDownGetsTheEventOnceItIsUp() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let gone = try await Receiver(secret: NotificationsFixture.secret)
        let port = gone.port
        await gone.stop()
        let sleeps = Sleeps()
        let dispatcher = f.dispatcher([try NotificationsFixture.webhook(url: gone.url)], sleeps: sleeps)
        _ = await dispatcher.deliverPending()
        let before = try await f.lastSeq()
        try await f.propose()
        // Five attempts, back-off between them, then the round stops and the cursor stays before the event.
        #expect(await dispatcher.deliverPending() == DeliveryReport(failed: 1, pending: 1))
        #expect(sleeps.all == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        #expect(try await f.cursor("ops") == before)
        #expect(await dispatcher.deliverPending() == DeliveryReport(failed: 1, pending: 1))

        let receiver = try await Receiver(secret: NotificationsFixture.secret, port: port)
        #expect(await dispatcher.deliverPending() == DeliveryReport(delivered: 1))
        #expect(await dispatcher.deliverPending() == DeliveryReport())
        #expect(receiver.accepted.map(\.event) == ["proposal.waiting"] && receiver.accepted.allSatisfy { $0.signatureValid })
        #expect(try await f.cursor("ops") == (try await f.lastSeq()))
        await receiver.stop()
    }

    @Test func anEventTheReceiverRefusesIsSkippedAndTheNextGoesOn() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let receiver = try await Receiver(secret: NotificationsFixture.secret, answers: [404])
        let sleeps = Sleeps()
        let dispatcher = f.dispatcher([try NotificationsFixture.webhook(url: receiver.url)], sleeps: sleeps)
        _ = await dispatcher.deliverPending()
        let first = try await f.propose(account: "46998")
        let second = try await f.propose(account: "46999")  // supersedes the first: two proposal.waiting events
        #expect(await dispatcher.deliverPending() == DeliveryReport(delivered: 1, failed: 1))
        #expect(sleeps.all.isEmpty)  // a 4xx is not retried
        #expect(receiver.requests.map(\.status) == [404, 200])
        #expect(receiver.requests.compactMap { $0.json["subject"] as? String } == ["proposal \(first)", "proposal \(second)"])
        await receiver.stop()
    }

    @Test func aWebhookGetsOnlyTheEventsItAsksFor() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let receiver = try await Receiver(secret: NotificationsFixture.secret)
        let dispatcher = f.dispatcher([
            try NotificationsFixture.webhook("failures", url: receiver.url, events: [.distributionFailed, .passesFailing]),
            try NotificationsFixture.webhook("all", url: receiver.url),
        ])
        _ = await dispatcher.deliverPending()
        try await f.propose()
        #expect(await dispatcher.deliverPending() == DeliveryReport(delivered: 1))
        #expect(receiver.requests.map(\.delivery).allSatisfy { $0.hasPrefix("all-") })
        #expect(try await f.cursor("failures") == (try await f.lastSeq()))  // moved past what it does not want

        let failing = WebhookMessage.passesFailing(count: 3, error: "cannot fetch <origin>\nsecond line",
                                                   since: "2026-11-18T09:00:00Z", at: "2026-11-18T09:03:00Z")
        #expect(await dispatcher.notify(failing) == DeliveryReport(delivered: 2))
        let sent = receiver.requests.filter { $0.event == "passes.failing" }
        #expect(sent.count == 2 && sent.allSatisfy { $0.signatureValid } && sent.allSatisfy { $0.json["auditSeq"] == nil })
        #expect(sent.first?.json["text"] as? String
            == "Reconciler passes keep failing: 3 in a row since 2026-11-18T09:00:00Z, the last with: cannot fetch &lt;origin&gt;")
        #expect(await dispatcher.notify(.passesRecovered(after: 3, at: "t")) == DeliveryReport(delivered: 1))
        await receiver.stop()
    }

    @Test func aWebhookWithoutItsSecretSendsNothingAndKeepsItsPlace() async throws {
        let f = try await NotificationsFixture()
        defer { f.remove() }
        let receiver = try await Receiver(secret: NotificationsFixture.secret)
        let hook = try #require(URL(string: receiver.url))
        let dispatcher = WebhookDispatcher(store: f.workspace.store,
                                           webhooks: [WebhookSetting(name: "ops", url: hook, secretEnv: "MISSING_SECRET")],
                                           environment: [:], sleep: { _ in },
                                           logger: Logger(label: "quiet") { _ in SwiftLogNoOpLogHandler() })
        _ = await dispatcher.deliverPending()
        try await f.propose()
        #expect(await dispatcher.deliverPending() == DeliveryReport(pending: 1))
        #expect(receiver.requests.isEmpty)
        await receiver.stop()
    }
}
