import Foundation
import Reconciler
import Synchronization
import Testing
import TestSupport

/// A clock the test moves by hand: sleepers wake when it is advanced past their deadline, never on their own.
struct ManualClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by d: Duration) -> Instant { Instant(offset: offset + d) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    final class State: Sendable {
        struct Sleeper {
            var deadline: Instant
            var continuation: CheckedContinuation<Void, any Error>
        }

        let value = Mutex<(now: Instant, sleepers: [Sleeper])>((Instant(offset: .zero), []))
    }

    let state = State()
    var now: Instant { state.value.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.value.withLock { s -> Bool in
                if deadline <= s.now { return true }
                s.sleepers.append(.init(deadline: deadline, continuation: continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    var sleeping: Int { state.value.withLock { $0.sleepers.count } }

    func advance(by d: Duration) {
        let due = state.value.withLock { s -> [State.Sleeper] in
            s.now = s.now.advanced(by: d)
            let due = s.sleepers.filter { $0.deadline <= s.now }
            s.sleepers.removeAll { $0.deadline <= s.now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

@Suite struct ReconcileLoopTests {
    /// Waits (yielding, not sleeping) until `condition` holds.
    /// Waits (up to ten seconds of real time) for work on other tasks to reach a state.
    /// Waits until `condition` holds or `seconds` pass; generous by default, since a loaded machine (a parallel
    /// test run on two cores) can take seconds for one pass.
    func eventually(within seconds: Int = 60, _ condition: () -> Bool) async {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while !condition() && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(2)) }
    }

    @Test func passesOnEachTickOfTheInjectedClock() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        let clock = ManualClock()
        let passes = Mutex<[String]>([])
        let loop = ReconcileLoop(reconciler: f.reconciler, clock: clock, interval: .seconds(30), now: { "tick" }) { summary, _ in
            passes.withLock { $0.append(summary.counts.keys.map(\.rawValue).sorted().joined(separator: ",")) }
        }
        let task = Task { try await loop.run() }
        await eventually { clock.sleeping == 1 }
        #expect(passes.withLock { $0 } == ["Synced"])
        try f.change("templates/base/accounts.csv") { $0 + "46999,Nieuw,expense,debit,WBedAlkOal,,\n" }
        clock.advance(by: .seconds(29))
        await eventually(within: 2) { passes.withLock { $0.count } == 2 }
        #expect(passes.withLock { $0.count } == 1)  // not yet: the interval has not passed
        clock.advance(by: .seconds(1))
        await eventually { passes.withLock { $0.count } == 2 && clock.sleeping == 1 }
        #expect(passes.withLock { $0 } == ["Synced", "OutOfSync"])
        #expect(try await f.status("m1") == "OutOfSync")
        task.cancel()
        clock.advance(by: .seconds(30))
        _ = await task.result
    }
}
