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
        let postings = try tx.accountsInUse(admin)
        let planner = Planner(drift: definition.drift, ignore: IgnoreRules(definition.ignore), acknowledged: acknowledged)
        return planner.plan(administration: admin, cluster: cluster, revision: revision, desired: desired, desiredHash: desiredHash,
                            lastApplied: try tx.appliedConfiguration(admin)?.config, live: liveForHash,
                            liveHash: liveForHash.sha256, hasPostings: { postings.contains($0) })
    }

    /// Renders per cluster once, and per overlay on top of that, however many administrations share them; keeps the
    /// flattened forms too, an overlay's patched onto its cluster's rather than flattened again.
    struct DesiredCache {
        let set: TemplateSet
        var rendered: [String: AdministrationConfig] = [:]
        var hashes: [String: String] = [:]
        var flat: [String: FlatConfiguration] = [:]

        func definition(_ cluster: String) throws -> ClusterDefinition {
            guard let definition = set.clusters[cluster] else {
                throw Refusal(code: "no-cluster", description: "cluster \(cluster) is not in the template repository")
            }
            return definition
        }

        mutating func clusterConfig(_ cluster: String) throws -> AdministrationConfig {
            if let hit = rendered[cluster] { return hit }
            _ = try definition(cluster)
            let config = try set.render(cluster: cluster)
            rendered[cluster] = config
            hashes[cluster] = config.sha256
            return config
        }

        /// The desired configuration of an administration and its key (see `desiredKey`).
        mutating func desired(cluster: String, administration: String) throws -> (AdministrationConfig, String, ClusterDefinition) {
            let definition = try definition(cluster)
            let base = try clusterConfig(cluster)
            let key = try desiredKey(cluster: cluster, administration: administration)
            guard set.overrides[cluster]?[administration] != nil else { return (base, key, definition) }
            if let hit = rendered[key] { return (hit, key, definition) }
            let config = try set.render(cluster: cluster, administration: administration, rendered: base)
            rendered[key] = config
            return (config, key, definition)
        }

        /// What identifies an administration's desired configuration, cheaply: its cluster's rendered hash, plus the
        /// digest of its overlay when it has one. Equal keys, equal desired configurations.
        mutating func desiredKey(cluster: String, administration: String) throws -> String {
            _ = try clusterConfig(cluster)
            let base = hashes[cluster]!
            guard let overlay = set.overrides[cluster]?[administration] else { return base }
            return base + "+" + overlay.digest
        }

        /// The flattened desired configuration.
        mutating func flattened(cluster: String, administration: String) throws -> FlatConfiguration {
            let key = try desiredKey(cluster: cluster, administration: administration)
            if let hit = flat[key] { return hit }
            if flat[hashes[cluster]!] == nil { flat[hashes[cluster]!] = try clusterConfig(cluster).flattened }
            var result = flat[hashes[cluster]!]!
            if let overlay = set.overrides[cluster]?[administration] {
                // An overlay removes items and sets settings and thresholds: patch exactly that.
                for (kind, keys) in overlay.removals { for k in keys { result[ItemKey(kind: kind, key: k.value)] = nil } }
                for s in overlay.settings { result[ItemKey(kind: .settings, key: s.value.key)] = ["value": s.value.value.description] }
                for i in overlay.indicators {
                    result[ItemKey(kind: .indicators, key: i.value.id)] = ["threshold": i.value.threshold.description]
                }
            }
            flat[key] = result
            return result
        }
    }
}
