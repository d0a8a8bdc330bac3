public import Templates

/// A change to a cluster file's policy in a proposal (approvals, rollout, windows, drift, ignore rules): it decides
/// how this and later changes reach the cluster's administrations, so a reviewer reads it beside the plans.
public struct PolicyChange: Sendable, Hashable, Codable {
    public var cluster: String
    /// What changed: `requiredApprovals`, `maxFailures`, `wave canary`, `waves`, `window btw-aangifte`, `drift`,
    /// `ignore`, `template`, `description`, or `cluster` when the cluster file is removed.
    public var field: String
    /// Readable text of each side; nil when absent there.
    public var old: String?
    public var new: String?
    /// What the change means when that is not plain from the values ("any failure pauses the distribution").
    public var note: String?

    public init(cluster: String, field: String, old: String?, new: String?, note: String? = nil) {
        self.cluster = cluster
        self.field = field
        self.old = old
        self.new = new
        self.note = note
    }

    /// `maxFailures: 2 → 0 — any failure pauses the distribution`; an absent side reads `—`.
    public var text: String { "\(field): \(old ?? "—") → \(new ?? "—")" + (note.map { " — \($0)" } ?? "") }
}

extension PolicyChange {
    /// The policy changes of `clusters` from one template set to the next, one per changed field per cluster, in
    /// cluster order. A cluster missing from `old` (or `old` nil) shows every field as new.
    public static func between(_ old: TemplateSet?, _ new: TemplateSet, clusters: [String]) -> [PolicyChange] {
        Set(clusters).sorted().flatMap { name -> [PolicyChange] in
            switch (old?.clusters[name], new.clusters[name]) {
            case (nil, nil): return []
            case (let before?, nil):
                return [PolicyChange(cluster: name, field: "cluster", old: before.template, new: nil,
                                     note: "the cluster file is removed")]
            case (let before, let after?): return differences(name, before, after)
            }
        }
    }

    static func differences(_ name: String, _ a: ClusterDefinition?, _ b: ClusterDefinition) -> [PolicyChange] {
        var out: [PolicyChange] = []
        func field(_ f: String, _ x: String?, _ y: String?, note: String? = nil) {
            if x != y { out.append(PolicyChange(cluster: name, field: f, old: x, new: y, note: note)) }
        }
        field("template", a?.template, b.template)
        field("description", a.flatMap { $0.description.isEmpty ? nil : $0.description },
              b.description.isEmpty ? nil : b.description)
        let approvals = a?.requiredApprovals
        field("requiredApprovals", approvals.map(String.init), String(b.requiredApprovals),
              note: approvals.map { $0 > b.requiredApprovals ? "fewer reviewers need to approve" : nil } ?? nil)
        field("maxFailures", a.map { String($0.maxFailures) }, String(b.maxFailures),
              note: b.maxFailures == 0 ? "any failure pauses the distribution" : "failed administrations tolerated across the whole distribution")
        field("pauseAfter", a?.pauseAfter, b.pauseAfter,
              note: b.pauseAfter.map { "the distribution pauses after wave \($0) until a reviewer resumes it" })
        let before = keyed(a?.waves ?? [], \.name), after = keyed(b.waves, \.name)
        for key in (before.map(\.key) + after.map(\.key).filter { k in !before.contains { $0.key == k } }) {
            field("wave \(key)", before.first { $0.key == key }.map { text($0.value) },
                  after.first { $0.key == key }.map { text($0.value) })
        }
        let common = Set(before.map(\.key)).intersection(after.map(\.key))
        let wasOrder = before.map(\.key).filter(common.contains), isOrder = after.map(\.key).filter(common.contains)
        if wasOrder != isOrder {
            field("waves", wasOrder.joined(separator: ", "), isOrder.joined(separator: ", "),
                  note: "the waves run in this order")
        }
        field("drift", a?.drift.rawValue, b.drift.rawValue, note: b.drift == .revert
            ? "local changes are reverted on the next distribution" : "local changes are reported and left as they are")
        let windowsBefore = keyed(a?.windows ?? [], \.name), windowsAfter = keyed(b.windows, \.name)
        for key in Set(windowsBefore.map(\.key) + windowsAfter.map(\.key)).sorted() {
            let x = windowsBefore.first { $0.key == key }.map { text($0.value) }
            let y = windowsAfter.first { $0.key == key }.map { text($0.value) }
            field("window \(key)", x, y,
                  note: y == nil ? "applying is no longer forbidden then" : "no changes are applied then")
        }
        let rulesBefore = Set(a?.ignore ?? []), rulesAfter = Set(b.ignore)
        for rule in rulesAfter.subtracting(rulesBefore).sorted() {
            field("ignore", nil, rule, note: "the reconciler leaves matching items alone")
        }
        for rule in rulesBefore.subtracting(rulesAfter).sorted() {
            field("ignore", rule, nil, note: "matching items are reconciled again")
        }
        return out
    }

    /// Items by name in their order; a name that is empty or repeats is keyed by its position (`#2`) instead.
    static func keyed<T>(_ items: [T], _ name: (T) -> String) -> [(key: String, value: T)] {
        let names = items.map(name)
        return items.enumerated().map { i, item in
            let n = names[i]
            return (n.isEmpty || names.filter { $0 == n }.count > 1 ? "#\(i + 1)" : n, item)
        }
    }

    /// `3 administrations`, `25% of the cluster`, or the administrations named.
    static func text(_ wave: ClusterDefinition.Wave) -> String {
        if let count = wave.count { return count == 1 ? "1 administration" : "\(count) administrations" }
        if let percent = wave.percent { return "\(percent)% of the cluster" }
        return wave.administrations.joined(separator: ", ")
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `25–31 of Jan, Apr, Jul, Oct`, or `… of every month`.
    static func text(_ window: ClusterDefinition.Window) -> String {
        let months = window.months.sorted().map { (1...12).contains($0) ? monthNames[$0 - 1] : String($0) }
        return days(window.monthDays) + " of " + (months.isEmpty ? "every month" : months.joined(separator: ", "))
    }

    /// Days with runs of three or more as ranges: `1, 2, 15, 25–31`.
    static func days(_ days: [Int]) -> String {
        var runs: [[Int]] = []
        for d in Set(days).sorted() {
            if let last = runs.last?.last, last + 1 == d { runs[runs.count - 1].append(d) } else { runs.append([d]) }
        }
        return runs.flatMap { run -> [String] in
            guard let first = run.first, let last = run.last else { return [] }
            return run.count >= 3 ? ["\(first)–\(last)"] : run.map(String.init)
        }.joined(separator: ", ")
    }
}
