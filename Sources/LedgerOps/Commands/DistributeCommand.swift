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
    @OptionGroup var crash: CrashProbe

    func run() async throws {
        try await face { try await Self.distribute(id, global: global, crash: crash) }
    }

    static func distribute(_ id: Int64, global: GlobalOptions, crash: CrashProbe) async throws {
        let ws = try global.openWorkspace()
        // Reviewers start (and resume) what was approved; stopping one for good stays with admins.
        let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .reviewer)
        let formatter = ISO8601DateFormatter()
        let start = Date(timeIntervalSince1970: TimeInterval(try global.nowSeconds()))
        let now = formatter.string(from: start)
        let until = formatter.string(from: start.addingTimeInterval(Double(crash.leaseSeconds)))
        let terminal = isatty(2) != 0
        let bar: @Sendable (Int, Int) -> Void = { done, total in
            guard terminal else { return }
            let width = 30, filled = total == 0 ? width : width * done / total
            FileHandle.standardError.write(Data(("\r[" + String(repeating: "#", count: filled)
                + String(repeating: " ", count: width - filled) + "] \(done)/\(total)" + (done == total ? "\n" : "")).utf8))
        }
        let result = try await DistributionService(workspace: ws).distribute(
            id, by: actor, owner: "cli-\(ProcessInfo.processInfo.processIdentifier)", now: now, leaseUntil: until,
            commitTime: try global.nowSeconds(), today: try global.todayDate(), progress: bar, probe: crash.probe)
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

        @OptionGroup var crash: CrashProbe

        func run() async throws {
            try await face { try await DistributeCommand.distribute(id, global: global, crash: crash) }
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

/// Options for crash tests and operators: how long the lease lasts, and a point to stop at (hidden).
struct CrashProbe: ParsableArguments {
    @Option(help: "Seconds another distributor must wait after this one dies.") var leaseSeconds = 600
    @Option(help: .hidden) var stopAt: Int?
    @Flag(help: .hidden) var stopInside = false

    /// Stops this process (announcing where on stderr) at the chosen apply, so a test can kill it exactly there.
    var probe: (@Sendable (DistributionService.ProbePoint) -> Void)? {
        guard let stopAt else { return nil }
        let inside = stopInside
        return { point in
            switch point {
            case let .insideApply(admin, index) where inside && index == stopAt:
                FileHandle.standardError.write(Data("probe: inside the apply transaction of \(admin)\n".utf8))
            case let .afterApply(admin, index) where !inside && index == stopAt:
                FileHandle.standardError.write(Data("probe: after the apply of \(admin) committed\n".utf8))
            default: return
            }
            while true { sleep(60) }
        }
    }
}
