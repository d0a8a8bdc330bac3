import ArgumentParser
import Core
import Foundation
import Monitoring

/// `ledgerops monitor`: which administrations need attention today, per indicator, and the items behind each number.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor", abstract: "Indicators over your administrations: overview, drill-down, one administration.",
        subcommands: [Overview.self, Drill.self, AdminView.self, Threshold.self, CatalogueCommand.self],
        defaultSubcommand: Overview.self)

    /// The scope flags shared by the views.
    struct Scope: ParsableArguments {
        @Flag(help: "Your team's administrations instead of your own.") var team = false
        @Flag(help: "Every administration of the bureau.") var all = false

        var scope: MonitorScope { all ? .bureau : team ? .team : .personal }
    }

    static func value(_ v: DecimalNumber?, _ unit: IndicatorUnit) -> String {
        guard let v else { return "–" }
        return switch unit {
        case .amount: Money.formatGrouped(v.mantissa * DecimalNumber.powerOfTen(max(0, 2 - v.scale)), digits: max(v.scale, 2))
        case .percent: "\(v)%"
        case .days: "\(v) d"
        default: v.description
        }
    }

    struct Overview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "overview", abstract: "Per indicator, how many administrations exceed it.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: Scope
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let user = try await global.authorize(.viewer)
                let service = MonitorService(ledger: try global.openWorkspace().ledger)
                let overview = try await service.overview(user: user, scope: scope.scope, today: try global.todayDate())
                if json { return try printJSON(overview) }
                print("Monitor for \(user) (\(overview.scope.rawValue), \(overview.administrations) administrations) on \(overview.today)")
                var t = TextTable(["area", "indicator", "exceeding", "of", "threshold"], rightAligned: [2, 3])
                var area: IndicatorArea?
                for c in overview.indicators {
                    if area != nil && area != c.indicator.area { t.separator() }
                    let threshold = !c.enabled ? "off" : c.userThreshold.map { "yours: \(MonitorCommand.value($0, c.indicator.unit))" }
                        ?? "\(c.indicator.comparison == .below ? "<" : ">") template"
                    t.add([area == c.indicator.area ? "" : c.indicator.area.rawValue, c.indicator.id,
                           c.enabled ? String(c.exceeding) : "", c.enabled ? String(c.evaluated) : "", threshold])
                    area = c.indicator.area
                }
                print(t.render())
            }
        }
    }

    struct Drill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The administrations exceeding one indicator, with the items behind it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Indicator id (see `ledgerops monitor catalogue`).") var indicator: String
        @OptionGroup var scope: Scope
        @Option(help: "Show the worst so many administrations.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let user = try await global.authorize(.viewer)
                let service = MonitorService(ledger: try global.openWorkspace().ledger)
                let readings = try await service.drill(indicator, user: user, scope: scope.scope, today: try global.todayDate(),
                                                       limit: limit)
                if json { return try printJSON(readings) }
                let unit = Catalogue.byID[indicator]!.indicator.unit
                print(readings.isEmpty ? "No administration exceeds \(indicator)"
                    : "\(readings.count) administrations exceed \(indicator)" + (readings.count == limit ? " (the worst \(limit); --limit shows more)" : ""))
                for r in readings {
                    print("\n\(r.administration)  \(r.name)  \(MonitorCommand.value(r.value, unit)) (threshold \(MonitorCommand.value(r.threshold, unit)))  → \(r.action)")
                    for item in r.items.prefix(20) { print("    " + MonitorCommand.line(item)) }
                    if r.items.count > 20 { print("    … and \(r.items.count - 20) more") }
                }
            }
        }
    }

    static func line(_ item: MonitorItem) -> String {
        [item.reference, item.text, item.date.map { "\($0)" }, item.until.map { "to \($0)" },
         item.amount.map { Money.formatGrouped($0, digits: 2) }].compactMap { $0 }.joined(separator: "  ")
    }

    struct AdminView: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "admin", abstract: "Every indicator of one administration.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let user = try await global.authorize(.viewer)
                let service = MonitorService(ledger: try global.openWorkspace().ledger)
                let readings = try await service.administration(admin, user: user, today: try global.todayDate())
                if json { return try printJSON(readings) }
                var t = TextTable(["", "indicator", "value", "threshold"], rightAligned: [2, 3])
                for r in readings {
                    let unit = Catalogue.byID[r.indicator]!.indicator.unit
                    t.add([r.exceeded ? "!" : "", r.indicator, MonitorCommand.value(r.value, unit), MonitorCommand.value(r.threshold, unit)])
                }
                print(t.render())
                for r in readings where r.exceeded {
                    print("\n! \(r.indicator) → \(r.action)")
                    for item in r.items.prefix(10) { print("    " + MonitorCommand.line(item)) }
                }
            }
        }
    }

    struct Threshold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your own threshold for an indicator: a value, off, on, or template.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Indicator id.") var indicator: String
        @Argument(help: "A number, `off`, `on`, or `template` (back to the administrations' own).") var value: String

        func run() async throws {
            try await face {
                let user = try await global.authorize(.viewer)
                let service = MonitorService(ledger: try global.openWorkspace().ledger)
                switch value {
                case "off": try await service.setPreference(indicator, user: user, threshold: nil, enabled: false)
                case "on", "template": try await service.setPreference(indicator, user: user, threshold: nil, enabled: true)
                default:
                    try await service.setPreference(indicator, user: user,
                                                    threshold: try DecimalNumber(parsing: value, field: "threshold"), enabled: true)
                }
                print("\(indicator) for \(user): \(value)")
            }
        }
    }

    struct CatalogueCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "catalogue", abstract: "Every indicator with its area, unit and default threshold.")
        @Flag(help: "As the Markdown of docs/indicators.md.") var markdown = false
        @Flag(help: "As the indicators.yaml of templates/base.") var yaml = false

        func run() async throws {
            if markdown { return print(CatalogueDocument.markdown(), terminator: "") }
            if yaml { return print(CatalogueDocument.yaml(), terminator: "") }
            var t = TextTable(["id", "area", "unit", "flagged when", "default"], rightAligned: [4])
            for e in Catalogue.entries {
                t.add([e.indicator.id, e.indicator.area.rawValue, e.indicator.unit.rawValue, e.indicator.comparison.rawValue,
                       e.indicator.defaultThreshold.description])
            }
            print(t.render())
        }
    }
}
