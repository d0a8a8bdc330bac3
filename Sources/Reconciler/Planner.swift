public import Core
public import Templates

/// The three-way comparison of DESIGN §5 — desired (template + overlay), last applied, live — with the
/// accounting safety rules on top. Pure: facts about postings come in as a function.
public struct Planner: Sendable {
    public var drift: ClusterDefinition.Drift
    public var ignore: IgnoreRules
    /// Items a reviewer acknowledged, so a blocked change may go ahead.
    public var acknowledged: Set<ItemKey>

    public init(drift: ClusterDefinition.Drift, ignore: IgnoreRules, acknowledged: Set<ItemKey> = []) {
        self.drift = drift
        self.ignore = ignore
        self.acknowledged = acknowledged
    }

    /// The plan for one administration. `lastApplied` is nil for an administration never distributed (adoption).
    public func plan(administration: String, cluster: String, revision: String, desired: AdministrationConfig,
                     desiredHash: String, lastApplied: AdministrationConfig?, live: AdministrationConfig, liveHash: String,
                     hasPostings: (String) -> Bool) -> Plan {
        plan(administration: administration, cluster: cluster, revision: revision, desired: desired.flattened,
             desiredHash: desiredHash, lastApplied: lastApplied?.flattened, live: live.flattened, liveHash: liveHash,
             keys: nil, renumbered: desired.renumbered ?? [:], appliedRenumbered: lastApplied?.renumbered ?? [:],
             hasPostings: hasPostings)
    }

    /// The same on flattened configurations, looking only at `keys` when given (the caller knows no other key
    /// can differ: many administrations share one template diff, and only their postings set them apart).
    public func plan(administration: String, cluster: String, revision: String, desired d: FlatConfiguration,
                     desiredHash: String, lastApplied l: FlatConfiguration?, live v: FlatConfiguration, liveHash: String,
                     keys: [ItemKey]?, renumbered: [String: String] = [:], appliedRenumbered: [String: String] = [:],
                     hasPostings: (String) -> Bool) -> Plan {
        var items: [PlanItem] = []
        // Renumbering first: the new code is missing locally and the old one is there, so history moves along. A
        // renumbering the last applied configuration made and the desired one no longer has (a revert) runs backwards.
        var handled = Set<ItemKey>()
        for (new, old) in Self.renumberings(desired: d, renumbered: renumbered, appliedRenumbered: appliedRenumbered) {
            let newKey = ItemKey(kind: .accounts, key: new), oldKey = ItemKey(kind: .accounts, key: old)
            guard v[newKey] == nil, let oldLive = v[oldKey], let desired = d[newKey], !ignore.ignores(newKey) else { continue }
            var changes = [FieldChange(field: "code", old: old, new: new)]
            changes += Self.changes(from: oldLive, to: desired)
            handled.formUnion([newKey, oldKey])
            // Edited locally since it was applied, and the edit is not what the template brings: a reviewer decides.
            if let l, let applied = l[oldKey], applied != oldLive,
               oldLive.contains(where: { field, value in applied[field] != value && desired[field] != value }) {
                items.append(PlanItem(key: newKey, action: .conflict, changes: changes,
                                      reason: "account \(old) is renumbered to \(new) in the template and was edited locally; "
                                          + "decide which to keep"))
                continue
            }
            items.append(PlanItem(key: newKey, action: .renumber, changes: changes,
                                  reason: "account \(old) is renumbered to \(new); its postings move with it"))
        }
        let candidates = keys ?? Set(d.keys).union(v.keys).union(l?.keys ?? [:].keys).sorted()
        for key in candidates where !ignore.ignores(key) && !handled.contains(key) {
            let dv = d[key], vv = v[key]
            guard let l else {
                // Adoption: no history, so every difference is the template's to carry out.
                if dv != vv, let item = templateChange(key, from: vv, to: dv, hasPostings: hasPostings) { items.append(item) }
                continue
            }
            let lv = l[key]
            switch (dv == lv, vv == lv) {
            case (true, true): continue
            case (false, true):
                if let item = templateChange(key, from: vv, to: dv, hasPostings: hasPostings) { items.append(item) }
            case (true, false):
                // Equal on both sides, or only in a way that changes nothing (an inactive account the template
                // dropped): in sync, not drift.
                guard var item = templateChange(key, from: vv, to: dv, hasPostings: hasPostings) else { continue }
                if drift == .revert && item.action != .blocked {
                    item.action = .revert
                    item.reason = "changed locally; the cluster reverts local changes"
                } else if item.action != .blocked {
                    item.action = .drift
                    item.reason = "changed locally; reported, left as it is"
                }
                items.append(item)
            case (false, false):
                if dv == vv { continue }  // both sides made the same change
                if templateChange(key, from: vv, to: dv, hasPostings: hasPostings) == nil { continue }
                items.append(PlanItem(key: key, action: .conflict, changes: Self.changes(from: vv, to: dv),
                                      reason: "changed in the template and locally; decide which to keep"))
            }
        }
        return Plan(administration: administration, cluster: cluster, revision: revision, desiredHash: desiredHash,
                    liveHash: liveHash, items: items)
    }

