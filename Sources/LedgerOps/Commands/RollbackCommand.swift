import ArgumentParser
import Foundation
import Workflow

/// `ledgerops rollback`: a revert commit of a proposal, proposed for review.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Revert a proposal's changes with a commit on the tracked branch, and propose it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Proposal id.") var id: Int64

    func run() async throws {
        try await face {
            let ws = try global.openWorkspace()
            let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .admin)
            guard let p = try await ProposalService(workspace: ws).rollback(id, by: actor, at: try global.nowStamp(),
                                                                             commitTime: try global.nowSeconds())
            else { return print("Proposal \(id) changed nothing that can be reverted") }
            print("Committed a revert of proposal \(id) and proposed it as proposal \(p.id) (\(p.affected.count) administrations)")
        }
    }
}
