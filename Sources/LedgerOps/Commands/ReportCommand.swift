import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops report`: reports over an administration.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports from the administration's template layouts.",
        subcommands: [TrialBalanceCommand.self, BalanceSheet.self, ProfitAndLoss.self, CashFlow.self, KPIs.self,
                      VATReturnCommand.self])
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, html
}

extension ReportCommand {
    struct TrialBalanceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "trial-balance", abstract: "Trial balance (proefbalans).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "First day (YYYY-MM-DD) or period (YYYY-MM).") var from: String?
        @Option(help: "Last day (YYYY-MM-DD) or period (YYYY-MM).") var to: String?
        @Option(help: "Only lines of this cost centre.") var costCentre: String?
        @Flag(help: "Include the year-end closing entry.") var includeClosing = false
        @Option(help: "table, csv, json or html.") var format: OutputFormat = .table

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ledger = try global.openWorkspace().ledger
                let admin = try await ledger.summary(self.admin).administration
                let range = try DateRange(from: from, to: to, today: try global.todayDate(),
                                          calendar: try FiscalCalendar(startMonth: admin.fiscalYearStart))
                let tb = try await ledger.trialBalance(admin.id, from: range.from, to: range.to, costCentre: costCentre,
                                                       includeClosing: includeClosing)
                print(try TrialBalanceOutput.render(tb, format: format), terminator: format == .table ? "\n" : "")
            }
        }
    }
}
