public import Foundation

/// What a webhook can be told about.
public enum WebhookEvent: String, Sendable, Codable, CaseIterable {
    /// A template proposal waits for review.
    case proposalWaiting = "proposal.waiting"
    /// A distribution paused: a wave had more failures than its cluster allows.
    case distributionPaused = "distribution.paused"
    /// Applying a proposal to one administration failed.
    case distributionFailed = "distribution.failed"
    /// A distribution applied the proposal everywhere it could.
    case distributionDone = "distribution.done"
    /// The reconciler's passes keep failing.
    case passesFailing = "passes.failing"
    /// The reconciler's passes succeed again after failing.
    case passesRecovered = "passes.recovered"
}

/// One outgoing webhook of `ledgerops.yaml`: where to post, how to sign, which events.
public struct WebhookSetting: Sendable, Codable, Equatable {
    /// Unique among the workspace's webhooks; names the delivery cursor and the delivery ids.
    public var name: String
    /// An http or https URL the events are posted to.
    public var url: URL
    /// The environment variable that holds the HMAC key (preferred: keeps the secret out of the file).
    public var secretEnv: String?
    /// The HMAC key given literally.
    public var secret: String?
    /// The events to send; nil sends every event, including ones added later.
    public var events: [WebhookEvent]?

    /// A webhook; give `secretEnv` or `secret`.
    public init(name: String, url: URL, secretEnv: String? = nil, secret: String? = nil, events: [WebhookEvent]? = nil) {
        self.name = name
        self.url = url
        self.secretEnv = secretEnv
        self.secret = secret
        self.events = events
    }

    /// Whether this webhook wants `event`.
    public func wants(_ event: WebhookEvent) -> Bool { events?.contains(event) ?? true }

    /// The HMAC key: the environment variable's value, else the literal secret; nil when neither is there.
    public func resolvedSecret(in environment: [String: String]) -> String? {
        if let secretEnv, let value = environment[secretEnv], !value.isEmpty { return value }
        return secret
    }
}
