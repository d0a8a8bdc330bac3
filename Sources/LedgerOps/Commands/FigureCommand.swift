import ArgumentParser
import Core
import Ledger
import Reporting

/// `ledgerops figure`: non-financial figures per month (FTE, covers, hectares) that KPI layouts divide by.
struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure", abstract: "Figures entered per month (FTE and other non-financial figures).",
        subcommands: [Set.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enter a figure for a month (or clear it with --clear).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Figure key, as KPI layouts name it (fte).") var key: String
        @Argument(help: "Month (YYYY-MM).") var period: String
        @Argument(help: "Value, exact (4.5).") var value: String?
        @Flag(help: "Remove the figure for that month.") var clear = false

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let month = try DateRange.parse(period, field: "period", end: false)
                guard period.count == 7 else { throw ValidationError("period '\(period)' is not a month; use YYYY-MM") }
                guard clear || value != nil else { throw ValidationError("give a value, or --clear") }
                let number = try value.map { try DecimalNumber(parsing: $0, field: "value") }
                try await global.openWorkspace().ledger.setFigure(key, month: month, to: clear ? nil : number, in: admin)
                print(clear ? "Cleared \(key) for \(period) in \(admin)" : "Set \(key) for \(period) in \(admin) to \(number!)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Figures of a period, per key and month.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "A fiscal year (2026), a quarter or a month.") var period: String?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ledger = try global.openWorkspace().ledger
                let setup = try await ledger.reportSetup(admin)
                let calendar = try FiscalCalendar(startMonth: setup.administration.fiscalYearStart)
                let range = try period.map { try ReportPeriod.parse($0, calendar: calendar) }
                    ?? { let y = calendar.fiscalYear(containing: try global.todayDate())
                         return calendar.startOfYear(y)...calendar.endOfYear(y) }()
                var table = TextTable(["month"], rightAligned: [])
                var months: [LocalDate] = []
                var month = range.lowerBound.firstOfMonth
                while month <= range.upperBound { months.append(month); month = month.adding(months: 1) }
                var columns: [String: [String: String]] = [:]
                for m in months {
                    for (key, values) in try await ledger.figures(admin, from: m, to: m.lastOfMonth) {
                        columns[key, default: [:]]["\(m)".prefix(7).description] = values.first?.description
                    }
                }
                let keys = columns.keys.sorted()
                table = TextTable(["month"] + keys, rightAligned: Swift.Set(1...max(1, keys.count)))
                for m in months {
                    let label = "\(m)".prefix(7).description
                    table.add([label] + keys.map { columns[$0]?[label] ?? "" })
                }
                print(keys.isEmpty ? "No figures entered for \(admin) in \(range.lowerBound) – \(range.upperBound)" : table.render())
            }
        }
    }
}
