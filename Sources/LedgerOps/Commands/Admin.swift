import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops admin`: administrations (create, list, show).
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and show administrations.", subcommands: [Create.self, List.self, Show.self])
}

extension Admin {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an administration from the base chart.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id (letters, digits, '-' and '_').") var id: String
        @Option(help: "Company name.") var name: String
        @Option(help: "accounts.csv to use instead of the workspace's base chart.") var chart: String?
        @Option(help: "ISO 4217 currency.") var currency = "EUR"
        @Option(help: "Month (1-12) the fiscal year starts in.") var fiscalYearStart = 1
        @Option(help: "Cluster (mkb, landbouw, horeca).") var cluster: String?
        @Option(help: "Responsible accountant.") var responsible: String?
        @Option(help: "First fiscal year to open (default: the one containing today).") var year: Int?

        func run() async throws {
            try await face {
                let workspace = try global.openWorkspace()
                let chartOfAccounts = try ChartLoader.load(directory: workspace.baseChartDirectory, accountsFile: chart)
                let admin = Administration(id: id, name: name, currency: try CurrencyCode(currency),
                                           fiscalYearStart: fiscalYearStart, cluster: cluster, responsible: responsible)
                let calendar = try FiscalCalendar(startMonth: fiscalYearStart)
                let firstYear = try year ?? calendar.fiscalYear(containing: global.todayDate())
                _ = try await workspace.ledger.createAdministration(admin, chart: chartOfAccounts, openYear: firstYear)
                print("Created administration \(id) (\(name)), \(chartOfAccounts.accounts.count) accounts, "
                    + "fiscal year \(firstYear) open")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List administrations.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let admins = try await global.openWorkspace().ledger.administrations()
                if json { return try printJSON(admins) }
                var table = TextTable(["id", "name", "cluster", "currency", "responsible"])
                for a in admins { table.add([a.id, a.name, a.cluster ?? "", a.currency.code, a.responsible ?? ""]) }
                print(table.render())
                print("\(admins.count) administrations")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one administration.")

        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let s = try await global.openWorkspace().ledger.summary(id)
                if json { return try printJSON(s) }
                let a = s.administration
                print("""
                    \(a.id)  \(a.name)
                      cluster      \(a.cluster ?? "-")
                      currency     \(a.currency)
                      fiscal year  starts in month \(a.fiscalYearStart)
                      responsible  \(a.responsible ?? "-")
                      accounts     \(s.accounts)
                      relations    \(s.relations)
                      entries      \(s.entries) (\(s.lines) lines)
                      open items   \(s.openItems)
                    """)
                for y in s.years {
                    let open = y.openPeriods.filter { (1...12).contains($0) }
                    print("  year \(y.year)    \(y.start) – \(y.end), " + (y.closed ? "closed" :
                        "open periods: " + (open.isEmpty ? "none" : open.map(String.init).joined(separator: ","))))
                }
            }
        }
    }
}
