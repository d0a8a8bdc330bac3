import Foundation
import Synchronization
import Workflow
import Workspace

/// Decoded proposals kept between requests: a large proposal's JSON is read and decoded again only when its
/// version moves (every update moves it).
final class ProposalCache: Sendable {
    private let entries = Mutex<[Int64: (version: Int64, proposal: Proposal)]>([:])

    func proposal(_ id: Int64, in workspace: Workspace) async throws -> Proposal {
        guard let version = try await workspace.store.read({ tx in try tx.proposalVersion(id) }) else {
            throw ServerError(.notFound, "not-found", "proposal \(id) does not exist")
        }
        if let known = entries.withLock({ $0[id] }), known.version == version { return known.proposal }
        let proposal = try await ProposalService(workspace: workspace).proposal(id)
        entries.withLock { entries in
            if entries.count > 200 { entries.removeAll() }
            entries[id] = (version, proposal)
        }
        return proposal
    }
}
