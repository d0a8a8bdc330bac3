public import Foundation

/// Runs the dispatcher beside the timer without holding it up: a round starts after a pass when none is running (a
/// receiver that is down costs back-off time, not passes), and the timer's health becomes `passes.failing` once
/// it crosses the threshold and `passes.recovered` when a pass succeeds again.
public actor WebhookPump {
    let dispatcher: WebhookDispatcher
    let failingAfter: Int
    let clock: @Sendable () -> Date
    var running: Task<Void, Never>?
    var failing = 0
    var failingSince: String?
    var told = false
    /// What the rounds so far delivered, failed, and left pending.
    public private(set) var totals = DeliveryReport(delivered: 0, failed: 0, pending: 0)

    public init(dispatcher: WebhookDispatcher, failingAfter: Int = 3, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.dispatcher = dispatcher
        self.failingAfter = failingAfter
        self.clock = clock
    }

    /// Starts a delivery round unless one is still running (the next kick catches up: the cursor is in the store).
    public func kick() {
        guard !dispatcher.webhooks.isEmpty, running == nil else { return }
        running = Task {
            let report = await dispatcher.deliverPending()
            self.finished(report)
        }
    }

    func finished(_ report: DeliveryReport) {
        totals = DeliveryReport(delivered: totals.delivered + report.delivered, failed: totals.failed + report.failed,
                                pending: report.pending)
        running = nil
    }

    /// A tick of the timer succeeded: a recovery is told once after failures were.
    public func passSucceeded() async {
        defer { failing = 0; failingSince = nil; told = false }
        guard told, !dispatcher.webhooks.isEmpty else { return }
        _ = await dispatcher.notify(.passesRecovered(after: failing, at: stamp()))
    }

    /// A tick failed: told once, when `failingAfter` have failed in a row.
    public func passFailed(_ error: String) async {
        failing += 1
        if failingSince == nil { failingSince = stamp() }
        guard failing >= failingAfter, !told, !dispatcher.webhooks.isEmpty else { return }
        told = true
        _ = await dispatcher.notify(.passesFailing(count: failing, error: error, since: failingSince ?? stamp(), at: stamp()))
    }

    /// Waits for the round in progress (tests, and a graceful stop).
    public func drain() async { await running?.value }

    func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: clock())
    }
}
