import Foundation
public import ServiceLifecycle

/// The reconciler on a timer: a pass, then a wait on the injected clock, until cancelled. Level-triggered — each
/// pass recomputes everything from the repository and the store, so a missed wake-up is healed by the next one.
///
/// Runs as a ServiceLifecycle service inside `ledgerops serve` and under `reconcile --watch`. Of several timers on
/// one workspace only the leader passes (`lead`); a failing pass is never quiet: it is reported with how many failed
/// in a row, so health checks and alerts can act on it.
public struct ReconcileLoop<C: Clock>: Service, Sendable where C.Duration == Duration {
    public let reconciler: ReconcilerService
    public let clock: C
    public let interval: Duration
    /// The time stamp recorded with status changes (injected, like the clock).
    public let now: @Sendable () -> String
    /// Called after each pass with what it found and how long it took on the injected clock.
    public let report: @Sendable (ReconcilerService.PassSummary, Duration) -> Void
    /// Called when a pass or the work after it fails, with the error and the number of failed ticks in a row.
    public let failed: @Sendable (any Error, Int) -> Void
    /// Asked before each pass: false on a standby, which then waits for the next tick.
    public let lead: @Sendable () async throws -> Bool
    /// Run after each pass: the workflow's share of the timer (proposing new commits, carrying distributions on).
    public let afterPass: @Sendable () async throws -> Void
    /// Run once when the loop stops (a leader gives its lease up).
    public let stopped: @Sendable () async -> Void

    public init(reconciler: ReconcilerService, clock: C, interval: Duration, now: @escaping @Sendable () -> String,
                report: @escaping @Sendable (ReconcilerService.PassSummary, Duration) -> Void = { _, _ in },
                failed: @escaping @Sendable (any Error, Int) -> Void = { _, _ in },
                lead: @escaping @Sendable () async throws -> Bool = { true },
                stopped: @escaping @Sendable () async -> Void = {},
                afterPass: @escaping @Sendable () async throws -> Void = {}) {
        self.afterPass = afterPass
        self.reconciler = reconciler
        self.clock = clock
        self.interval = interval
        self.now = now
        self.report = report
        self.failed = failed
        self.lead = lead
        self.stopped = stopped
    }

    /// Passes until the task is cancelled or the service group shuts down gracefully (a pass in progress
    /// finishes first). A failing pass is reported and retried at the next tick.
    public func run() async throws {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let start = clock.now
            do {
                if try await lead() {
                    let summary = try await reconciler.pass(now: now())
                    report(summary, start.duration(to: clock.now))
                    try await afterPass()
                }
                failures = 0
            } catch is CancellationError { break } catch {
                failures += 1
                failed(error, failures)
            }
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch { break }
        }
        await stopped()
    }
}
