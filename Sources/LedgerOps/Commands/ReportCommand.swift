import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops report`: reports over an administration.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports.", subcommands: [TrialBalanceCommand.self])
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// A date range from `--from`/`--to`: days (`2026-03-14`) or periods (`2026-03`); defaults to the fiscal year of today.
struct DateRange {
    var from: LocalDate
    var to: LocalDate

    init(from: String?, to: String?, today: LocalDate, calendar: FiscalCalendar) throws {
        let year = calendar.fiscalYear(containing: today)
        self.from = try from.map { try Self.parse($0, field: "--from", end: false) } ?? calendar.startOfYear(year)
        self.to = try to.map { try Self.parse($0, field: "--to", end: true) }
            ?? calendar.endOfYear(calendar.fiscalYear(containing: self.from))
    }

    static func parse(_ text: String, field: String, end: Bool) throws -> LocalDate {
        if text.count == 7, let month = Int(text.suffix(2)), let year = Int(text.prefix(4)), text.dropFirst(4).first == "-" {
            let first = try LocalDate(year: year, month: month, day: 1)
            return end ? first.lastOfMonth : first
        }
        return try LocalDate(parsing: text, field: field)
    }
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
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            try await face {
                let ledger = try global.openWorkspace().ledger
                let admin = try await ledger.summary(self.admin).administration
                let range = try DateRange(from: from, to: to, today: try global.todayDate(),
                                          calendar: try FiscalCalendar(startMonth: admin.fiscalYearStart))
                let tb = try await ledger.trialBalance(admin.id, from: range.from, to: range.to, costCentre: costCentre,
                                                       includeClosing: includeClosing)
                print(TrialBalanceOutput.render(tb, format: format), terminator: format == .table ? "\n" : "")
            }
        }
    }
}

/// Renders a trial balance as a table, CSV or JSON.
enum TrialBalanceOutput {
    static func render(_ tb: TrialBalance, format: OutputFormat) -> String {
        let d = tb.currency.minorDigits
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(tb)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            var out = "account,name,type,opening,debit,credit,closing\n"
            for r in tb.rows {
                out += [r.account, csvField(r.name), r.type.rawValue, Money.format(r.opening, digits: d),
                        Money.format(r.debit, digits: d), Money.format(r.credit, digits: d),
                        Money.format(r.closing, digits: d)].joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var table = TextTable(["account", "name", "opening", "debit", "credit", "closing"], rightAligned: [2, 3, 4, 5])
            func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: d) }
            for r in tb.rows {
                table.add([r.account, String(r.name.prefix(40)), f(r.opening), f(r.debit), f(r.credit), f(r.closing)])
            }
            table.separator()
            table.add(["", "Total", f(tb.totalOpening), f(tb.totalDebit), f(tb.totalCredit), f(tb.totalClosing)])
            let title = "Trial balance \(tb.administration) \(tb.from) – \(tb.to) (\(tb.currency))"
                + (tb.costCentre.map { ", cost centre \($0)" } ?? "")
            return title + "\n" + table.render()
        }
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
