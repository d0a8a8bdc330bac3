import Core
import Templates

extension AdministrationConfig {
    /// This configuration with one item taken as `other` has it (or removed, when `other` lacks it).
    func replacing(_ key: ItemKey, from other: AdministrationConfig?) -> AdministrationConfig {
        var c = self
        func swap<T>(_ items: inout [T], _ source: [T]?, _ id: (T) -> String) {
            items.removeAll { id($0) == key.key }
            if let found = source?.first(where: { id($0) == key.key }) { items.append(found) }
        }
        switch key.kind {
        case .accounts: swap(&c.accounts, other?.accounts, \.code)
        case .vatCodes: swap(&c.vatCodes, other?.vatCodes, \.code)
        case .journals: swap(&c.journals, other?.journals, \.code)
        case .reports: swap(&c.reports, other?.reports, \.id)
        case .dashboards: swap(&c.dashboards, other?.dashboards, \.id)
        case .indicators: swap(&c.indicators, other?.indicators, \.id)
        case .settings: c.settings[key.key] = other?.settings[key.key]
        }
        // Re-sorted through the initialiser, so the canonical form stays canonical.
        return AdministrationConfig(template: c.template, currency: c.currency, fiscalYearStart: c.fiscalYearStart,
                                    accounts: c.accounts, vatCodes: c.vatCodes, journals: c.journals, reports: c.reports,
                                    dashboards: c.dashboards, indicators: c.indicators, settings: c.settings,
                                    renumbered: c.renumbered)
    }
}
