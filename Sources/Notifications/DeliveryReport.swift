/// What a delivery round did, for logs and metrics.
public struct DeliveryReport: Sendable, Equatable {
    /// Events a receiver accepted (2xx).
    public var delivered: Int
    /// Events that failed in this round: refused for good (4xx other than 429; skipped) or out of attempts (kept).
    public var failed: Int
    /// Events still waiting after this round (an event out of attempts and those behind it).
    public var pending: Int

    /// Counts of one round.
    public init(delivered: Int = 0, failed: Int = 0, pending: Int = 0) {
        self.delivered = delivered
        self.failed = failed
        self.pending = pending
    }

    /// Two rounds' (or two webhooks') counts together.
    public static func + (a: DeliveryReport, b: DeliveryReport) -> DeliveryReport {
        DeliveryReport(delivered: a.delivered + b.delivered, failed: a.failed + b.failed, pending: a.pending + b.pending)
    }
}
