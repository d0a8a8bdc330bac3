import ArgumentParser
import Foundation
import Workflow

/// `ledgerops review`: approve or reject a proposal (four eyes).
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Approve or reject a proposal.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Proposal id.") var id: Int64
    @Flag(help: "Approve.") var approve = false
    @Flag(help: "Reject.") var reject = false
    @Option(help: "Why.") var comment: String

    func run() async throws {
        try await face {
            guard approve != reject else { throw WorkflowError("invalid", "say --approve or --reject") }
            let ws = try global.openWorkspace()
            let reviewer = try await UserService(store: ws.store).authorize(global.actingUser, needs: .reviewer)
            let p = try await ProposalService(workspace: ws).review(id, approve: approve, comment: comment, by: reviewer,
                                                                     at: try global.nowStamp())
            print("Proposal \(id) is \(p.state.rawValue): \(p.reviews.filter(\.approve).count) approval(s)")
        }
    }
}

extension ProposalCommand {
    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide a conflict: take the template's value or keep the local one.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Item, e.g. settings:payment.term-days.") var item: String
        @Option(help: "template or local.") var take: String

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let reviewer = try await UserService(store: ws.store).authorize(global.actingUser, needs: .reviewer)
                try await ProposalService(workspace: ws).decide(id, administration: admin, item: item, take: take,
                                                                by: reviewer, at: try global.nowStamp())
                print("Proposal \(id): \(admin) \(item) takes the \(take) value")
            }
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge a blocked item so the change may go ahead.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Item, e.g. accounts:45105.") var item: String

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let reviewer = try await UserService(store: ws.store).authorize(global.actingUser, needs: .reviewer)
                try await ProposalService(workspace: ws).decide(id, administration: admin, item: item, take: nil,
                                                                by: reviewer, at: try global.nowStamp())
                print("Proposal \(id): \(admin) \(item) acknowledged")
            }
        }
    }
}