    /// The renumberings to plan, new code → old: the desired configuration's, and the reverse of each one the last
    /// applied configuration made when the desired one has the old code again and not the new (a revert).
    static func renumberings(desired d: FlatConfiguration, renumbered: [String: String],
                             appliedRenumbered: [String: String]) -> [(new: String, old: String)] {
        var result = renumbered
        for (new, old) in appliedRenumbered where renumbered[new] == nil && renumbered[old] == nil
            && d[ItemKey(kind: .accounts, key: old)] != nil && d[ItemKey(kind: .accounts, key: new)] == nil {
            result[old] = new
        }
        return result.sorted { $0.key < $1.key }.map { (new: $0.key, old: $0.value) }
    }

    /// What carrying the desired value into live means for one item, safety rules included; nil when it changes
    /// nothing.
    func templateChange(_ key: ItemKey, from live: [String: String]?, to desired: [String: String]?,
                        hasPostings: (String) -> Bool) -> PlanItem? {
        let changes = Self.changes(from: live, to: desired)
        switch (live, desired) {
        case (nil, _?): return PlanItem(key: key, action: .add, changes: changes)
        case (_?, nil):
            if key.kind == .accounts && hasPostings(key.key) {
                if live?["active"] == "false" { return nil }  // deactivated already: nothing left to do
                return PlanItem(key: key, action: .deactivate, changes: [FieldChange(field: "active", old: live?["active"], new: "false")],
                                reason: "account \(key.key) is in use (postings, budgets, bank lines or references), so it is deactivated rather than removed")
            }
            return PlanItem(key: key, action: .remove, changes: changes)
        case let (old?, new?):
            if key.kind == .vatCodes, old["rate"] != new["rate"] {
                // Past entries were booked at the old rate: the code's history is never rewritten, whoever agrees.
                return PlanItem(key: key, action: .blocked, changes: changes,
                                reason: "VAT code \(key.key) would change its rate; end it with validTo and add a new code "
                                    + "with validFrom instead")
            }
            if key.kind == .accounts, old["type"] != new["type"] || old["normal"] != new["normal"], hasPostings(key.key),
               !acknowledged.contains(key) {
                return PlanItem(key: key, action: .blocked, changes: changes,
                                reason: "account \(key.key) has postings; changing its type or normal side needs a reviewer's acknowledgement")
            }
            return changes.isEmpty ? nil : PlanItem(key: key, action: .update, changes: changes)
        case (nil, nil): return nil
        }
    }

    static func changes(from old: [String: String]?, to new: [String: String]?) -> [FieldChange] {
        let fields = Set((old ?? [:]).keys).union((new ?? [:]).keys).sorted()
        return fields.compactMap { f in old?[f] == new?[f] ? nil : FieldChange(field: f, old: old?[f], new: new?[f]) }
    }
}
