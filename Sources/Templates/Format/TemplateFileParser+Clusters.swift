import Core
import Yams

extension TemplateFileParser {
    func cluster(_ path: String) throws(TemplateError) -> ClusterDefinition {
        guard let (r, node) = try yaml(path) else { throw TemplateError(path, 0, "the file cannot be read") }
        let m = try r.map(node, "a cluster", known: ["name", "template", "description", "review", "rollout", "drift", "windows", "ignore"])
        let name = try r.string(m, "name")!
        let expected = String(path.dropFirst("clusters/".count).dropLast(".yaml".count))
        guard name == expected else {
            throw TemplateError(path, m.entries["name"]!.line, "the cluster is named '\(name)' but its file is \(path)",
                                hint: "make the name equal the file name")
        }
        var approvals = 1
        if let (node, _) = m.entries["review"] {
            let review = try r.map(node, "review", known: ["requiredApprovals"])
            approvals = try r.int(review, "requiredApprovals") ?? 1
            guard (1...9).contains(approvals) else {
                throw TemplateError(path, review.line, "requiredApprovals must be between 1 and 9")
            }
        }
        var waves: [ClusterDefinition.Wave] = []
        var maxFailures = 0
        var pauseAfter: String?
        if let (node, _) = m.entries["rollout"] {
            let rollout = try r.map(node, "rollout", known: ["maxFailures", "waves", "pauseAfter"])
            maxFailures = try r.int(rollout, "maxFailures") ?? 0
            guard maxFailures >= 0 else { throw TemplateError(path, rollout.line, "maxFailures cannot be negative") }
            for item in try r.list(rollout.entries["waves"]?.node ?? Node.scalar(.init("")), "waves") {
                let w = try r.map(item, "a wave", known: ["name", "count", "percent", "administrations"])
                let wave = ClusterDefinition.Wave(name: try r.string(w, "name")!, count: try r.int(w, "count"),
                                                  percent: try r.int(w, "percent"), administrations: try r.strings(w, "administrations"))
                let forms = [wave.count != nil, wave.percent != nil, !wave.administrations.isEmpty].filter { $0 }.count
                guard forms == 1 else {
                    throw TemplateError(path, w.line, "wave '\(wave.name)' needs exactly one of count, percent or administrations")
                }
                if let p = wave.percent, !(1...100).contains(p) {
                    throw TemplateError(path, w.line, "wave '\(wave.name)': percent must be between 1 and 100")
                }
                if let c = wave.count, c < 1 { throw TemplateError(path, w.line, "wave '\(wave.name)': count must be at least 1") }
                waves.append(wave)
            }
            pauseAfter = try r.string(rollout, "pauseAfter", required: false)
            if let name = pauseAfter, !waves.contains(where: { $0.name == name }) {
                throw TemplateError(path, rollout.line, "pauseAfter names wave '\(name)', which the rollout does not have",
                                    hint: "waves: " + waves.map(\.name).joined(separator: ", "))
            }
        }
        var windows: [ClusterDefinition.Window] = []
        for item in try r.list(m.entries["windows"]?.node ?? Node.scalar(.init("")), "windows") {
            let w = try r.map(item, "a window", known: ["name", "forbid", "monthDays", "months"])
            let window = ClusterDefinition.Window(name: try r.string(w, "name")!, monthDays: try r.ints(w, "monthDays"),
                                                  months: try r.ints(w, "months"))
            guard window.monthDays.allSatisfy({ (1...31).contains($0) }), window.months.allSatisfy({ (1...12).contains($0) }),
                  !window.monthDays.isEmpty
            else { throw TemplateError(path, w.line, "window '\(window.name)' needs monthDays 1–31 and months 1–12") }
            windows.append(window)
        }
        let ignore = try r.strings(m, "ignore")
        for pattern in ignore {
            let kind = pattern.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            guard pattern.contains(":"), ItemKind(rawValue: kind) != nil else {
                throw TemplateError(path, m.entries["ignore"]!.line, "ignore rule '\(pattern)' must be kind:pattern",
                                    hint: "kinds: " + ItemKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        return ClusterDefinition(
            name: name, template: try r.string(m, "template")!, description: try r.string(m, "description", required: false) ?? "",
            requiredApprovals: approvals, maxFailures: maxFailures, waves: waves, pauseAfter: pauseAfter,
            drift: try r.choice(m, "drift", ClusterDefinition.Drift.self, required: false) ?? .report, windows: windows,
            ignore: ignore, file: path)
    }

    func override(_ path: String) throws(TemplateError) -> OverrideDefinition {
        guard let (r, node) = try yaml(path) else { throw TemplateError(path, 0, "the file cannot be read") }
        let m = try r.map(node, "an override", known: ["administration", "settings", "indicators", "remove"])
        let admin = try r.string(m, "administration")!
        let expected = String((path as String).split(separator: "/").last!.dropLast(".yaml".count))
        guard admin == expected else {
            throw TemplateError(path, m.entries["administration"]!.line, "the override is for '\(admin)' but its file is named \(expected).yaml")
        }
        var indicators: [Located<IndicatorThreshold>] = []
        for item in try r.list(m.entries["indicators"]?.node ?? Node.scalar(.init("")), "indicators") {
            let i = try r.map(item, "an indicator", known: ["id", "threshold"])
            guard let t = try r.decimal(i, "threshold") else { throw TemplateError(path, i.line, "required field 'threshold' is missing") }
            indicators.append(Located(value: IndicatorThreshold(id: try r.string(i, "id")!, threshold: t), file: path, line: i.line))
        }
        return OverrideDefinition(
            administration: admin, accounts: [],
            settings: try m.entries["settings"].map { entry throws(TemplateError) in try settingValues(r, entry.node, "settings") } ?? [],
            indicators: indicators, removals: try removals(r, m), file: path)
    }
}
