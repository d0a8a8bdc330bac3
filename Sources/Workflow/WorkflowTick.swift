import Foundation
import Store

/// What the timer does for the workflow after each reconcile pass: propose new commits on the tracked branch, and
/// carry approved, running or waiting distributions on (never a paused one: that waits for a reviewer).
/// Level-triggered like the pass: a missed tick is made good by the next. Only the leader acts: of several timers on
/// one workspace (`serve` replicas, a `reconcile --watch` beside them), one holds the leader lease and the others
/// stand by, taking over when it stops renewing.
public struct WorkflowTick: Sendable {
    public let proposals: ProposalService
    public let distribution: DistributionService
    /// This timer's identity in the leader lease and the distributions' leases.
    public let owner: LeaseOwner
    /// How long leadership lasts unrenewed; each tick renews it.
    public let leaderSeconds: Int
    /// A crash test's stop inside the timer's distributions (hidden options of `serve`).
    public let probe: (@Sendable (DistributionService.ProbePoint) throws -> Void)?

    /// The name of the workspace's one timer leadership.
    public static let leadership = "timer"

    public init(proposals: ProposalService, distribution: DistributionService, owner: LeaseOwner = .thisProcess("timer"),
                leaderSeconds: Int = 60, probe: (@Sendable (DistributionService.ProbePoint) throws -> Void)? = nil) {
        self.probe = probe
        self.proposals = proposals
        self.distribution = distribution
        self.owner = owner
        self.leaderSeconds = leaderSeconds
    }

    /// What one tick did.
    public struct Outcome: Sendable, Equatable {
        /// Whether this timer leads (a standby does nothing else).
        public var leader: Bool
        public var proposed: [Int64] = []
        public var distributed: [Int64] = []
    }

    /// Takes or renews the leadership; true while this timer leads.
    public func lead() async throws -> Bool {
        let clock = distribution.clock
        let now = clock.now()
        let (stamp, until) = (clock.stamp(now), clock.stamp(now.addingTimeInterval(Double(leaderSeconds))))
        let owner = owner.id
        return try await distribution.workspace.store.write { tx in
            try tx.takeLeadership(Self.leadership, owner: owner, now: stamp, until: until) != nil
        }
    }

    /// Gives leadership up (on a graceful shutdown), so a standby takes over at its next tick.
    public func resign() async throws {
        let owner = owner.id
        try await distribution.workspace.store.write { tx in try tx.releaseLeadership(Self.leadership, owner: owner) }
    }

    /// One tick, if this timer leads.
    public func run() async throws -> Outcome {
        guard try await lead() else { return Outcome(leader: false) }
        var outcome = Outcome(leader: true)
        outcome.proposed = try await proposals.proposeAll(by: "reconciler", at: distribution.clock.stamp()).proposals.map(\.id)
        let today = distribution.clock.today().description
        for p in try await proposals.proposals() where p.state == .approved || p.state == .distributing {
            let record = try await distribution.workspace.store.read { tx in try tx.distribution(p.id) }
            if record?.state == .paused { continue }  // a paused distribution waits for a person to resume it
            // Waiting for a window only: nothing to do before the day it opens.
            if record?.state == .waiting, let until = record?.waitingUntil, today < until,
               try await distribution.progressOf(p.id).suspended == 0 { continue }
            do {
                _ = try await distribution.distribute(p.id, by: "reconciler", owner: owner, mode: .timer, probe: probe)
                outcome.distributed.append(p.id)
            } catch let e as WorkflowError where e.code == "leased" || e.code == "paused" {
                continue  // someone else is on it, or it paused meanwhile
            }
        }
        return outcome
    }
}
