import ArgumentParser
import Consolidation
import Core
import Server

/// `ledgerops consolidate GROUP`: the group's consolidated statements with a column per entity, the translation,
/// the eliminations and the total, and the trace of every elimination.
struct ConsolidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate", abstract: "Consolidate a group: balance sheet, P&L and cash flow with every elimination traced.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Group name (groups/NAME.yaml in the template repository).") var group: String
    @Option(help: "A fiscal year (2026), quarter (2026-Q3) or month (2026-09); default: this year to date.") var period: String?
    @Option(help: "table, csv, json or html.") var format: OutputFormat = .table

    func run() async throws {
        try await face {
            try await global.authorize(.viewer)
            let workspace = try global.openWorkspace()
            let service = ConsolidationService(workspace: workspace)
            let range = try await service.range(of: group, period: period, today: try global.todayDate())
            let result = try await service.consolidate(group, range: range)
            let document = result.document()
            switch format {
            case .json: print(try ReportOutput.json(document), terminator: "")
            case .html: print(ConsolidationPage.html(document, digits: result.group.currency.minorDigits))
            case .csv: print(ConsolidationOutput.csv(document), terminator: "")
            case .table: print(ConsolidationOutput.table(document))
            }
        }
    }
}

/// `ledgerops group list|show`: the groups as reviewed.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Groups consolidated from administrations.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every group, as its last reviewed definition has it.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let service = ConsolidationService(workspace: try global.openWorkspace())
                var table = TextTable(["group", "title", "parent", "currency", "members"])
                for g in try await service.groups() {
                    table.add([g.name, g.title, g.parent, g.currency.code,
                               g.members.map { "\($0.entity.key) \($0.ownership)%" }.joined(separator: ", ")])
                }
                print(table.render())
            }
        }
    }
}

/// `ledgerops rate set|import|list`: exchange rates per currency pair and period.
struct RateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Exchange rates for consolidation (closing, average, historical).",
        subcommands: [Set.self, Import.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the rates of a pair for a period (EUR/NOK 2026-12 --closing 11.72).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Currency pair: units of the second per unit of the first (EUR/NOK).") var pair: String
        @Argument(help: "Month (2026-12), quarter (2026-Q4) or year (2026).") var period: String
        @Option(help: "Rate at the period's end.") var closing: String?
        @Option(help: "Average over the period.") var average: String?
        @Option(help: "Historical rate (for equity at acquisition).") var historical: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                func decimal(_ text: String?, _ field: String) throws -> DecimalNumber? {
                    try text.map { try DecimalNumber(parsing: $0, field: field) }
                }
                try await ConsolidationService(workspace: try global.openWorkspace()).setRate(
                    pair: pair, period: period, closing: try decimal(closing, "closing"),
                    average: try decimal(average, "average"), historical: try decimal(historical, "historical"))
                print("Set \(pair) \(period)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import rates from CSV: pair,period,closing,average,historical.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let text = try InputFile.text(file)
                let count = try await ConsolidationService(workspace: try global.openWorkspace()).importRates(text, file: file)
                print("Imported \(count) rates from \(file)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every stored rate.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                var table = TextTable(["pair", "period", "closing", "average", "historical"], rightAligned: [2, 3, 4])
                for r in try await ConsolidationService(workspace: try global.openWorkspace()).rates() {
                    table.add([r.pair, r.period, r.closing?.description ?? "", r.average?.description ?? "",
                               r.historical?.description ?? ""])
                }
                print(table.render())
            }
        }
    }
}
