public import Core

/// The differences between two rendered configurations, item by item and field by field, as lines to read.
///
/// Items compare through `ConfigurationFields`, as the reconciler compares them: every changed field is shown
/// old → new (a report line or dashboard widget by the parts that changed), an added or removed item with all
/// its fields.
public enum ConfigurationDiff {
    /// `+` added, `-` removed, `~` changed; an item with several changes or parts continues on indented lines.
    public static func items(from old: AdministrationConfig?, to new: AdministrationConfig?) -> [String] {
        let a = old, b = new
        var lines: [String] = []
        func compare<T>(_ kind: String, _ x: [T], _ y: [T], key: (T) -> String, fields: (T) -> [ConfigurationField]) {
            let left = Dictionary(x.map { (key($0), fields($0)) }, uniquingKeysWith: { first, _ in first })
            let right = Dictionary(y.map { (key($0), fields($0)) }, uniquingKeysWith: { first, _ in first })
            for k in Set(left.keys).union(right.keys).sorted() {
                lines += item("\(kind) \(k)", left[k], right[k])
            }
        }
        compare("account", a?.accounts ?? [], b?.accounts ?? [], key: \.code, fields: ConfigurationFields.account)
        compare("VAT code", a?.vatCodes ?? [], b?.vatCodes ?? [], key: \.code, fields: ConfigurationFields.vatCode)
        compare("journal", a?.journals ?? [], b?.journals ?? [], key: \.code, fields: ConfigurationFields.journal)
        compare("report", a?.reports ?? [], b?.reports ?? [], key: \.id, fields: ConfigurationFields.report)
        compare("dashboard", a?.dashboards ?? [], b?.dashboards ?? [], key: \.id, fields: ConfigurationFields.dashboard)
        compare("indicator", a?.indicators ?? [], b?.indicators ?? [], key: \.id, fields: ConfigurationFields.indicator)
        compare("setting", (a?.settings ?? [:]).map { $0 }, (b?.settings ?? [:]).map { $0 }, key: { $0.key },
                fields: { ConfigurationFields.setting($0.value) })
        return lines
    }

    /// The lines of one item: its fields when added or removed, its readable changes when changed.
    static func item(_ name: String, _ old: [ConfigurationField]?, _ new: [ConfigurationField]?) -> [String] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, let fields?): return whole("+", name, fields)
        case (let fields?, nil): return whole("-", name, fields)
        case (let x?, let y?):
            let before = Dictionary(x.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(y.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            // Fields in the order the item writes them (new ones first, then what only the old one had).
            let names = y.map(\.name) + x.map(\.name).filter { after[$0] == nil }
            let changes = names.flatMap { ReadableChange.of(field: $0, old: before[$0], new: after[$0]) }
            if changes.count == 1, let c = changes.first {
                return ["~ \(name): " + (c.what == "value" ? "\(c.old ?? "—") → \(c.new ?? "—")" : c.text)]
            }
            return changes.isEmpty ? [] : ["~ \(name):"] + changes.map { "    " + $0.text }
        }
    }

    /// An added or removed item: its plain fields on one line, each report line or widget on a line of its own.
    static func whole(_ sign: String, _ name: String, _ fields: [ConfigurationField]) -> [String] {
        if fields.count == 1, let only = fields.first, only.name == "value" {
            return ["\(sign) \(name): \(only.value)"]
        }
        let plain = fields.filter { !ConfigurationFields.isPart($0.name) && $0.name != "order" }
        let parts = fields.filter { ConfigurationFields.isPart($0.name) }
        return ["\(sign) \(name): " + plain.map { "\($0.name) \($0.value)" }.joined(separator: ", ")]
            + parts.map { "    \($0.name): \($0.value)" }
    }
}
