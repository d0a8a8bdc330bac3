import Core
import Templates

/// A change to a group file in a proposal: consolidation reads the group as this change has it only once the
/// proposal is distributed.
public struct GroupChange: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Codable { case added, changed, removed }

    public var group: String
    public var action: Action
    /// What changed, one line per field or member (`member nl-ops: ownership 80 → 90`).
    public var details: [String]

    public init(group: String, action: Action, details: [String]) {
        self.group = group
        self.action = action
        self.details = details
    }

    /// The key proposals hold groups under, beside their clusters, so a newer change supersedes an open one.
    var coverageKey: String { "group:\(group)" }
}

extension GroupChange {
    /// Changes of the group files among `changed` paths, from one template set to the next.
    static func between(_ old: TemplateSet?, _ new: TemplateSet, changed: [String]) -> [GroupChange] {
        let names = Set(changed.filter { $0.hasPrefix("groups/") && $0.hasSuffix(".yaml") }
            .map { String($0.dropFirst("groups/".count).dropLast(".yaml".count)) })
        return names.sorted().compactMap { name in
            let before = old?.groups[name], after = new.groups[name]
            switch (before, after) {
            case (nil, nil): return nil
            case (nil, let g?):
                return GroupChange(group: name, action: .added, details: ["parent \(g.parent), \(g.currency), chart \(g.chart)"]
                    + g.members.map { "member \($0.entity): \($0.ownership)% from \($0.acquired)" })
            case (_?, nil): return GroupChange(group: name, action: .removed, details: [])
            case (let a?, let b?):
                let details = differences(a, b)
                return details.isEmpty ? nil : GroupChange(group: name, action: .changed, details: details)
            }
        }
    }

    static func differences(_ a: GroupDefinition, _ b: GroupDefinition) -> [String] {
        var result: [String] = []
        func field(_ name: String, _ x: String, _ y: String) { if x != y { result.append("\(name): \(x) → \(y)") } }
        field("title", a.title, b.title)
        field("currency", a.currency.code, b.currency.code)
        field("chart", a.chart, b.chart)
        field("parent", a.parent, b.parent)
        let before = Dictionary(a.members.map { ($0.entity.key, $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.members.map { ($0.entity.key, $0) }, uniquingKeysWith: { x, _ in x })
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case (nil, let m?): result.append("member \(m.entity) added: \(m.ownership)% from \(m.acquired)")
            case (let m?, nil): result.append("member \(m.entity) removed")
            case (let x?, let y?):
                if x.ownership != y.ownership { result.append("member \(x.entity): ownership \(x.ownership)% → \(y.ownership)%") }
                if x.investmentAccount != y.investmentAccount {
                    result.append("member \(x.entity): investment account \(x.investmentAccount) → \(y.investmentAccount)")
                }
                if x.acquired != y.acquired { result.append("member \(x.entity): acquired \(x.acquired) → \(y.acquired)") }
                if x != y && x.ownership == y.ownership && x.investmentAccount == y.investmentAccount && x.acquired == y.acquired {
                    result.append("member \(x.entity): acquisition figures or NCI measurement changed")
                }
            default: break
            }
        }
        if a.mapping != b.mapping { result.append("mapping: \(a.mapping.count) → \(b.mapping.count) rows") }
        if a.translation != b.translation { result.append("translation overrides changed") }
        if a.accounts != b.accounts { result.append("consolidation accounts changed") }
        if a.unrealisedProfits != b.unrealisedProfits {
            result.append("unrealised profit records: \(a.unrealisedProfits.count) → \(b.unrealisedProfits.count)")
        }
        return result
    }
}
