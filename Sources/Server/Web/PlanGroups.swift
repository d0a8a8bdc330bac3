import Reconciler
import Workflow

/// A proposal's plans for one cluster, grouped by identical change, worked out once per proposal version.
struct PlanGroup: Sendable {
    struct Item: Sendable {
        var key: String
        var action: String
        var reason: String
        /// One row per readable change: a report line or widget by the parts that changed.
        var changes: [(field: String, old: String, new: String)]
        /// Administrations of the group where this item still needs a decision or acknowledgement.
        var open: [String]
        var conflict: Bool
    }

    var count: Int
    var names: String
    var attention: Bool
    var items: [Item]

    /// Groups per cluster, those needing a decision first.
    static func groups(_ p: Proposal) -> [String: [PlanGroup]] {
        let undecided = Set(p.undecided)
        var result: [String: [PlanGroup]] = [:]
        for cluster in p.clusters {
            let plans = p.affected.filter { $0.cluster == cluster }
            let grouped = Dictionary(grouping: plans) { plan in
                plan.items.map { "\($0.key)|\($0.action.rawValue)|\($0.changes.map { "\($0.field)=\($0.old ?? "")>\($0.new ?? "")" })" }
                    .joined(separator: ";")
            }
            result[cluster] = grouped.values.map { members -> PlanGroup in
                let names = members.map(\.administration).sorted()
                let items = members[0].items.map { item -> Item in
                    let key = item.key.description
                    return Item(key: key, action: item.action.rawValue, reason: item.reason ?? "",
                                changes: item.changes.flatMap(\.readable).map { ($0.what, $0.old ?? "—", $0.new ?? "—") },
                                open: names.filter { undecided.contains("\($0)|\(key)") }, conflict: item.action == .conflict)
                }
                return PlanGroup(count: members.count,
                                 names: names.prefix(12).joined(separator: ", ") + (names.count > 12 ? " and \(names.count - 12) more" : ""),
                                 attention: items.contains { $0.action == "conflict" || $0.action == "blocked" }, items: items)
            }.sorted { ($0.attention ? 0 : 1, -$0.count) < ($1.attention ? 0 : 1, -$1.count) }
        }
        return result
    }

    /// The group as the proposal page's template reads it.
    func page(proposal id: Int64, open: Bool) -> [String: Any] {
        [
            "count": count, "names": names, "attention": attention || open, "decision": attention,
            "items": items.map { item -> [String: Any] in
                [
                    "key": item.key, "action": item.action, "reason": item.reason,
                    "changes": (item.changes.isEmpty ? [("", "", "")] : item.changes).map { c -> [String: Any] in
                        ["key": item.key, "action": item.action, "field": c.field, "old": c.old, "new": c.new]
                    },
                    "decide": item.open.isEmpty ? [] : [["administrations": item.open, "key": item.key, "id": id,
                                                         "conflict": item.conflict ? ["x"] : []] as [String: Any]],
                ]
            },
        ]
    }
}
