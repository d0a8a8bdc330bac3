public import Core

/// The differences between two rendered configurations, item by item and field by field, as lines to read.
public enum ConfigurationDiff {
    public static func items(from old: AdministrationConfig?, to new: AdministrationConfig?) -> [String] {
        var lines: [String] = []
        func compare<T: Hashable>(_ kind: String, _ a: [T], _ b: [T], key: (T) -> String, show: (T) -> String) {
            let left = Dictionary(a.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
            let right = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
            for k in Set(left.keys).union(right.keys).sorted() {
                switch (left[k], right[k]) {
                case let (nil, r?): lines.append("+ \(kind) \(k): \(show(r))")
                case let (l?, nil): lines.append("- \(kind) \(k): \(show(l))")
                case let (l?, r?) where l != r: lines.append("~ \(kind) \(k): \(show(l)) → \(show(r))")
                default: break
                }
            }
        }
        let a = old, b = new
        compare("account", a?.accounts ?? [], b?.accounts ?? [], key: \.code) {
            "\($0.name) (\($0.type.rawValue), \($0.normalSide.rawValue)\($0.rgsCode.map { ", \($0)" } ?? "")"
                + "\($0.vatCode.map { ", VAT \($0)" } ?? "")\($0.active ? "" : ", inactive"))"
        }
        compare("VAT code", a?.vatCodes ?? [], b?.vatCodes ?? [], key: \.code) {
            "\($0.rate)% \($0.kind.rawValue) box \($0.box ?? "-")"
        }
        compare("journal", a?.journals ?? [], b?.journals ?? [], key: \.code) { "\($0.name) (\($0.kind.rawValue))" }
        compare("report", a?.reports ?? [], b?.reports ?? [], key: \.id) { "\($0.title), \($0.lines.count) lines" }
        compare("dashboard", a?.dashboards ?? [], b?.dashboards ?? [], key: \.id) { "\($0.title), \($0.widgets.count) widgets" }
        compare("indicator", a?.indicators ?? [], b?.indicators ?? [], key: \.id) { "threshold \($0.threshold)" }
        let settingsA = (a?.settings ?? [:]).map { ($0.key, $0.value.description) }
        let settingsB = (b?.settings ?? [:]).map { ($0.key, $0.value.description) }
        compare("setting", settingsA.map { "\($0.0)=\($0.1)" }, settingsB.map { "\($0.0)=\($0.1)" },
                key: { String($0.split(separator: "=", maxSplits: 1)[0]) },
                show: { String($0.split(separator: "=", maxSplits: 1).dropFirst().first ?? "") })
        return lines
    }
}
