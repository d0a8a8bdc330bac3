public import Foundation
public import Workspace

/// One event as a webhook receives it: the JSON body's fields.
public struct WebhookMessage: Sendable, Equatable, Codable {
    /// What happened.
    public var event: WebhookEvent
    /// One readable line, as Slack shows it.
    public var text: String
    /// What it happened to (`proposal 7`, an administration's id, `reconciler`).
    public var subject: String
    /// Who did it.
    public var actor: String
    /// When, as the audit log records it.
    public var time: String
    /// The audit record it comes from; nil for events that are not audited (`passes.failing`).
    public var auditSeq: Int64?
    /// The audit record's payload, or the direct event's details.
    public var details: [String: String]

    /// A message; `auditSeq` only for events read from the audit log.
    public init(event: WebhookEvent, text: String, subject: String, actor: String, time: String, auditSeq: Int64? = nil,
                details: [String: String] = [:]) {
        self.event = event
        self.text = text
        self.subject = subject
        self.actor = actor
        self.time = time
        self.auditSeq = auditSeq
        self.details = details
    }

    /// The JSON body: sorted keys, so the same message always signs the same.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The reconciler's passes have failed `count` times in a row, the last with `error`.
    public static func passesFailing(count: Int, error: String, since: String, at time: String) -> WebhookMessage {
        WebhookMessage(event: .passesFailing,
                       text: WebhookEventMapping.slackEscaped("Reconciler passes keep failing: \(count) in a row since "
                           + "\(since), the last with: " + WebhookEventMapping.oneLine(error)),
                       subject: "reconciler", actor: "reconciler", time: time,
                       details: ["failures": String(count), "since": since, "error": error])
    }

    /// The reconciler's passes succeed again after `count` failures.
    public static func passesRecovered(after count: Int, at time: String) -> WebhookMessage {
        WebhookMessage(event: .passesRecovered,
                       text: "Reconciler passes succeed again after \(count) \(count == 1 ? "failure" : "failures")",
                       subject: "reconciler", actor: "reconciler", time: time, details: ["failures": String(count)])
    }
}
