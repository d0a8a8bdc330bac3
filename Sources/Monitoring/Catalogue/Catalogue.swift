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

/// An indicator with the rule that turns an administration's facts and today into its value and items.
public struct CatalogueEntry: Sendable {
    public let indicator: Indicator
    public let evaluate: @Sendable (MonitorFacts, LocalDate) -> Evaluation
}

/// The documented catalogue of indicators (docs/indicators.md lists them): at least two per process area.
public enum Catalogue {
    static func n(_ v: Int) -> DecimalNumber { .of(Int64(v)) }
    static func money(_ minor: Int64, _ f: MonitorFacts) -> DecimalNumber { DecimalNumber(mantissa: minor, scale: f.currencyDigits) }

    /// A count of the facts' items.
    static func count(_ items: any KeyPath<MonitorFacts, [MonitorItem]> & Sendable) -> @Sendable (MonitorFacts, LocalDate) -> Evaluation {
        { f, _ in Evaluation(n(f[keyPath: items].count), f[keyPath: items]) }
    }

    /// Items past their due date (plus `grace` days) today, with a positive amount.
    static func overdue(_ items: [MonitorItem], _ today: LocalDate, grace: Int = 0) -> [MonitorItem] {
        items.filter { ($0.date.map { $0.adding(days: grace) < today } ?? false) && ($0.amount ?? 0) > 0 }
    }

    static func daysSince(_ items: [MonitorItem], _ today: LocalDate) -> Evaluation {
        guard let oldest = items.compactMap(\.date).min() else { return Evaluation(nil) }
        return Evaluation(n(oldest.days(until: today)), items.filter { $0.date == oldest })
    }

    static func kpi(_ f: MonitorFacts, _ line: String) -> Evaluation {
        let value: DecimalNumber? = switch f.kpis[line] {
        case .amount(let a): money(a, f)
        case .number(let v): v
        case nil: nil
        }
        let items = value == nil ? [] : [MonitorItem(line, "KPI line \(line) year to date, as of \(f.asOf)", date: f.asOf)]
        return Evaluation(value, items)
    }

    static func deviation(_ actual: Int64, _ budget: Int64?, _ what: String, _ f: MonitorFacts) -> Evaluation {
        guard let budget, budget != 0 else { return Evaluation(nil) }
        let off = Int128(abs(actual - budget)) * 1000, base = Int128(abs(budget))
        let percent = DecimalNumber(mantissa: Int64((off + base / 2) / base), scale: 1)
        return Evaluation(percent, [MonitorItem(what, "\(what) year to date: actual against budget", date: f.asOf,
                                                amount: actual - budget)])
    }

    /// VAT periods ended and not settled; due the last day of the month after.
    static func unfiled(_ f: MonitorFacts, before today: LocalDate) -> [MonitorItem] {
        f.vatPeriods.filter { ($0.amount ?? 0) != 0 && ($0.date ?? today) < today }
    }

    static func due(_ end: LocalDate) -> LocalDate { end.adding(days: 1).lastOfMonth }

    /// Every indicator, in area order.
    public static let entries: [CatalogueEntry] = bank + purchasesAndSales + assetsAndVAT + ledgerAndClosing + dataAndBudget
        + kpiAndConfiguration

    /// The catalogue by id.
    public static let byID: [String: CatalogueEntry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.indicator.id, $0) })
}
