import ArgumentParser
import Core
import Foundation
import Ledger
import Reporting

/// The range and columns of a report, shared by its subcommands.
struct ReportRangeOptions: ParsableArguments {
    @Option(help: "A fiscal year (2026), a quarter (2026-Q2) or a month (2026-03).") var period: String?
    @Option(help: "First day (YYYY-MM-DD) or month (YYYY-MM); with --to instead of --period.") var from: String?
    @Option(help: "Last day (YYYY-MM-DD) or month (YYYY-MM).") var to: String?
    @Option(help: "Add a comparison column: prior-year or prior-period (repeatable).")
    var compare: [CompareColumn] = []
    @Flag(help: "Add a year-to-date column.") var ytd = false
    @Flag(help: "Add a budget column (the range's budget; empty where there is none).") var budget = false
    @Flag(help: "Show the accounts behind every line.") var detail = false
    @Option(help: "table, csv, json or html.") var format: OutputFormat = .table

    func range(calendar: FiscalCalendar, today: LocalDate) throws -> ClosedRange<LocalDate> {
        if let period {
            guard from == nil && to == nil else { throw ValidationError("give --period or --from/--to, not both") }
            return try ReportPeriod.parse(period, calendar: calendar)
        }
        let r = try DateRange(from: from, to: to, today: today, calendar: calendar)
        guard r.from <= r.to else { throw ValidationError("--from \(r.from) is after --to \(r.to)") }
        return r.from...r.to
    }

    var columns: [ColumnKind] { (ytd ? [.yearToDate] : []) + (budget ? [.budget] : []) + compare.map(\.kind) }
}

/// A comparison column a user may ask for.
enum CompareColumn: String, ExpressibleByArgument, CaseIterable {
    case priorYear = "prior-year", priorPeriod = "prior-period"

    var kind: ColumnKind { self == .priorYear ? .priorYear : .priorPeriod }
}

/// Runs a layout report for the subcommands below.
func runLayoutReport(_ kind: ReportKind, admin: String, layout: String? = nil, global: GlobalOptions,
                     options: ReportRangeOptions) async throws {
    try await face {
        try await global.authorize(.viewer)
        let ledger = try global.openWorkspace().ledger
        let setup = try await ledger.reportSetup(admin)
        let range = try options.range(calendar: try FiscalCalendar(startMonth: setup.administration.fiscalYearStart),
                                      today: try global.todayDate())
        let reports = try await ReportService(ledger: ledger).reports(admin, kind: kind, layout: layout, range: range,
                                                                      columns: options.columns)
        print(try ReportOutput.render(reports, format: options.format, detail: options.detail), terminator: "")
    }
}

extension ReportCommand {
    struct BalanceSheet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "balance-sheet", abstract: "Balance sheet (balans).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @OptionGroup var options: ReportRangeOptions
        func run() async throws { try await runLayoutReport(.balanceSheet, admin: admin, global: global, options: options) }
    }

    struct ProfitAndLoss: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "profit-and-loss",
                                                        abstract: "Profit and loss (winst- en verliesrekening).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @OptionGroup var options: ReportRangeOptions
        func run() async throws { try await runLayoutReport(.profitAndLoss, admin: admin, global: global, options: options) }
    }

    struct CashFlow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cash-flow",
                                                        abstract: "Cash flow by the indirect method (kasstroomoverzicht).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @OptionGroup var options: ReportRangeOptions
        func run() async throws { try await runLayoutReport(.cashFlow, admin: admin, global: global, options: options) }
    }

    struct KPIs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "kpis", abstract: "Key figures (kengetallen).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "Only this KPI layout (e.g. horeca-kpi).") var layout: String?
        @OptionGroup var options: ReportRangeOptions
        func run() async throws {
            try await runLayoutReport(.kpi, admin: admin, layout: layout, global: global, options: options)
        }
    }

    struct VATReturnCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vat-return", abstract: "VAT return (aangifte omzetbelasting) with the ICP listing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "A quarter (2026-Q2), a month (2026-03) or a year.") var period: String?
        @Option(help: "First month (YYYY-MM).") var from: String?
        @Option(help: "Last month (YYYY-MM).") var to: String?
        @Option(help: "table, csv, json or html.") var format: OutputFormat = .table

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ledger = try global.openWorkspace().ledger
                let setup = try await ledger.reportSetup(admin)
                let calendar = try FiscalCalendar(startMonth: setup.administration.fiscalYearStart)
                let range: ClosedRange<LocalDate>
                if let period {
                    range = try ReportPeriod.parse(period, calendar: calendar)
                } else {
                    guard let from, let to else { throw ValidationError("give --period, or --from and --to") }
                    range = try DateRange.parse(from, field: "--from", end: false)...DateRange.parse(to, field: "--to", end: true)
                }
                let v = try await ReportService(ledger: ledger).vatReturn(admin, from: range.lowerBound, to: range.upperBound)
                print(try ReportOutput.render(v, format: format), terminator: "")
            }
        }
    }
}
