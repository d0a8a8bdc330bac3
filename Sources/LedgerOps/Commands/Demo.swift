import Consolidation
import ArgumentParser
import Core
import Foundation
import Ledger
import Workspace

/// `ledgerops demo`: fills the workspace with deterministic demo administrations.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create demo administrations with a year of books.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many administrations (spread over the mkb, landbouw and horeca clusters).")
    var administrations = 30

    @Option(help: "Seed: the same seed gives the same books.")
    var seed: UInt64 = 1

    @Option(help: "Fiscal year to generate (default: the year of today).")
    var year: Int?

    @Flag(help: "Create the workspace first when it does not exist.")
    var initialize = false

    func run() async throws {
        try await face {
                if (try? global.openWorkspace()) != nil { try await global.authorize(.admin) }
            let report = try await Demo.generate(global: global, count: administrations, seed: seed, year: year,
                                                 createWorkspace: initialize)
            print("Created \(report.administrations.count) administrations: \(report.entries) entries, "
                + "\(report.lines) lines, \(report.bankLines) bank statement lines")
        }
    }

    static func generate(global: GlobalOptions, count: Int, seed: UInt64, year: Int?, createWorkspace: Bool,
                         quiet: Bool = false) async throws -> DemoGenerator.Report {
        let today = try global.todayDate()
        let workspace: Workspace
        if createWorkspace, (try? global.openWorkspace()) == nil {
            workspace = try Workspace.initialize(global.workspacePath, templatesFrom: try ProjectFiles.locate(),
                                                 time: try global.nowSeconds())
        } else {
            workspace = try global.openWorkspace()
        }
        let demoYear = year ?? today.year
        let through = demoYear == today.year ? today : try LocalDate(year: demoYear, month: 12, day: 31)
        let generator = try workspace.demoGenerator()
        let isTerminal = isatty(2) != 0 && !quiet
        let report = try await generator.run(
            .init(administrations: count, seed: seed, year: demoYear, through: through),
            progress: { done, total in
                if isTerminal {
                    FileHandle.standardError.write(Data("\r  demo: \(done)/\(total) administrations".utf8))
                    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
                }
            })
        // A group to consolidate: a holding with eleven subsidiaries in EUR, NOK and USD, and its rates.
        if try await ConsolidationService(workspace: workspace).groups().isEmpty {
            try await GroupDemo(name: "demo-group", members: 11, year: demoYear, seed: seed,
                                months: demoYear == today.year ? today.month : 12)
                .generate(in: workspace, chart: try workspace.templateSet().render(template: "base").chart)
        }
        return report
    }
}
