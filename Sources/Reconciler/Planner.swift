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
             keys: nil, renumbered: desired.renumbered ?? [:], hasPostings: hasPostings)
    }

    /// The same on flattened configurations, looking only at `keys` when given (the caller knows no other key
    /// can differ: many administrations share one template diff, and only their postings set them apart).
    public func plan(administration: String, cluster: String, revision: String, desired d: FlatConfiguration,
                     desiredHash: String, lastApplied l: FlatConfiguration?, live v: FlatConfiguration, liveHash: String,
                     keys: [ItemKey]?, renumbered: [String: String] = [:], hasPostings: (String) -> Bool) -> Plan {
        var items: [PlanItem] = []
        // Renumbering first: the new code is missing locally and the old one is there, so history moves along.
        var handled = Set<ItemKey>()
        for (new, old) in renumbered.sorted(by: { $0.key < $1.key }) {
            let newKey = ItemKey(kind: .accounts, key: new), oldKey = ItemKey(kind: .accounts, key: old)
            guard v[newKey] == nil, let oldLive = v[oldKey], let desired = d[newKey], !ignore.ignores(newKey) else { continue }
            var changes = [FieldChange(field: "code", old: old, new: new)]
            changes += Self.changes(from: oldLive, to: desired)
            items.append(PlanItem(key: newKey, action: .renumber, changes: changes,
                                  reason: "account \(old) is renumbered to \(new); its postings move with it"))
            handled.formUnion([newKey, oldKey])
        }
        let candidates = keys ?? Set(d.keys).union(v.keys).union(l?.keys ?? [:].keys).sorted()
        for key in candidates where !ignore.ignores(key) && !handled.contains(key) {
            let dv = d[key], vv = v[key]
            guard let l else {
                // Adoption: no history, so every difference is the template's to carry out.
                if dv != vv { items.append(templateChange(key, from: vv, to: dv, hasPostings: hasPostings)) }
                continue
            }
            let lv = l[key]
            switch (dv == lv, vv == lv) {
            case (true, true): continue
            case (false, true): items.append(templateChange(key, from: vv, to: dv, hasPostings: hasPostings))
            case (true, false):
                var item = templateChange(key, from: vv, to: dv, hasPostings: hasPostings)
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
                items.append(PlanItem(key: key, action: .conflict, changes: Self.changes(from: vv, to: dv),
                                      reason: "changed in the template and locally; decide which to keep"))
            }
        }
        return Plan(administration: administration, cluster: cluster, revision: revision, desiredHash: desiredHash,
                    liveHash: liveHash, items: items)
    }

    /// What carrying the desired value into live means for one item, safety rules included.
    func templateChange(_ key: ItemKey, from live: [String: String]?, to desired: [String: String]?,
                        hasPostings: (String) -> Bool) -> PlanItem {
        let changes = Self.changes(from: live, to: desired)
        switch (live, desired) {
        case (nil, _?): return PlanItem(key: key, action: .add, changes: changes)
        case (_?, nil):
            if key.kind == .accounts && hasPostings(key.key) {
                return PlanItem(key: key, action: .deactivate, changes: [FieldChange(field: "active", old: live?["active"], new: "false")],
                                reason: "account \(key.key) has postings, so it is deactivated rather than removed")
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
            return PlanItem(key: key, action: .update, changes: changes)
        case (nil, nil): return PlanItem(key: key, action: .update, changes: [])
        }
    }

    static func changes(from old: [String: String]?, to new: [String: String]?) -> [FieldChange] {
        let fields = Set((old ?? [:]).keys).union((new ?? [:]).keys).sorted()
        return fields.compactMap { f in old?[f] == new?[f] ? nil : FieldChange(field: f, old: old?[f], new: new?[f]) }
    }
}
