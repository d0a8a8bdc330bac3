import Core
import Foundation
import Yams

/// Reads template folders, cluster files and overlays from a source, collecting every problem it meets
/// (each with file and line) instead of stopping at the first.
struct TemplateLoader {
    let parser: TemplateFileParser
    var problems: [TemplateError] = []

    init(source: any TemplateSource) { parser = TemplateFileParser(source: source) }

    /// Runs one parse; its problem, if any, is recorded and nil returned.
    mutating func attempt<T>(_ body: (TemplateFileParser) throws(TemplateError) -> T) -> T? {
        do { return try body(parser) } catch {
            problems.append(error)
            return nil
        }
    }

    mutating func template(_ name: String) -> TemplateDefinition? {
        let folder = "templates/\(name)"
        guard var definition = attempt({ p throws(TemplateError) in try p.templateHeader(name) }) else { return nil }
        definition.accounts = attempt { p throws(TemplateError) in try p.accounts("\(folder)/accounts.csv") } ?? []
        definition.vatCodes = attempt { p throws(TemplateError) in try p.vatCodes("\(folder)/vat.yaml") } ?? []
        definition.journals = attempt { p throws(TemplateError) in try p.journals("\(folder)/journals.yaml") } ?? []
        for path in attempt({ p throws(TemplateError) in try p.source.files(under: "\(folder)/reports") }) ?? [] {
            if let report = attempt({ p throws(TemplateError) in try p.report(path) }) { definition.reports.append(report) }
        }
        for path in attempt({ p throws(TemplateError) in try p.source.files(under: "\(folder)/dashboards") }) ?? [] {
            if let d = attempt({ p throws(TemplateError) in try p.dashboard(path) }) { definition.dashboards.append(d) }
        }
        definition.indicators = attempt { p throws(TemplateError) in try p.indicators("\(folder)/indicators.yaml") } ?? []
        definition.settings = attempt { p throws(TemplateError) in try p.settings("\(folder)/settings.yaml") } ?? []
        return definition
    }
}

/// Parses single template files; every error names its file and line.
struct TemplateFileParser {
    let source: any TemplateSource

    func yaml(_ path: String) throws(TemplateError) -> (YAMLReader, Node)? {
        guard let bytes = try source.read(path) else { return nil }
        let reader = YAMLReader(file: path)
        guard let node = try reader.parse(bytes) else { throw TemplateError(path, 0, "the file is empty") }
        return (reader, node)
    }

    // MARK: - Templates

    func templateHeader(_ name: String) throws(TemplateError) -> TemplateDefinition {
        let file = "templates/\(name)/template.yaml"
        guard let (r, node) = try yaml(file) else {
            throw TemplateError(file, 0, "template '\(name)' has no template.yaml")
        }
        let m = try r.map(node, "template.yaml", known: ["name", "description", "extends", "currency", "fiscalYearStart", "remove"])
        let declared = try r.string(m, "name")!
        guard declared == name else {
            throw TemplateError(file, m.entries["name"]!.line, "the template is named '\(declared)' but lives in templates/\(name)",
                                hint: "make the name equal the folder's")
        }
        var currency: CurrencyCode?
        if let raw = try r.string(m, "currency", required: false) {
            do { currency = try CurrencyCode(raw) } catch {
                throw TemplateError(file, m.entries["currency"]!.line, error.message)
            }
        }
        let start = try r.int(m, "fiscalYearStart")
        if let start, !(1...12).contains(start) {
            throw TemplateError(file, m.entries["fiscalYearStart"]!.line, "fiscalYearStart must be a month, 1 to 12")
        }
        return TemplateDefinition(
            name: name, description: try r.string(m, "description", required: false) ?? "",
            extends: try r.string(m, "extends", required: false), currency: currency, fiscalYearStart: start,
            removals: try removals(r, m), accounts: [], vatCodes: [], journals: [], reports: [], dashboards: [],
            indicators: [], settings: [], file: file)
    }

    func removals(_ r: YAMLReader, _ m: YAMLReader.Map) throws(TemplateError) -> [ItemKind: [Located<String>]] {
        guard let (node, _) = m.entries["remove"] else { return [:] }
        let rm = try r.map(node, "remove", known: Set(ItemKind.allCases.map(\.rawValue)))
        var result: [ItemKind: [Located<String>]] = [:]
        for kind in ItemKind.allCases {
            guard let (list, line) = rm.entries[kind.rawValue] else { continue }
            for item in try r.list(list, "remove.\(kind.rawValue)") {
                result[kind, default: []].append(Located(value: try r.scalar(item, "an item of remove.\(kind.rawValue)"),
                                                         file: r.file, line: r.line(item) == 0 ? line : r.line(item)))
            }
        }
        return result
    }

