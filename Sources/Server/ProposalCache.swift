import Foundation
import Synchronization
import Workflow
import Workspace

/// Decoded proposals kept between requests: a large proposal's JSON is read and decoded again only when its
/// version moves (every update moves it).
final class ProposalCache: Sendable {
    private let entries = Mutex<[Int64: (version: Int64, proposal: Proposal, groups: [String: [PlanGroup]])]>([:])

    func proposal(_ id: Int64, in workspace: Workspace) async throws -> Proposal {
        try await entry(id, in: workspace).proposal
    }

    /// The proposal and its plan groups per cluster.
    func entry(_ id: Int64, in workspace: Workspace) async throws -> (proposal: Proposal, groups: [String: [PlanGroup]]) {
        guard let version = try await workspace.store.read({ tx in try tx.proposalVersion(id) }) else {
            throw ServerError(.notFound, "not-found", "proposal \(id) does not exist")
        }
        if let known = entries.withLock({ $0[id] }), known.version == version { return (known.proposal, known.groups) }
        let proposal = try await ProposalService(workspace: workspace).proposal(id)
        let groups = PlanGroup.groups(proposal)
        entries.withLock { entries in
            if entries.count > 200 { entries.removeAll() }
            entries[id] = (version, proposal, groups)
        }
        return (proposal, groups)
    }
}
