public import Core

/// An indicator's value for one administration today, and the items behind it.
public struct Evaluation: Sendable, Equatable {
    /// Nil when the indicator does not apply (no unprocessed line to be old, no budget to deviate from).
    public var value: DecimalNumber?
    public var items: [MonitorItem]

    public init(_ value: DecimalNumber?, _ items: [MonitorItem] = []) {
        self.value = value
        self.items = items
    }
}

/// An indicator with its rules: the value from an administration's summary and today (the overview reads only
/// summaries), and the items behind it from the full facts (a drill-down reads those).
public struct CatalogueEntry: Sendable {
    public let indicator: Indicator
    public let value: @Sendable (MonitorSummary, LocalDate) -> DecimalNumber?
    public let items: @Sendable (MonitorFacts, LocalDate) -> [MonitorItem]

    /// Value and items together, for one administration.
    public func evaluate(_ facts: MonitorFacts, summary: MonitorSummary? = nil, today: LocalDate) -> Evaluation {
        let value = value(summary ?? MonitorSummary(facts), today)
        return Evaluation(value, value == nil ? [] : items(facts, today))
    }
}

/// The documented catalogue of indicators (docs/indicators.md lists them): at least two per process area.
public enum Catalogue {
    static func n(_ v: Int) -> DecimalNumber { .of(Int64(v)) }
    static func money(_ minor: Int64, _ digits: Int) -> DecimalNumber { DecimalNumber(mantissa: minor, scale: digits) }
    static func days(_ from: Int?, _ today: LocalDate) -> DecimalNumber? { from.map { n(today.dayNumber - $0) } }

    /// A count kept in the summary, with the facts' list behind it.
    static func counted(_ slot: MonitorSummary.Count, _ list: any KeyPath<MonitorFacts, [MonitorItem]> & Sendable)
        -> (@Sendable (MonitorSummary, LocalDate) -> DecimalNumber?, @Sendable (MonitorFacts, LocalDate) -> [MonitorItem])
    {
        ({ s, _ in n(s.count(slot)) }, { f, _ in f[keyPath: list] })
    }

    /// The indicator's data from the catalogue in Core.
    static func definition(_ id: String) -> Indicator { IndicatorCatalogue.byID[id]! }

    static func entry(_ indicator: Indicator,
                      _ rules: (@Sendable (MonitorSummary, LocalDate) -> DecimalNumber?, @Sendable (MonitorFacts, LocalDate) -> [MonitorItem]))
        -> CatalogueEntry
    {
        CatalogueEntry(indicator: indicator, value: rules.0, items: rules.1)
    }

    /// Items past their due date (plus `grace` days) today, with a positive amount.
    static func overdue(_ items: [MonitorItem], _ today: LocalDate, grace: Int = 0) -> [MonitorItem] {
        items.filter { ($0.date.map { $0.adding(days: grace) < today } ?? false) && ($0.amount ?? 0) > 0 }
    }

    static func oldest(_ items: [MonitorItem]) -> [MonitorItem] {
        guard let first = items.compactMap(\.date).min() else { return [] }
        return items.filter { $0.date == first }
    }

    static func deviation(_ actual: Int64, _ budget: Int64?) -> DecimalNumber? {
        guard let budget, budget != 0 else { return nil }
        let off = Int128(abs(actual - budget)) * 1000, base = Int128(abs(budget))
        return DecimalNumber(mantissa: Int64((off + base / 2) / base), scale: 1)
    }

    /// The last day of the month after a VAT period's end: when its return is due.
    static func due(_ end: Int) -> Int { LocalDate(dayNumber: end).adding(days: 1).lastOfMonth.dayNumber }

    /// Every indicator, in area order.
    public static let entries: [CatalogueEntry] = bank + purchasesAndSales + assetsAndVAT + ledgerAndClosing + dataAndBudget
        + kpiAndConfiguration

    /// The catalogue by id.
    public static let byID: [String: CatalogueEntry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.indicator.id, $0) })
}
