import Notifications
import Store
import Testing
import Workspace

@Suite struct EventMappingTests {
    static func record(_ action: String, _ subject: String, _ payload: String = "{}") -> AuditRecord {
        AuditRecord(seq: 42, time: "2026-11-18T10:00:00Z", actor: "anna", action: action, subject: subject, payload: payload,
                    previousHash: "", hash: "")
    }

    /// An audit record and the event and line it is sent as.
    @Test(arguments: [
        (record("proposal.created", "proposal 7",
                #"{"administrations":"17","clusters":"mkb","from":"a","groups":"","to":"b"}"#),
         WebhookEvent.proposalWaiting, "Proposal 7 waits for review: 17 administrations in mkb (by anna)"),
        (record("proposal.created", "proposal 8", #"{"administrations":"1","clusters":"horeca,mkb","groups":"holding"}"#),
         .proposalWaiting, "Proposal 8 waits for review: 1 administration in horeca, mkb and group holding (by anna)"),
        (record("proposal.created", "proposal 9", #"{"administrations":"0","clusters":"","groups":"a,b"}"#),
         .proposalWaiting, "Proposal 9 waits for review: groups a, b (by anna)"),
        (record("distribution.paused", "proposal 7", #"{"cluster":"mkb","failures":"3","wave":"2"}"#),
         .distributionPaused, "Distribution of proposal 7 paused in wave 2: 3 failures in mkb (by anna)"),
        (record("apply.failed", "bakkerij", #"{"error":"account 8000 <Omzet> & more\nstack","proposal":"7"}"#),
         .distributionFailed, "Applying proposal 7 to bakkerij failed: account 8000 &lt;Omzet&gt; &amp; more (by anna)"),
        (record("distribution.done", "proposal 7"), .distributionDone, "Distribution of proposal 7 is done (by anna)"),
    ])
    func auditActionsBecomeEventsWithALine(record: AuditRecord, event: WebhookEvent, text: String) throws {
        let message = try #require(WebhookEventMapping.message(for: record))
        #expect(message.event == event && message.text == text && message.auditSeq == 42)
        #expect(message.subject == record.subject && message.actor == "anna" && message.time == record.time)
    }

    @Test(arguments: ["distribution.waiting", "distribution.started", "wave.done", "apply", "review.approved", "user.added"])
    func otherActionsAreNotSent(action: String) {
        #expect(WebhookEventMapping.message(for: Self.record(action, "proposal 7")) == nil)
    }

    @Test func theActionsFollowTheWebhooksEvents() {
        #expect(WebhookEventMapping.actions(for: nil)
            == ["apply.failed", "distribution.done", "distribution.paused", "proposal.created"])
        #expect(WebhookEventMapping.actions(for: [.distributionDone, .passesFailing]) == ["distribution.done"])
    }

    @Test func backOffDoublesUpToItsCap() {
        let policy = RetryPolicy()
        #expect((1...7).map(policy.delay(after:)) == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }
}
