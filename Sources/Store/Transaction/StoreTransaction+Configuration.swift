public import Core
import Foundation
import GRDB

extension StoreTransaction {
    /// Records the configuration now applied to an administration, and appends it to its history.
    public func record(_ applied: AppliedConfiguration, admin: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(applied.config), as: UTF8.self)
        try execute("""
            INSERT INTO applied_configuration (admin_id, cluster, revision, hash, config) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (admin_id) DO UPDATE SET cluster = excluded.cluster, revision = excluded.revision,
                hash = excluded.hash, config = excluded.config
            """, [admin, applied.cluster, applied.revision, applied.hash, json])
        try execute("INSERT INTO applied_configuration_history (admin_id, revision, hash) VALUES (?, ?, ?)",
                    [admin, applied.revision, applied.hash])
    }

    /// The configuration last applied to an administration, if it came from a template.
    public func appliedConfiguration(_ admin: String) throws -> AppliedConfiguration? {
        guard let r = try row("SELECT * FROM applied_configuration WHERE admin_id = ?", [admin]) else { return nil }
        let json: String = r["config"]
        do {
            let config = try JSONDecoder().decode(AdministrationConfig.self, from: Data(json.utf8))
            return AppliedConfiguration(cluster: r["cluster"], revision: r["revision"], hash: r["hash"], config: config)
        } catch {
            throw StoreError("the applied configuration of \(admin) cannot be read: \(error)")
        }
    }
}
