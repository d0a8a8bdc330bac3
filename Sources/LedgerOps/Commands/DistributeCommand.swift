import ArgumentParser
import Core
import Foundation
import Workflow

/// `ledgerops distribute` and `ledgerops distribution resume|abort`.
struct DistributeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distribute", abstract: "Apply an approved proposal to its administrations, wave by wave.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Proposal id.") var id: Int64

    func run() async throws {
        try await face { try await Self.distribute(id, global: global) }
    }

    static func distribute(_ id: Int64, global: GlobalOptions) async throws {
        let ws = try global.openWorkspace()
        let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .admin)
        let now = try global.nowStamp()
        let formatter = ISO8601DateFormatter()
        let until = global.today == nil ? formatter.string(from: Date().addingTimeInterval(600)) : now + "+lease"
        let terminal = isatty(2) != 0
        let result = try await DistributionService(workspace: ws).distribute(
            id, by: actor, owner: "cli-\(ProcessInfo.processInfo.processIdentifier)", now: now, leaseUntil: until,
            today: try global.todayDate()) { done, total in
            guard terminal else { return }
            let width = 30, filled = total == 0 ? width : width * done / total
            FileHandle.standardError.write(Data(("\r[" + String(repeating: "#", count: filled)
                + String(repeating: " ", count: width - filled) + "] \(done)/\(total)" + (done == total ? "\n" : "")).utf8))
        }
        print("Proposal \(id): distribution \(result.state) — \(result.applied) applied, \(result.failed) failed, "
            + "\(result.conflicts) set aside as conflict, \(result.pending) pending")
    }
}

struct DistributionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distribution", abstract: "Resume or abort a distribution.", subcommands: [Resume.self, Abort.self])

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Continue a paused or interrupted distribution.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64

        func run() async throws {
            try await face { try await DistributeCommand.distribute(id, global: global) }
        }
    }

    struct Abort: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a distribution for good (what was applied stays).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .admin)
                try await DistributionService(workspace: ws).abort(id, by: actor, at: try global.nowStamp())
                print("Proposal \(id): distribution aborted")
            }
        }
    }
}
