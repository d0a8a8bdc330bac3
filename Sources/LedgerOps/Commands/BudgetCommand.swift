import ArgumentParser
import Budgeting
import Core
import Foundation

/// `ledgerops budget`: versions, top-down plans, driver models, rolling forecasts, CSV for spreadsheets.
struct BudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "Budgets per administration: versions, plans, drivers, forecasts, CSV.",
        subcommands: [Create.self, Versions.self, Activate.self, Set.self, Plan.self, Drivers.self, Forecast.self, Show.self,
                      Export.self, Import.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a version, from actuals, another version, or empty.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version name (\"2027 v1\").") var version: String
        @Option(help: "Fiscal year the budget is for.") var year: Int
        @Option(help: "Seed from this fiscal year's actuals.") var fromActuals: Int?
        @Option(help: "With --from-actuals: times this factor (1.05).") var factor: String?
        @Option(help: "Seed from this version of the same year.") var fromVersion: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                guard fromActuals == nil || fromVersion == nil else { throw ValidationError("give --from-actuals or --from-version, not both") }
                let seed: BudgetService.Seed = if let y = fromActuals {
                    .actuals(year: y, factor: try factor.map { try DecimalNumber(parsing: $0, field: "factor") })
                } else if let v = fromVersion { .version(v) } else { .empty }
                let record = try await BudgetService(workspace: try global.openWorkspace())
                    .create(admin, version: version, year: year, seed: seed, at: try global.nowStamp())
                print("Created budget '\(version)' \(year) for \(admin) (\(record.basis))" + (record.active ? ", steering" : ""))
            }
        }
    }

    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The versions of an administration.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                var table = TextTable(["year", "version", "basis", "steering", "created"])
                for v in try await BudgetService(workspace: try global.openWorkspace()).versions(admin) {
                    table.add([String(v.year), v.version, v.basis, v.active ? "yes" : "", v.createdAt])
                }
                print(table.render())
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Steer by this version: reports and the monitor compare with it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Option(help: "Fiscal year.") var year: Int

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                try await BudgetService(workspace: try global.openWorkspace()).activate(admin, version: version, year: year)
                print("\(admin) steers by '\(version)' in \(year)")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set one account or report line for the year: an amount or a formula, spread by a profile.",
            discussion: "Formulas: actual(2026) * 1.05, budget(\"2027 v1\", 4000) + 1000. Lines as line:ID (line:revenue).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Argument(help: "Account code, or line:ID for a P&L report line.") var target: String
        @Argument(help: "The year's amount (presented: revenue positive) or a formula.") var formula: String
        @Option(help: "Fiscal year.") var year: Int
        @Option(help: "Seasonality profile (budgets/profiles.yaml); default: equal months.") var profile: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let row = try BudgetPlan.Row(target: target.hasPrefix("line:") ? .line(String(target.dropFirst(5))) : .account(target),
                                             formula: formula, profile: profile, place: "budget \(version), \(target)")
                let table = try await BudgetService(workspace: try global.openWorkspace())
                    .apply(BudgetPlan(version: version, year: year, rows: [row]), to: admin)
                print(BudgetOutput.table(table, only: nil))
            }
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a top-down plan file: rows of account or line, amount or formula, profile.",
            discussion: "YAML: rows: [{account: \"8000\", formula: \"actual(2026) * 1.05\", profile: summer}, {line: personnel-costs, formula: \"line(8000) * 0.3\"}]")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Argument(help: "The plan file.") var file: String
        @Option(help: "Fiscal year.") var year: Int

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let text = try InputFile.text(file)
                let plan = try BudgetPlanFile.parse(text, file: file, version: version, year: year)
                let table = try await BudgetService(workspace: try global.openWorkspace()).apply(plan, to: admin)
                print(BudgetOutput.table(table, only: nil))
            }
        }
    }

    struct Drivers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the administration's driver model (budgets/drivers/…) into a version; show its balance sheet and cash flow.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Option(help: "Fiscal year.") var year: Int

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let service = BudgetService(workspace: try global.openWorkspace())
                let result = try await service.applyDrivers(admin, version: version, year: year, at: try global.nowStamp())
                print(BudgetOutput.table(try await service.table(admin, version: version, year: year), only: nil))
                print(BudgetOutput.drivers(result, digits: 2))
            }
        }
    }

    struct Forecast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A rolling forecast: actuals before --from, the version after.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "The budget version to project with.") var version: String
        @Option(help: "Fiscal year.") var year: Int
        @Option(help: "First projected month (YYYY-MM).") var from: String
        @Option(help: "Name of the forecast version (default: \"YEAR forecast\").") var name: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let start = try DateRange.parse(from, field: "from", end: false)
                let record = try await BudgetService(workspace: try global.openWorkspace())
                    .forecast(admin, from: version, year: year, start: start, as: name ?? "\(year) forecast", at: try global.nowStamp())
                print("Created '\(record.version)' \(year) for \(admin): \(record.basis)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A version per account and month.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Option(help: "Fiscal year.") var year: Int
        @Flag(help: "JSON instead of a table.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let table = try await BudgetService(workspace: try global.openWorkspace()).table(admin, version: version, year: year)
                print(json ? try ReportOutput.json(table) : BudgetOutput.table(table, only: nil), terminator: json ? "" : "\n")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A version as CSV (account,name,1…12,total), revenue positive.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Option(help: "Fiscal year.") var year: Int
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let csv = try await BudgetService(workspace: try global.openWorkspace()).exportCSV(admin, version: version, year: year)
                if let output { try csv.write(toFile: output, atomically: true, encoding: .utf8) } else { print(csv, terminator: "") }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a version's amounts from CSV: all rows, or none.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Version.") var version: String
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Fiscal year.") var year: Int

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let text = try InputFile.text(file)
                let count = try await BudgetService(workspace: try global.openWorkspace())
                    .importCSV(admin, version: version, year: year, text: text, file: file, at: try global.nowStamp())
                print("Imported \(count) accounts into '\(version)' \(year) of \(admin)")
            }
        }
    }
}
