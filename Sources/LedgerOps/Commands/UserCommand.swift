import ArgumentParser
import Core
import Foundation
import Ledger
import Workflow

/// `ledgerops user`: users, roles, teams and responsibilities.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Users, roles and teams.", subcommands: [Add.self, List.self, Assign.self, Team.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or change a user (admin only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Option(help: "Email (commit authors are matched to users by it).") var email: String
        @Option(help: "admin, reviewer, accountant or viewer.") var role: String
        @Option(help: "Team.") var team: String?

        func run() async throws {
            try await face {
                guard let r = Role(rawValue: role) else {
                    throw WorkflowError("invalid", "--role: '\(role)' is not admin, reviewer, accountant or viewer")
                }
                let users = UserService(store: try global.openWorkspace().store)
                let actor = try await users.authorize(global.actingUser, needs: .admin)
                try await users.save(User(name: name, email: email, role: r, team: team), by: actor, at: try global.nowStamp())
                print("Saved \(r.rawValue) \(name) <\(email)>" + (team.map { " in team \($0)" } ?? ""))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let users = UserService(store: try global.openWorkspace().store)
                _ = try await users.authorize(global.actingUser, needs: .viewer)
                let all = try await users.users()
                if json { return try printJSON(all) }
                var table = TextTable(["name", "email", "role", "team"])
                for u in all { table.add([u.name, u.email, u.role.rawValue, u.team ?? ""]) }
                print(table.render())
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an accountant responsible for an administration.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Argument(help: "Administration id.") var admin: String

        func run() async throws {
            try await face {
                let users = UserService(store: try global.openWorkspace().store)
                let actor = try await users.authorize(global.actingUser, needs: .admin)
                try await users.assign(name, to: admin, by: actor, at: try global.nowStamp())
                print("\(name) is responsible for \(admin)")
            }
        }
    }

    struct Team: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a user in a team.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Argument(help: "Team.") var team: String

        func run() async throws {
            try await face {
                let users = UserService(store: try global.openWorkspace().store)
                let actor = try await users.authorize(global.actingUser, needs: .admin)
                guard var user = try await users.users().first(where: { $0.name == name }) else {
                    throw WorkflowError("unknown-user", "user '\(name)' does not exist")
                }
                user.team = team
                try await users.save(user, by: actor, at: try global.nowStamp())
                print("\(name) is in team \(team)")
            }
        }
    }
}

/// `ledgerops audit`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log.", subcommands: [Show.self, Verify.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "List audit records.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "From this time on (ISO 8601 prefix, e.g. 2026-11-01).") var since: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                _ = try await UserService(store: ws.store).authorize(global.actingUser, needs: .viewer)
                let since = self.since
                let records = try await ws.store.read { tx in try tx.auditRecords(since: since) }
                if json { return try printJSON(records) }
                for r in records {
                    print("\(r.seq)  \(r.time)  \(r.actor)  \(r.action)  \(r.subject)  \(r.payload)")
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the hash chain; fail naming the first broken record.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                let records = try await ws.store.read { tx in try tx.auditRecords() }
                if let broken = AuditLog.verify(records) {
                    throw WorkflowError("audit-broken", "the audit log is broken at record \(broken.seq): \(broken.reason)")
                }
                print("audit log intact: \(records.count) records, last hash \(records.last?.hash.prefix(16) ?? "-")")
            }
        }
    }
}
