import Foundation
public import ServiceLifecycle

/// The reconciler on a timer: a pass, then a wait on the injected clock, until cancelled. Level-triggered — each
/// pass recomputes everything from the repository and the store, so a missed wake-up is healed by the next one.
///
/// Runs as a ServiceLifecycle service inside `ledgerops serve` (a later issue) and under `reconcile --watch`.
public struct ReconcileLoop<C: Clock>: Service, Sendable where C.Duration == Duration {
    public let reconciler: ReconcilerService
    public let clock: C
    public let interval: Duration
    /// The time stamp recorded with status changes (injected, like the clock).
    public let now: @Sendable () -> String
    /// Called after each pass with what it found and how long it took on the injected clock.
    public let report: @Sendable (ReconcilerService.PassSummary, Duration) -> Void
    /// Run after each pass: the workflow's share of the timer (proposing new commits, carrying distributions on).
    public let afterPass: @Sendable () async throws -> Void

    public init(reconciler: ReconcilerService, clock: C, interval: Duration, now: @escaping @Sendable () -> String,
                report: @escaping @Sendable (ReconcilerService.PassSummary, Duration) -> Void = { _, _ in },
                afterPass: @escaping @Sendable () async throws -> Void = {}) {
        self.afterPass = afterPass
        self.reconciler = reconciler
        self.clock = clock
        self.interval = interval
        self.now = now
        self.report = report
    }

    /// Passes until the task is cancelled or the service group shuts down gracefully (a pass in progress
    /// finishes first). A failing pass is reported and retried at the next tick.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let start = clock.now
            do {
                let summary = try await reconciler.pass(now: now())
                report(summary, start.duration(to: clock.now))
                try await afterPass()
            } catch is CancellationError { return } catch {
                report(ReconcilerService.PassSummary(revision: "error: \(error)", counts: [:], changed: 0, skipped: 0),
                       start.duration(to: clock.now))
            }
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch { return }
        }
    }
}
