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
        let terminal = isatty(2) != 0
        let bar: @Sendable (Int, Int) -> Void = { done, total in
            guard terminal else { return }
            let width = 30, filled = total == 0 ? width : width * done / total
            FileHandle.standardError.write(Data(("\r[" + String(repeating: "#", count: filled)
                + String(repeating: " ", count: width - filled) + "] \(done)/\(total)" + (done == total ? "\n" : "")).utf8))
        }
        // The system clock decides windows and leases; `--today` does not move them.
        let service = DistributionService(workspace: ws, clock: .system, leaseSeconds: crash.leaseSeconds ?? ws.settings.leaseSeconds)
        let result = try await service.distribute(id, by: actor, owner: .thisProcess("cli"), mode: .person,
                                                  commitTime: try global.nowSeconds(), progress: bar, probe: crash.probe)
        print(describe(result, id: id))
    }

    /// A distribution's standing in one line, and its reason and failures below.
    static func describe(_ result: DistributionService.Progress, id: Int64) -> String {
        var text = "Proposal \(id): distribution \(result.state.rawValue) — \(result.applied) applied, \(result.failed) failed, "
            + "\(result.conflicts) set aside as conflict, \(result.pending) pending"
        if result.skipped > 0 { text += ", \(result.skipped) skipped" }
        if result.suspended > 0 { text += ", \(result.suspended) suspended" }
        if let reason = result.reason { text += "\n  \(reason)" }
        for (admin, message) in result.failures.sorted(by: { $0.key < $1.key }) { text += "\n  \(admin) failed: \(message)" }
        return text
    }
}

struct DistributionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distribution", abstract: "Show, resume, skip in, unlock or abort a distribution.",
        subcommands: [Show.self, Resume.self, Skip.self, Unlock.self, Abort.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where a distribution stands, administration by administration.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                _ = try await UserService(store: ws.store).authorize(global.actingUser, needs: .viewer)
                let service = DistributionService(workspace: ws)
                let progress = try await service.progressOf(id)
                if json { return try printJSON(progress) }
                print(DistributeCommand.describe(progress, id: id))
                var table = TextTable(["administration", "wave", "state", "attempts", "message"])
                for item in try await service.items(id) {
                    table.add([item.administration, String(item.wave + 1), item.state.rawValue, String(item.attempts),
                               item.message ?? ""])
                }
                print(table.render())
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Continue a paused, waiting or interrupted distribution; failed administrations are tried again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64

        @OptionGroup var crash: CrashProbe

        func run() async throws {
            try await face { try await DistributeCommand.distribute(id, global: global, crash: crash) }
        }
    }

    struct Skip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave one administration out of a distribution, with a reason (reviewers; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Argument(help: "Administration id.") var administration: String
        @Option(help: "Why it is left out.") var reason: String

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .reviewer)
                try await DistributionService(workspace: ws).skip(id, administration: administration, reason: reason, by: actor)
                print("Proposal \(id): \(administration) skipped")
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Break the lease of a distributor that died, so the distribution can be resumed now (admins; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .admin)
                let holder = try await DistributionService(workspace: ws).unlock(id, by: actor)
                print("Proposal \(id): broke the lease of \(holder.owner) (it ran until \(holder.expires)); resume it now")
            }
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
                try await DistributionService(workspace: ws).abort(id, by: actor)
                print("Proposal \(id): distribution aborted")
            }
        }
    }
}

/// Options for crash tests and operators: how long the lease lasts, and a point to stop at (hidden).
struct CrashProbe: ParsableArguments {
    @Option(help: "Seconds another distributor must wait after this one dies (default: leaseSeconds in ledgerops.yaml).")
    var leaseSeconds: Int?
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
