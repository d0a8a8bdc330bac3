import Foundation
public import Store
public import Workspace

/// Which audit actions are webhook events, and the line a person reads for each.
public enum WebhookEventMapping {
    /// How one audit action becomes an event.
    public struct Rule: Sendable {
        /// The event it is sent as.
        public var event: WebhookEvent
        /// The readable line from the record and its payload, without the actor (added after).
        public var text: @Sendable (_ subject: String, _ details: [String: String]) -> String
    }

    /// Audit action → event. Actions not here are not sent (a webhook's cursor moves past them all the same).
    public static let rules: [String: Rule] = [
        "proposal.created": Rule(event: .proposalWaiting) { subject, d in
            var scope: [String] = []
            let clusters = list(d["clusters"])
            if !clusters.isEmpty {
                let count = Int(d["administrations"] ?? "") ?? 0
                scope.append("\(count) \(count == 1 ? "administration" : "administrations") in \(clusters)")
            }
            let groups = list(d["groups"])
            if !groups.isEmpty { scope.append("\(groups.contains(",") ? "groups" : "group") \(groups)") }
            return "\(capitalized(subject)) waits for review" + (scope.isEmpty ? "" : ": " + scope.joined(separator: " and "))
        },
        "distribution.paused": Rule(event: .distributionPaused) { subject, d in
            var text = "Distribution of \(subject) paused"
            if let wave = d["wave"] { text += " in wave \(wave)" }
            if let failures = d["failures"], let cluster = d["cluster"] {
                text += ": \(failures) \(failures == "1" ? "failure" : "failures") in \(cluster)"
            }
            return text
        },
        "apply.failed": Rule(event: .distributionFailed) { subject, d in
            let what = d["proposal"].map { "Applying proposal \($0) to \(subject)" } ?? "Applying to \(subject)"
            return what + " failed" + (d["error"].map { ": " + oneLine($0) } ?? "")
        },
        "distribution.done": Rule(event: .distributionDone) { subject, _ in "Distribution of \(subject) is done" },
    ]

    /// The audit actions that are events.
    public static var actions: [String] { rules.keys.sorted() }

    /// The message for an audit record, or nil when its action is not an event.
    public static func message(for record: AuditRecord) -> WebhookMessage? {
        guard let rule = rules[record.action] else { return nil }
        let details = (try? JSONDecoder().decode([String: String].self, from: Data(record.payload.utf8))) ?? [:]
        let text = rule.text(record.subject, details) + " (by \(record.actor))"
        return WebhookMessage(event: rule.event, text: slackEscaped(text), subject: record.subject, actor: record.actor,
                              time: record.time, auditSeq: record.seq, details: details)
    }

    /// The audit actions sent as one of `events`.
    public static func actions(for events: [WebhookEvent]?) -> [String] {
        rules.filter { events?.contains($0.value.event) ?? true }.keys.sorted()
    }

    // MARK: - Text

    /// The first line of `text`, at most 200 characters.
    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 200 ? trimmed.prefix(199) + "…" : trimmed
    }

    /// Slack reads `&`, `<` and `>` as markup; escaped, they show as written.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func list(_ text: String?) -> String {
        (text ?? "").split(separator: ",").map(String.init).joined(separator: ", ")
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
