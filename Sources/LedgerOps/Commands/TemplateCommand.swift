import ArgumentParser
import Core
import Foundation
import GitSource
import Ledger
import Templates
import Workflow
import Workspace

/// `ledgerops template`: validate, show, diff and trace the cluster templates.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Cluster templates in the workspace's template repository.",
        subcommands: [Validate.self, Show.self, Diff.self, Log.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every template, cluster and overlay.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "A revision of templates.git (default: the tracked branch).") var rev: String?
        @Option(help: "A folder with templates/ and clusters/ (a work tree) instead of the repository.") var dir: String?

        func run() async throws {
            try await face {
                let set: TemplateSet
                if let dir {
                    set = TemplateSet.load(from: DirectorySource(root: dir))
                } else {
                    set = try global.openWorkspace().templateSet(at: rev)
                }
                let problems = set.validate()
                for p in problems { FileHandle.standardError.write(Data("\(p)\n".utf8)) }
                guard problems.isEmpty else {
                    throw LedgerError("invalid-template", set.sourceName, "\(problems.count) problem"
                        + (problems.count == 1 ? "" : "s") + " in \(set.sourceName)")
                }
                print("\(set.sourceName): \(set.templates.count) templates, \(set.clusters.count) clusters, "
                    + "\(set.overrides.values.reduce(0) { $0 + $1.count }) overlays — valid")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A cluster's rendered configuration and its hash.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Cluster.") var cluster: String
        @Option(help: "A revision of templates.git (default: the tracked branch).") var rev: String?
        @Option(help: "A folder with templates/ and clusters/ instead of the repository.") var dir: String?
        @Option(help: "Render for this administration, with its overlay.") var administration: String?
        @Flag(help: "Print the configuration as JSON.") var json = false
        @Flag(help: "Print only the SHA-256.") var hash = false

        func run() async throws {
            try await face {
                if dir == nil { try await global.authorize(.viewer) }
                let set = try dir.map { TemplateSet.load(from: DirectorySource(root: $0)) } ?? global.openWorkspace().templateSet(at: rev)
                let config = try set.render(cluster: cluster, administration: administration)
                if hash { return print(config.sha256) }
                if json { return print(String(decoding: config.canonicalBytes(), as: UTF8.self)) }
                print("cluster \(cluster) — template \(config.template) at \(set.sourceName) — sha256 \(config.sha256)")
                print("  \(config.accounts.count) accounts, \(config.vatCodes.count) VAT codes, \(config.journals.count) journals, "
                    + "\(config.reports.count) reports, \(config.dashboards.count) dashboards, \(config.indicators.count) "
                    + "indicators, \(config.settings.count) settings")
                print("  reports: " + config.reports.map { "\($0.id) (\($0.lines.count) lines)" }.joined(separator: ", "))
                for key in config.settings.keys.sorted() { print("  setting \(key) = \(config.settings[key]!)") }
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changes in each cluster's policy and rendered configuration, field by field.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "From revision.") var from: String
        @Argument(help: "To revision.") var to: String
        @Option(help: "Only this cluster.") var cluster: String?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ws = try global.openWorkspace()
                let old = try ws.templateSet(at: from), new = try ws.templateSet(at: to)
                let clusters = cluster.map { [$0] } ?? Array(Set(old.clusters.keys).union(new.clusters.keys)).sorted()
                var any = false
                for name in clusters {
                    let a = try? old.render(cluster: name), b = try? new.render(cluster: name)
                    let policy = PolicyChange.between(old, new, clusters: [name]).map { "policy " + $0.text }
                    let changes = policy + ConfigurationDiff.items(from: a, to: b)
                    guard !changes.isEmpty else { continue }
                    any = true
                    print("cluster \(name):")
                    for c in changes { print("  " + c) }
                }
                if !any { print("no changes between \(from) and \(to)") }
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "History of the template repository.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only commits that changed this path.") var path: String?
        @Option(help: "At most this many commits.") var limit: Int?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ws = try global.openWorkspace()
                for c in try ws.templates.log(from: ws.settings.branch, path: path, limit: limit) {
                    let day = LocalDate(dayNumber: Int(c.author.time / 86_400))
                    print("\(c.id.short)  \(day)  \(c.author.name) <\(c.author.email)>  \(c.summary)")
                }
            }
        }
    }
}
