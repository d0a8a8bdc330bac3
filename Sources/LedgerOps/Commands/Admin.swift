import ArgumentParser
import Core
import Foundation
import Ledger
import Reconciler
import Workspace

/// `ledgerops admin`: administrations (create, list, show).
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and show administrations; suspend or resume their reconciling.",
        subcommands: [Create.self, List.self, Show.self, Suspend.self, Resume.self])
}

extension Admin {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an administration from its cluster's template (or an ad-hoc chart).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id (letters, digits, '-' and '_').") var id: String
        @Option(help: "Company name.") var name: String
        @Option(help: "An ad-hoc accounts.csv instead of a cluster template (VAT codes and journals from base).")
        var chart: String?
        @Option(help: "ISO 4217 currency (with --chart).") var currency = "EUR"
        @Option(help: "Month (1-12) the fiscal year starts in (with --chart).") var fiscalYearStart = 1
        @Option(help: "Cluster whose template configures it (mkb, landbouw, horeca).") var cluster = "mkb"
        @Option(help: "Responsible accountant.") var responsible: String?
        @Option(help: "First fiscal year to open (default: the one containing today).") var year: Int?

        func run() async throws {
            try await face {
                try await global.authorize(.admin)
                let workspace = try global.openWorkspace()
                let today = try global.todayDate()
                if let chart {
                    let base = try workspace.templateSet().render(template: "base")
                    let text = try String(contentsOfFile: chart, encoding: .utf8)
                    let adHoc = ChartOfAccounts(accounts: try ChartOfAccounts.parseAccounts(csv: text, file: chart),
                                                vatCodes: base.vatCodes, journals: base.journals)
                    let admin = Administration(id: id, name: name, currency: try CurrencyCode(currency),
                                               fiscalYearStart: fiscalYearStart, cluster: nil, responsible: responsible)
                    let firstYear = try year ?? FiscalCalendar(startMonth: fiscalYearStart).fiscalYear(containing: today)
                    _ = try await workspace.ledger.createAdministration(admin, chart: adHoc, openYear: firstYear)
                    print("Created administration \(id) (\(name)), \(adHoc.accounts.count) accounts from \(chart), "
                        + "fiscal year \(firstYear) open")
                    return
                }
                let set = try workspace.templateSet()
                let config = try set.render(cluster: cluster, administration: id)
                let firstYear = try year ?? FiscalCalendar(startMonth: config.fiscalYearStart).fiscalYear(containing: today)
                let applied = try await workspace.createAdministration(id: id, name: name, cluster: cluster,
                                                                        responsible: responsible, openYear: firstYear, in: set)
                print("Created administration \(id) (\(name)) in cluster \(cluster): template \(config.template) at "
                    + "\(applied.revision.prefix(7)), \(config.accounts.count) accounts, fiscal year \(firstYear) open")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List administrations.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
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
                try await global.authorize(.viewer)
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

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop reconciling an administration.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            try await face {
                try await global.authorize(.admin)
                try await ReconcilerService(workspace: try global.openWorkspace()).setSuspended(true, admin: id)
                print("Suspended \(id): the reconciler leaves it alone until resumed")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reconcile an administration again.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            try await face {
                try await global.authorize(.admin)
                try await ReconcilerService(workspace: try global.openWorkspace()).setSuspended(false, admin: id)
                print("Resumed \(id)")
            }
        }
    }
}