    func accounts(_ path: String) throws(TemplateError) -> [Located<Account>] {
        do {
            guard let bytes = try source.read(path) else { return [] }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw TemplateError(path, 0, "the file is not UTF-8 text") }
            do {
                return try ChartOfAccounts.parseAccountRows(csv: text, file: path).map {
                    Located(value: $0.account, file: path, line: $0.line)
                }
            } catch {
                let parts = error.location.split(separator: ":")
                let line = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
                throw TemplateError(path, line, error.message)
            }
        }
    }

    func vatCodes(_ path: String) throws(TemplateError) -> [Located<VATCode>] {
        guard let (r, node) = try yaml(path) else { return [] }
        do {
            let m = try r.map(node, "vat.yaml", known: ["codes"])
            guard let (list, _) = m.entries["codes"] else { return [] }
            var result: [Located<VATCode>] = []
            for item in try r.list(list, "codes") {
                let c = try r.map(item, "a VAT code", known: ["code", "description", "rate", "kind", "box", "deductibleBox",
                                                               "payableAccount", "receivableAccount", "validFrom", "validTo"])
                guard let rate = try r.decimal(c, "rate") else { throw TemplateError(path, c.line, "required field 'rate' is missing") }
                result.append(Located(value: VATCode(
                    code: try r.string(c, "code")!, description: try r.string(c, "description", required: false) ?? "",
                    rate: rate, kind: try r.choice(c, "kind", VATKind.self)!, box: try r.string(c, "box", required: false),
                    deductibleBox: try r.string(c, "deductibleBox", required: false),
                    payableAccount: try r.string(c, "payableAccount", required: false),
                    receivableAccount: try r.string(c, "receivableAccount", required: false),
                    validFrom: try r.date(c, "validFrom"), validTo: try r.date(c, "validTo")), file: path, line: c.line))
            }
            return result
        }
    }

    func journals(_ path: String) throws(TemplateError) -> [Located<Journal>] {
        guard let (r, node) = try yaml(path) else { return [] }
        do {
            let m = try r.map(node, "journals.yaml", known: ["journals"])
            guard let (list, _) = m.entries["journals"] else { return [] }
            var result: [Located<Journal>] = []
            for item in try r.list(list, "journals") {
                let j = try r.map(item, "a journal", known: ["code", "name", "kind", "account"])
                result.append(Located(value: Journal(code: try r.string(j, "code")!, name: try r.string(j, "name")!,
                                                     kind: try r.choice(j, "kind", JournalKind.self)!,
                                                     account: try r.string(j, "account", required: false)),
                                      file: path, line: j.line))
            }
            return result
        }
    }

    func indicators(_ path: String) throws(TemplateError) -> [Located<IndicatorThreshold>] {
        guard let (r, node) = try yaml(path) else { return [] }
        do {
            let m = try r.map(node, "indicators.yaml", known: ["indicators"])
            guard let (list, _) = m.entries["indicators"] else { return [] }
            var result: [Located<IndicatorThreshold>] = []
            for item in try r.list(list, "indicators") {
                let i = try r.map(item, "an indicator", known: ["id", "threshold"])
                guard let threshold = try r.decimal(i, "threshold") else {
                    throw TemplateError(path, i.line, "required field 'threshold' is missing")
                }
                result.append(Located(value: IndicatorThreshold(id: try r.string(i, "id")!, threshold: threshold),
                                      file: path, line: i.line))
            }
            return result
        }
    }

    func settings(_ path: String) throws(TemplateError) -> [Located<TemplateDefinition.Setting>] {
        guard let (r, node) = try yaml(path) else { return [] }
        do {
            guard case .mapping(let top) = node, top.count == 1, let settings = top["settings"] else {
                throw TemplateError(path, r.line(node), "settings.yaml must hold one mapping, 'settings'")
            }
            return try settingValues(r, settings, "settings")
        }
    }

    func settingValues(_ r: YAMLReader, _ node: Node, _ what: String) throws(TemplateError) -> [Located<TemplateDefinition.Setting>] {
        guard case .mapping(let mapping) = node else { throw TemplateError(r.file, r.line(node), "\(what) must be a mapping of keys to values") }
        var result: [Located<TemplateDefinition.Setting>] = []
        for (k, v) in mapping {
            let key = try r.scalar(k, "a setting key")
            guard case .scalar(let scalar) = v else {
                throw TemplateError(r.file, r.line(v), "setting '\(key)' must be a single value (text, number, true or false)")
            }
            let value: SettingValue
            if scalar.style == .plain, let b = ["true": true, "false": false][scalar.string] {
                value = .flag(b)
            } else if scalar.style == .plain, let n = try? DecimalNumber(parsing: scalar.string, field: key) {
                value = .number(n)
            } else {
                value = .text(scalar.string)
            }
            result.append(Located(value: .init(key: key, value: value), file: r.file, line: r.line(k)))
        }
        return result
    }
}
