public import Core

/// One field of a configuration item and its canonical text.
public typealias ConfigurationField = (name: String, value: String)

/// Every configuration item as named fields with canonical, readable text: the one form the reconciler compares
/// (desired, last applied, live) and `template diff` prints, so what a reviewer reads is what is compared.
///
/// Absent values are left out, so absent and empty never differ. A report is a field per line (`line revenue`),
/// a dashboard a field per widget, each keyed by its id (by position, `#3`, when the id is empty or repeated), plus
/// their order: a two-label change is two short fields, never the whole layout.
public enum ConfigurationFields {
    /// An account's fields.
    public static func account(_ a: Account) -> [ConfigurationField] {
        present([("name", a.name), ("type", a.type.rawValue), ("normal", a.normalSide.rawValue), ("rgs", a.rgsCode),
                 ("vat", a.vatCode), ("control", a.control?.rawValue), ("active", a.active ? "true" : "false")])
    }

    /// A VAT code's fields, its validity dates included.
    public static func vatCode(_ v: VATCode) -> [ConfigurationField] {
        present([("description", v.description), ("rate", v.rate.description), ("kind", v.kind.rawValue),
                 ("box", v.box), ("deductibleBox", v.deductibleBox), ("payableAccount", v.payableAccount),
                 ("receivableAccount", v.receivableAccount), ("validFrom", v.validFrom?.description),
                 ("validTo", v.validTo?.description)])
    }

    /// A journal's fields.
    public static func journal(_ j: Journal) -> [ConfigurationField] {
        present([("name", j.name), ("kind", j.kind.rawValue), ("account", j.account)])
    }

    /// A report layout's fields: title, kind, one per line in report order, and the order of the lines.
    public static func report(_ r: ReportLayout) -> [ConfigurationField] {
        let keys = positionKeys(r.lines.map(\.id))
        return present([("title", r.title), ("kind", r.kind.rawValue)])
            + zip(keys, r.lines).map { ("line \($0)", text($1)) } + order(keys)
    }

    /// A dashboard's fields: title, one per widget in dashboard order, and the order of the widgets.
    public static func dashboard(_ d: Dashboard) -> [ConfigurationField] {
        let keys = positionKeys(d.widgets.map(\.id))
        return present([("title", d.title)]) + zip(keys, d.widgets).map { ("widget \($0)", text($1)) } + order(keys)
    }

    /// An indicator threshold's field.
    public static func indicator(_ i: IndicatorThreshold) -> [ConfigurationField] {
        [("threshold", i.threshold.description)]
    }

    /// A setting's field.
    public static func setting(_ value: SettingValue) -> [ConfigurationField] { [("value", value.description)] }

    /// One report line as text: `label "Netto-omzet"; rgs WOmz; sign credit`, every property the line has, in a
    /// fixed order, each part named by its first word.
    public static func text(_ line: ReportLine) -> String {
        var parts = ["label " + quoted(line.label)]
        if let s = line.selector {
            if !s.accounts.isEmpty { parts.append("accounts " + list(s.accounts)) }
            if !s.rgs.isEmpty { parts.append("rgs " + list(s.rgs)) }
            if !s.types.isEmpty { parts.append("types " + list(s.types.map(\.rawValue))) }
        }
        if let f = line.formula { parts.append("formula " + token(f)) }
        if let q = line.ratio {
            parts.append("ratio \(token(q.numerator)) / \(token(q.denominator))")
            if let unit = q.unit { parts.append("unit " + unit.rawValue) }
        }
        if let f = line.figure { parts.append("figure \(token(f.key)) (\(f.aggregate.rawValue))") }
        if let m = line.measure { parts.append("measure " + m.rawValue) }
        parts.append("sign " + line.sign.rawValue)
        if line.subtotal { parts.append("subtotal yes") }
        return parts.joined(separator: separator)
    }

    /// One dashboard widget as text: `title "Omzet dit jaar"; kind figure; report profit-and-loss; line revenue`.
    public static func text(_ w: Dashboard.Widget) -> String {
        ["title " + quoted(w.title), "kind " + token(w.kind), "report " + token(w.report), "line " + token(w.line)]
            .joined(separator: separator)
    }

    /// Whether a field holds a part of a report or dashboard (a line, a widget) rather than a plain value.
    public static func isPart(_ field: String) -> Bool { field.hasPrefix("line ") || field.hasPrefix("widget ") }

    // MARK: - Canonical text

    static let separator = "; "

    static func present(_ fields: [(String, String?)]) -> [ConfigurationField] {
        fields.compactMap { name, value in value.map { (name, $0) } }
    }

    /// Ids as keys; an empty, repeated or `#`-led id is keyed by its position (1-based) instead.
    static func positionKeys(_ ids: [String]) -> [String] {
        var seen: [String: Int] = [:]
        for id in ids { seen[id, default: 0] += 1 }
        return ids.enumerated().map { i, id in
            id.isEmpty || id.hasPrefix("#") || seen[id, default: 0] > 1 ? "#\(i + 1)" : id
        }
    }

    static func order(_ keys: [String]) -> [ConfigurationField] {
        keys.isEmpty ? [] : [("order", list(keys))]
    }

    static func list(_ values: [String]) -> String { values.map(token).joined(separator: ", ") }

    /// Text as it is, or quoted when it could be mistaken for the separators around it.
    static func token(_ s: String) -> String {
        let special = s.isEmpty || s.first == " " || s.last == " " || s.first == "\""
            || s.contains { $0 == ";" || $0 == "," || $0 == "/" || $0 == "\\" || $0.isNewline }
        return special ? quoted(s) : s
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
