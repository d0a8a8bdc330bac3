import Core
import Foundation
import GitSource
import Ledger
import Store
import Templates
public import Workspace

/// Plans, applies and keeps the status of every administration against its cluster's template.
public struct ReconcilerService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Why the reconciler would not do something.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var code: String
        public var description: String
    }

    /// The plan for one administration against the template at `revision` (default: the tracked branch).
    public func plan(_ admin: String, at revision: String? = nil, acknowledged: Set<ItemKey> = []) async throws -> Plan {
        let rev = try workspace.templates.resolve(revision ?? workspace.settings.branch).hex
        let set = try workspace.templateSet(at: rev)
        let cache = DesiredCache(set: set)
        return try await workspace.store.read { [cache] tx in
            var c = cache
            return try Self.plan(admin, tx: tx, revision: rev, cache: &c, acknowledged: acknowledged)
        }
    }

    static func plan(_ admin: String, tx: StoreTransaction, revision: String, cache: inout DesiredCache,
                     acknowledged: Set<ItemKey>) throws -> Plan {
        guard let a = try tx.administration(admin) else { throw Refusal(code: "not-found", description: "administration \(admin) does not exist") }
        guard let cluster = a.cluster else {
            throw Refusal(code: "unmanaged", description: "administration \(admin) belongs to no cluster; it was made from an ad-hoc chart")
        }
        let (desired, desiredHash, definition) = try cache.desired(cluster: cluster, administration: admin)
        guard let live = try tx.liveConfiguration(admin) else { throw Refusal(code: "not-found", description: admin) }
        var liveForHash = live
        liveForHash.template = desired.template
        let postings = try tx.accountsWithPostings(admin)
        let planner = Planner(drift: definition.drift, ignore: IgnoreRules(definition.ignore), acknowledged: acknowledged)
        return planner.plan(administration: admin, cluster: cluster, revision: revision, desired: desired, desiredHash: desiredHash,
                            lastApplied: try tx.appliedConfiguration(admin)?.config, live: liveForHash,
                            liveHash: liveForHash.sha256, hasPostings: { postings.contains($0) })
    }

    /// Renders per cluster once, and per overlay on top of that, however many administrations share them.
    struct DesiredCache {
        let set: TemplateSet
        var rendered: [String: (AdministrationConfig, String)] = [:]

        mutating func desired(cluster: String, administration: String) throws -> (AdministrationConfig, String, ClusterDefinition) {
            guard let definition = set.clusters[cluster] else {
                throw Refusal(code: "no-cluster", description: "cluster \(cluster) is not in the template repository")
            }
            if rendered[cluster] == nil {
                let config = try set.render(cluster: cluster)
                rendered[cluster] = (config, config.sha256)
            }
            guard set.overrides[cluster]?[administration] != nil else {
                let hit = rendered[cluster]!
                return (hit.0, hit.1, definition)
            }
            let key = "\(cluster)/\(administration)"
            if let hit = rendered[key] { return (hit.0, hit.1, definition) }
            let config = try set.render(cluster: cluster, administration: administration, rendered: rendered[cluster]!.0)
            rendered[key] = (config, config.sha256)
            return (config, config.sha256, definition)
        }

        /// What identifies an administration's desired configuration, cheaply: its cluster's rendered hash, plus the
        /// digest of its overlay when it has one. Equal keys, equal desired configurations.
        mutating func desiredKey(cluster: String, administration: String) throws -> String {
            if rendered[cluster] == nil { _ = try desired(cluster: cluster, administration: "") }
            let base = rendered[cluster]!.1
            guard let overlay = set.overrides[cluster]?[administration] else { return base }
            return base + "+" + overlay.digest
        }
    }
}
