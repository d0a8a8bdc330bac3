public import Core
import Store
public import Templates

extension ReconcilerService {
    /// Desired configurations of many administrations, rendered once per cluster and per overlay, with their SHA-256.
    public struct DesiredConfigurations: Sendable {
        var cache: DesiredCache
        var sha: [String: String] = [:]

        public init(set: TemplateSet) { cache = DesiredCache(set: set) }

        public mutating func desired(cluster: String, administration: String) throws -> (config: AdministrationConfig, sha256: String) {
            let (config, key, _) = try cache.desired(cluster: cluster, administration: administration)
            if let known = sha[key] { return (config, known) }
            let hash = config.sha256
            sha[key] = hash
            return (config, hash)
        }
    }

    /// Plans many administrations at once, in one read: administrations whose live configuration still equals
    /// what was last applied share one template diff per group (as a status pass does); the others, and any with
    /// acknowledgements, are planned one by one.
    public func plans(_ admins: [String], at revision: String, set: TemplateSet,
                      acknowledged: [String: Set<ItemKey>] = [:]) async throws -> [String: Plan] {
        let cache = DesiredCache(set: set)
        return try await workspace.store.read { tx in
            var cache = cache
            var groups = GroupPlans()
            let records = try tx.reconcilerRecords()
            let appliedHashes = try tx.appliedHashes()
            var result: [String: Plan] = [:]
            let clusters = Dictionary(uniqueKeysWithValues: try tx.administrations().map { ($0.id, $0.cluster) })
            for admin in admins {
                guard let cluster = clusters[admin] ?? nil else { continue }
                let acks = acknowledged[admin] ?? []
                if acks.isEmpty, let live = records[admin]?.liveHash, live == appliedHashes[admin] {
                    let key = try cache.desiredKey(cluster: cluster, administration: admin)
                    result[admin] = try groups.plan(admin: admin, cluster: cluster, revision: revision, liveHash: live,
                                                    desiredKey: key, cache: &cache, tx: tx)
                } else {
                    result[admin] = try Self.plan(admin, tx: tx, revision: revision, cache: &cache, acknowledged: acks)
                }
            }
            return result
        }
    }
}
