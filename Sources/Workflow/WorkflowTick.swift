import Foundation
import Store

/// What the timer does for the workflow after each reconcile pass: propose a new commit on the tracked branch, and
/// carry approved (or interrupted) distributions on. Level-triggered like the pass: a missed tick is made good by
/// the next.
public struct WorkflowTick: Sendable {
    public let proposals: ProposalService
    public let distribution: DistributionService

    public init(proposals: ProposalService, distribution: DistributionService) {
        self.proposals = proposals
        self.distribution = distribution
    }

    /// One tick: returns the proposal made (if any) and the distributions carried on.
    public func run(now: String, leaseUntil: String) async throws -> (proposed: Int64?, distributed: [Int64]) {
        let proposed = try await proposals.propose(by: "reconciler", at: now)?.id
        var distributed: [Int64] = []
        for p in try await proposals.proposals() where p.state == .approved || p.state == .distributing {
            let state = try await distribution.progressOf(p.id).state
            guard state != "paused" else { continue }  // a paused distribution waits for a person to resume it
            do {
                _ = try await distribution.distribute(p.id, by: "reconciler", owner: "timer", now: now, leaseUntil: leaseUntil)
                distributed.append(p.id)
            } catch let e as WorkflowError where e.code == "leased" {
                continue  // someone else is on it
            }
        }
        return (proposed, distributed)
    }
}
