import ArgumentParser
import Core
import Foundation
import Reconciler
import Templates
import Workflow

/// `ledgerops propose`: a proposal from the commits since the last one.
struct ProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: "Propose the template changes since the last proposal for review.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Propose up to this revision (default: the tracked branch).") var rev: String?
    @Option(help: "Propose a branch, planned against the tracked branch.") var branch: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
            let ws = try global.openWorkspace()
            let actor = try await UserService(store: ws.store).authorize(global.actingUser, needs: .admin)
            guard let p = try await ProposalService(workspace: ws).propose(revision: rev, branch: branch, by: actor,
                                                                            at: try global.nowStamp(),
                                                                            commitTime: try global.nowSeconds())
            else { return print("Nothing to propose: no template change since the last proposal") }
            if json { return try printJSON(p) }
            if let head = p.branchHead, let branch = p.branch {
                print("\(ws.settings.branch) moved on since \(branch) forked: proposing their merge \(p.toRevision.prefix(7)) "
                    + "(\(branch) at \(head.prefix(7)))")
            }
            let groups: String = p.groupChanges.map { "\($0.group) (\($0.action.rawValue))" }.joined(separator: ", ")
            let superseded: String = p.supersedes.map { "\($0)" }.joined(separator: ", ")
            var line = "Proposal \(p.id): \(p.commits.count) commit(s), clusters \(p.clusters.joined(separator: ", ")), "
            line += "\(p.affected.count) administration(s) affected"
            if !groups.isEmpty { line += ", groups " + groups }
            if !superseded.isEmpty { line += "; supersedes " + superseded }
            print(line)
        }
    }
}

/// `ledgerops proposals` and `ledgerops proposal show`.
struct ProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proposals", abstract: "List proposals.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
            let ws = try global.openWorkspace()
            _ = try await UserService(store: ws.store).authorize(global.actingUser, needs: .viewer)
            let all = try await ProposalService(workspace: ws).proposals()
            if json { return try printJSON(all) }
            var table = TextTable(["id", "state", "revision", "proposer", "clusters", "administrations", "created"])
            for p in all {
                table.add([String(p.id), p.state.rawValue, String(p.toRevision.prefix(7)), p.proposer,
                           p.clusters.joined(separator: ","), String(p.affected.count), p.createdAt])
            }
            print(table.render())
        }
    }
}

struct ProposalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal", abstract: "One proposal.", subcommands: [Show.self, Decide.self, Acknowledge.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A proposal, per cluster and administration, item by item.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let ws = try global.openWorkspace()
                _ = try await UserService(store: ws.store).authorize(global.actingUser, needs: .viewer)
                let p = try await ProposalService(workspace: ws).proposal(id)
                if json { return try printJSON(p) }
                print(ProposalOutput.render(p))
            }
        }
    }
}

/// A proposal for reading: conflicts and blocked items first; identical plans across administrations once.
enum ProposalOutput {
    static func render(_ p: Proposal) -> String {
        var out = ["Proposal \(p.id) — \(p.state.rawValue) — \(p.fromRevision.map { String($0.prefix(7)) } ?? "(start)")"
            + "..\(p.toRevision.prefix(7))" + (p.branch.map { " (branch \($0))" } ?? "") + " — proposed by \(p.proposer)"]
        out.append("Commits:")
        for c in p.commits {
            out.append("  \(c.id.prefix(7))  \(c.authorName) <\(c.authorEmail)>\(c.user == nil ? "  [unknown author]" : "")  \(c.summary)")
        }
        for change in p.groupChanges {
            out.append("Group \(change.group): \(change.action.rawValue)")
            for detail in change.details { out.append("  \(detail)") }
        }
        for cluster in Set(p.clusters + p.policyChanges.map(\.cluster)).sorted() {
            let policy = p.policyChanges.filter { $0.cluster == cluster }
            if !policy.isEmpty {
                out.append("Cluster \(cluster) policy:")
                for change in policy { out.append("  " + change.text) }
            }
            guard p.clusters.contains(cluster) else { continue }
            let plans = p.affected.filter { $0.cluster == cluster }
            out.append("Cluster \(cluster): \(plans.count) administration(s)")
            var groups: [String: (items: [PlanItem], admins: [String])] = [:]
            for plan in plans {
                let key = plan.items.map { "\($0.action.rawValue) \($0.key) \($0.changes)" }.joined(separator: ";")
                groups[key, default: (plan.items, [])].admins.append(plan.administration)
            }
            let ordered = groups.values.sorted { a, b in
                let severe = { (g: (items: [PlanItem], admins: [String])) in g.items.contains { $0.action == .conflict || $0.action == .blocked } }
                return (severe(a) ? 0 : 1, -a.admins.count, a.admins[0]) < (severe(b) ? 0 : 1, -b.admins.count, b.admins[0])
            }
            for g in ordered {
                let names = g.admins.sorted()
                out.append("  \(names.count) × " + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : ""))
                for item in g.items.sorted(by: { rank($0.action) < rank($1.action) }) {
                    out.append("    \(item.action.rawValue) \(item.key)" + (item.reason.map { "  (\($0))" } ?? ""))
                    for c in item.changes.flatMap(\.readable) { out.append("      " + c.text) }
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func rank(_ a: PlanItem.Action) -> Int { a == .conflict ? 0 : a == .blocked ? 1 : 2 }
}
