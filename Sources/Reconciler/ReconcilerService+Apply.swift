public import Core
import Foundation
public import Store
public import Templates

extension ReconcilerService {
    /// What an apply did.
    public struct ApplyResult: Sendable, Equatable {
        public var written: Int
        public var status: SyncStatus
    }

    /// Applies one administration's plan in one transaction. It first re-checks the live configuration: when it
    /// changed since the plan was made, nothing is written ("changed since plan"). Then it writes every item the
    /// plan carries out, records the desired configuration as last applied (with a history row), and calls
    /// `audit` inside the same transaction — the place for the workflow's audit record. A caller applying many
    /// administrations passes the template set, the rendered configuration and its SHA-256 it already has.
    ///
    /// Policy is not optional: `day` is the wall clock's day in the bureau's time zone (never the business day a
    /// user may move with `--today`), checked against the cluster's windows; a suspended administration is refused
    /// inside the transaction.
    public func apply(_ plan: Plan, now: String, day: LocalDate, set: TemplateSet? = nil,
                      desired rendered: AdministrationConfig? = nil, desiredSHA256: String? = nil,
                      audit: (@Sendable (StoreTransaction) throws -> Void)? = nil) async throws -> ApplyResult {
        let set = try set ?? workspace.templateSet(at: plan.revision)
        if let window = set.clusters[plan.cluster]?.windows.first(where: { $0.forbids(day) }) {
            throw Refusal(code: "distribution-window", description: "cluster \(plan.cluster) forbids applying changes on "
                + "\(day) (window '\(window.name)'); apply after it")
        }
        let desired = try rendered ?? set.render(cluster: plan.cluster, administration: plan.administration)
        let admin = plan.administration
        return try await workspace.store.write { tx in
            guard try tx.administration(admin) != nil else {
                throw Refusal(code: "not-found", description: "administration \(admin) does not exist")
            }
            let previous = try tx.reconcilerRecord(admin)
            if previous?.suspended == true {
                throw Refusal(code: "suspended", description: "administration \(admin) is suspended; resume it before applying")
            }
            // Every local edit clears the recorded live hash: while it is there and matches, live is as planned and
            // need not be read again. Otherwise read it and compare.
            if previous?.liveHash == nil || previous?.liveHash != plan.liveHash {
                guard var live = try tx.liveConfiguration(admin) else {
                    throw Refusal(code: "not-found", description: "administration \(admin) does not exist")
                }
                live.template = desired.template
                guard live.sha256 == plan.liveHash else {
                    throw Refusal(code: "changed-since-plan", description: "administration \(admin) changed since the plan "
                        + "was made; plan again and review the new plan")
                }
            }
            let accountKeys = plan.items.filter { $0.writes && $0.key.kind == .accounts }.map(\.key.key)
            let postings = try tx.accountsInUse(admin, among: accountKeys)
            var written = 0
            for item in plan.items where item.writes {
                if item.action == .renumber, let old = item.changes.first(where: { $0.field == "code" })?.old,
                   let account = desired.accounts.first(where: { $0.code == item.key.key }) {
                    try tx.renumber(old, to: account, revision: plan.revision, admin: admin)
                } else {
                    try Self.write(item.key, desired: desired, hasPostings: postings.contains(item.key.key), tx: tx, admin: admin)
                }
                written += 1
            }
            // Last applied becomes the template's configuration, except where the plan did not carry the template's
            // change out (a conflict awaiting a decision, a blocked change): there it stays what it was.
            var applied = desired
            let kept = plan.items.filter { $0.action == .conflict || $0.action == .blocked }
            if !kept.isEmpty {
                let previousApplied = try tx.appliedConfiguration(admin)?.config
                for item in kept { applied = applied.replacing(item.key, from: previousApplied) }
            }
            try tx.record(AppliedConfiguration(cluster: plan.cluster, revision: plan.revision,
                                               hash: kept.isEmpty ? (desiredSHA256 ?? applied.sha256) : applied.sha256,
                                               config: applied), admin: admin)
            try audit?(tx)
            // Reconciled again inside the same transaction: the status the health gate reads is what the
            // administration is, not what the plan hoped for. When the plan carried every difference out, live was
            // as planned before (checked above) and each written account reads back as desired: Synced, without
            // reading the whole configuration (its live hash left for the next pass to take, as ignored items may
            // differ). Otherwise read it all and plan again.
            let appliedHash = kept.isEmpty ? (desiredSHA256 ?? applied.sha256) : applied.sha256
            var remaining = Plan(administration: admin, cluster: plan.cluster, revision: plan.revision,
                                 desiredHash: plan.desiredHash, liveHash: "", items: [])
            let complete = kept.isEmpty && plan.items.allSatisfy { $0.writes && $0.action != .renumber }
            let readBack = try complete && Self.readsBack(plan, desired: desired, tx: tx, admin: admin)
            if !readBack {
                guard var after = try tx.liveConfiguration(admin) else {
                    throw Refusal(code: "not-found", description: "administration \(admin) does not exist")
                }
                after.template = desired.template
                let afterHash = after.sha256
                remaining.liveHash = afterHash
                if afterHash != appliedHash, let definition = set.clusters[plan.cluster] {
                    let inUse = try tx.accountsInUse(admin)
                    remaining = Planner(drift: definition.drift, ignore: IgnoreRules(definition.ignore))
                        .plan(administration: admin, cluster: plan.cluster, revision: plan.revision, desired: desired,
                              desiredHash: plan.desiredHash, lastApplied: applied, live: after, liveHash: afterHash,
                              hasPostings: { inUse.contains($0) })
                }
            }
            let afterHash = remaining.liveHash.isEmpty ? nil : remaining.liveHash
            let status = remaining.status
            try tx.save(ReconcilerRecord(
                administration: admin, status: status.rawValue, reason: "applied", message: "applied \(plan.revision.prefix(7))",
                since: previous?.status == status.rawValue ? previous!.since : now, attemptedRevision: plan.revision,
                desiredHash: nil, liveHash: afterHash, planHash: remaining.hash, suspended: false),
                previous: previous)
            return ApplyResult(written: written, status: status)
        }
    }

