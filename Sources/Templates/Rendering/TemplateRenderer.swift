import Core

/// Resolves inheritance (`extends`, override by key, explicit `remove:`), applies overlays, and checks what
/// results; problems are collected with the file and line of the item that caused them.
struct TemplateRenderer {
    let set: TemplateSet
    var problems: [TemplateError] = []
    private var cache: [String: Rendered?] = [:]

    init(set: TemplateSet) { self.set = set }

    /// A template's items after inheritance, each with where it was last written.
    struct Rendered {
        var currency: CurrencyCode
        var fiscalYearStart: Int
        var accounts: [String: Located<Account>] = [:]
        var vatCodes: [String: Located<VATCode>] = [:]
        var journals: [String: Located<Journal>] = [:]
        var reports: [String: Located<ReportLayout>] = [:]
        var dashboards: [String: Located<Dashboard>] = [:]
        var indicators: [String: Located<IndicatorThreshold>] = [:]
        var settings: [String: Located<TemplateDefinition.Setting>] = [:]

        func has(_ kind: ItemKind, _ key: String) -> Bool {
            switch kind {
            case .accounts: accounts[key] != nil
            case .vatCodes: vatCodes[key] != nil
            case .journals: journals[key] != nil
            case .reports: reports[key] != nil
            case .dashboards: dashboards[key] != nil
            case .indicators: indicators[key] != nil
            case .settings: settings[key] != nil
            }
        }

        mutating func remove(_ kind: ItemKind, _ key: String) {
            switch kind {
            case .accounts: accounts[key] = nil
            case .vatCodes: vatCodes[key] = nil
            case .journals: journals[key] = nil
            case .reports: reports[key] = nil
            case .dashboards: dashboards[key] = nil
            case .indicators: indicators[key] = nil
            case .settings: settings[key] = nil
            }
        }
    }

    mutating func render(template name: String) -> AdministrationConfig? {
        guard let rendered = resolve(name, chain: []) else { return nil }
        let before = problems.count
        check(rendered, template: name)
        guard problems.count == before else { return nil }
        return config(rendered, template: name)
    }

    func config(_ r: Rendered, template: String) -> AdministrationConfig {
        // `renamed_from` is about the change, not the account: it moves to the configuration's renumbering list.
        var renumbered: [String: String] = [:]
        let accounts = r.accounts.values.map { located -> Account in
            var account = located.value
            if let old = account.renamedFrom { renumbered[account.code] = old }
            account.renamedFrom = nil
            return account
        }
        return AdministrationConfig(
            template: template, currency: r.currency, fiscalYearStart: r.fiscalYearStart,
            accounts: accounts, vatCodes: r.vatCodes.values.map(\.value),
            journals: r.journals.values.map(\.value), reports: r.reports.values.map(\.value),
            dashboards: r.dashboards.values.map(\.value), indicators: r.indicators.values.map(\.value),
            settings: Dictionary(uniqueKeysWithValues: r.settings.map { ($0.key, $0.value.value.value) }),
            renumbered: renumbered)
    }

    private mutating func resolve(_ name: String, chain: [String]) -> Rendered? {
        if let cached = cache[name] { return cached }
        guard let t = set.templates[name] else { return nil }
        var base: Rendered
        if let parent = t.extends {
            if chain.contains(parent) || parent == name {
                problems.append(TemplateError(t.file, 0, "inheritance cycle: " + (chain + [name, parent]).joined(separator: " → "),
                                              hint: "a template cannot extend itself, directly or through others"))
                cache[name] = .some(nil)
                return nil
            }
            guard set.templates[parent] != nil else {
                problems.append(TemplateError(t.file, 0, "template '\(name)' extends '\(parent)', which does not exist",
                                              hint: "known: " + set.templates.keys.sorted().joined(separator: ", ")))
                cache[name] = .some(nil)
                return nil
            }
            guard let resolved = resolve(parent, chain: chain + [name]) else { cache[name] = .some(nil); return nil }
            base = resolved
            if t.currency != nil || t.fiscalYearStart != nil {
                if let c = t.currency { base.currency = c }
                if let f = t.fiscalYearStart { base.fiscalYearStart = f }
            }
        } else {
            guard let currency = t.currency, let start = t.fiscalYearStart else {
                problems.append(TemplateError(t.file, 0, "template '\(name)' extends nothing, so it needs currency and fiscalYearStart"))
                cache[name] = .some(nil)
                return nil
            }
            base = Rendered(currency: currency, fiscalYearStart: start)
        }
        for (kind, keys) in t.removals.sorted(by: { $0.key < $1.key }) {
            for key in keys {
                if base.has(kind, key.value) {
                    base.remove(kind, key.value)
                } else {
                    problems.append(TemplateError(key.file, key.line, "remove: \(kind.rawValue) '\(key.value)' is not inherited"
                        + (t.extends.map { " from '\($0)'" } ?? ""), hint: "remove only what a parent template defines"))
                }
            }
        }
        merge(t.accounts, into: &base.accounts, key: \.code, what: "account")
        merge(t.vatCodes, into: &base.vatCodes, key: \.code, what: "VAT code")
        merge(t.journals, into: &base.journals, key: \.code, what: "journal")
        merge(t.reports, into: &base.reports, key: \.id, what: "report")
        merge(t.dashboards, into: &base.dashboards, key: \.id, what: "dashboard")
        merge(t.indicators, into: &base.indicators, key: \.id, what: "indicator")
        merge(t.settings, into: &base.settings, key: \.key, what: "setting")
        cache[name] = .some(base)
        return base
    }

    /// Own items override inherited ones by key; the same key twice in one template is an error.
    private mutating func merge<T>(_ items: [Located<T>], into target: inout [String: Located<T>], key: KeyPath<T, String>,
                                   what: String) {
        var own: [String: Located<T>] = [:]
        for item in items {
            let k = item.value[keyPath: key]
            if let first = own[k] {
                problems.append(TemplateError(item.file, item.line, "\(what) '\(k)' is defined twice (also at \(first.file):\(first.line))",
                                              hint: "keep one of them"))
                continue
            }
            own[k] = item
            target[k] = item
        }
    }

    /// Applies an administration's overlay to its cluster's rendered configuration.
    mutating func apply(_ overlay: OverrideDefinition, to config: AdministrationConfig) -> AdministrationConfig {
        var result = config
        for (kind, keys) in overlay.removals {
            for key in keys {
                let before = result
                switch kind {
                case .accounts: result.accounts.removeAll { $0.code == key.value }
                case .vatCodes: result.vatCodes.removeAll { $0.code == key.value }
                case .journals: result.journals.removeAll { $0.code == key.value }
                case .reports: result.reports.removeAll { $0.id == key.value }
                case .dashboards: result.dashboards.removeAll { $0.id == key.value }
                case .indicators: result.indicators.removeAll { $0.id == key.value }
                case .settings: result.settings[key.value] = nil
                }
                if before == result {
                    problems.append(TemplateError(key.file, key.line, "remove: \(kind.rawValue) '\(key.value)' is not in the cluster's template"))
                }
            }
        }
        for s in overlay.settings { result.settings[s.value.key] = s.value.value }
        for i in overlay.indicators {
            result.indicators.removeAll { $0.id == i.value.id }
            result.indicators.append(i.value)
        }
        return AdministrationConfig(template: result.template, currency: result.currency, fiscalYearStart: result.fiscalYearStart,
                                    accounts: result.accounts, vatCodes: result.vatCodes, journals: result.journals,
                                    reports: result.reports, dashboards: result.dashboards, indicators: result.indicators,
                                    settings: result.settings, renumbered: result.renumbered)
    }
}
