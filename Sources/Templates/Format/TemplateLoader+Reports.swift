import Core
import Yams

extension TemplateFileParser {
    func report(_ path: String) throws(TemplateError) -> Located<ReportLayout> {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else {
            throw TemplateError(path, 0, "a report layout must be a .yaml file")
        }
        guard let (r, node) = try yaml(path) else { throw TemplateError(path, 0, "the file cannot be read") }
        do {
            let m = try r.map(node, "a report", known: ["id", "title", "kind", "lines"])
            var lines: [ReportLine] = []
            for item in try r.list(m.entries["lines"]?.node ?? Node.scalar(.init("")), "lines") {
                let l = try r.map(item, "a report line", known: ["id", "label", "accounts", "rgs", "types", "formula", "ratio",
                                                                  "figure", "aggregate", "measure", "sign", "subtotal"])
                var types: [AccountType] = []
                for raw in try r.strings(l, "types") {
                    guard let type = AccountType(rawValue: raw) else {
                        throw TemplateError(path, l.entries["types"]!.line, "'\(raw)' is not an account type",
                                            hint: AccountType.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    types.append(type)
                }
                let selector = AccountSelector(accounts: try r.strings(l, "accounts"), rgs: try r.strings(l, "rgs"), types: types)
                var ratio: LineRatio?
                if let (node, _) = l.entries["ratio"] {
                    let q = try r.map(node, "a ratio", known: ["numerator", "denominator", "unit"])
                    ratio = LineRatio(numerator: try r.string(q, "numerator")!, denominator: try r.string(q, "denominator")!,
                                      unit: try r.choice(q, "unit", RatioUnit.self, required: false))
                }
                var figure: FigureSelector?
                if let key = try r.string(l, "figure", required: false) {
                    figure = FigureSelector(key: key, aggregate: try r.choice(l, "aggregate", FigureAggregate.self,
                                                                               required: false) ?? .sum)
                }
                let formula = try r.string(l, "formula", required: false)
                let id = try r.string(l, "id")!
                let forms = [!selector.isEmpty, formula != nil, ratio != nil, figure != nil].filter { $0 }.count
                guard forms == 1 else {
                    throw TemplateError(path, l.line, "line '\(id)' needs exactly one of a selection (accounts, rgs, types), "
                        + "a formula, a ratio or a figure")
                }
                lines.append(ReportLine(id: id, label: try r.string(l, "label")!, selector: selector.isEmpty ? nil : selector,
                                        formula: formula, ratio: ratio, figure: figure,
                                        measure: try r.choice(l, "measure", LineMeasure.self, required: false),
                                        sign: try r.choice(l, "sign", PresentationSign.self, required: false) ?? .debit,
                                        subtotal: try r.bool(l, "subtotal") ?? false))
            }
            let report = ReportLayout(id: try r.string(m, "id")!, title: try r.string(m, "title")!,
                                      kind: try r.choice(m, "kind", ReportKind.self)!, lines: lines)
            return Located(value: report, file: path, line: m.line)
        }
    }

    func dashboard(_ path: String) throws(TemplateError) -> Located<Dashboard> {
        guard let (r, node) = try yaml(path) else { throw TemplateError(path, 0, "the file cannot be read") }
        do {
            let m = try r.map(node, "a dashboard", known: ["id", "title", "widgets"])
            var widgets: [Dashboard.Widget] = []
            for item in try r.list(m.entries["widgets"]?.node ?? Node.scalar(.init("")), "widgets") {
                let w = try r.map(item, "a widget", known: ["id", "title", "kind", "report", "line"])
                widgets.append(Dashboard.Widget(id: try r.string(w, "id")!, title: try r.string(w, "title")!,
                                                kind: try r.string(w, "kind")!, report: try r.string(w, "report")!,
                                                line: try r.string(w, "line")!))
            }
            return Located(value: Dashboard(id: try r.string(m, "id")!, title: try r.string(m, "title")!, widgets: widgets),
                           file: path, line: m.line)
        }
    }
}