    /// Whether every account the plan wrote reads back as the desired configuration has it (removed ones gone,
    /// deactivated ones inactive). Other items are single-row upserts of the desired value.
    static func readsBack(_ plan: Plan, desired: AdministrationConfig, tx: StoreTransaction, admin: String) throws -> Bool {
        for item in plan.items where item.key.kind == .accounts {
            let live = try tx.account(admin, code: item.key.key)
            switch item.action {
            case .deactivate: if live?.active != false { return false }
            case .remove: if live != nil { return false }
            default: if live != desired.accounts.first(where: { $0.code == item.key.key }) { return false }
            }
        }
        return true
    }

    /// Writes the desired state of one item into the live configuration (removing it when the template has none).
    static func write(_ key: ItemKey, desired: AdministrationConfig, hasPostings: Bool, tx: StoreTransaction,
                      admin: String) throws {
        switch key.kind {
        case .accounts:
            if let account = desired.accounts.first(where: { $0.code == key.key }) {
                try tx.upsert(account, admin: admin)
            } else if hasPostings, var account = try tx.account(admin, code: key.key) {
                account.active = false
                try tx.upsert(account, admin: admin)
            } else {
                try tx.deleteChartItem(table: "account", code: key.key, admin: admin)
            }
        case .vatCodes:
            if let code = desired.vatCodes.first(where: { $0.code == key.key }) { try tx.upsert(code, admin: admin) }
            else { try tx.deleteChartItem(table: "vat_code", code: key.key, admin: admin) }
        case .journals:
            if let journal = desired.journals.first(where: { $0.code == key.key }) { try tx.upsert(journal, admin: admin) }
            else { try tx.deleteChartItem(table: "journal", code: key.key, admin: admin) }
        case .reports:
            if let r = desired.reports.first(where: { $0.id == key.key }) { try tx.setConfigItem(.reports, key: key.key, encoding: r, admin: admin) }
            else { try tx.removeConfigItem(.reports, key: key.key, admin: admin) }
        case .dashboards:
            if let d = desired.dashboards.first(where: { $0.id == key.key }) { try tx.setConfigItem(.dashboards, key: key.key, encoding: d, admin: admin) }
            else { try tx.removeConfigItem(.dashboards, key: key.key, admin: admin) }
        case .indicators:
            if let i = desired.indicators.first(where: { $0.id == key.key }) { try tx.setConfigItem(.indicators, key: key.key, encoding: i, admin: admin) }
            else { try tx.removeConfigItem(.indicators, key: key.key, admin: admin) }
        case .settings:
            if let v = desired.settings[key.key] { try tx.setConfigItem(.settings, key: key.key, encoding: v, admin: admin) }
            else { try tx.removeConfigItem(.settings, key: key.key, admin: admin) }
        }
    }
}
