/// How hard a delivery is tried: attempts per event, back-off between them, and the time one request may take.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per event in one round, the first included.
    public var attempts: Int
    /// The wait after the first failed attempt; it doubles after each further one…
    public var baseDelay: Duration
    /// … up to this.
    public var maxDelay: Duration
    /// How long one request may take before it counts as failed (and is retried).
    public var requestTimeout: Duration

    /// Five attempts, waiting 1, 2, 4 and 8 seconds between them (at most 30), 10 seconds per request.
    public init(attempts: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
                requestTimeout: Duration = .seconds(10)) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.requestTimeout = requestTimeout
    }

    /// The wait after failed attempt `attempt` (1-based): base × 2^(attempt−1), capped.
    public func delay(after attempt: Int) -> Duration {
        var delay = baseDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
