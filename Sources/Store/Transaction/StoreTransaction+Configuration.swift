public import Core
import Foundation
import GRDB

extension StoreTransaction {
    /// Records the configuration now applied to an administration, and appends it to its history.
    public func record(_ applied: AppliedConfiguration, admin: String) throws {
        // Stored once per distinct configuration: encoding is skipped when the hash is already there.
        var json = ""
        if try row("SELECT 1 FROM configuration WHERE hash = ?", [applied.hash]) == nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            json = String(decoding: try encoder.encode(applied.config), as: UTF8.self)
        }
        try execute("INSERT INTO configuration (hash, config) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", [applied.hash, json])
        try execute("""
            INSERT INTO applied_configuration (admin_id, cluster, revision, hash) VALUES (?, ?, ?, ?)
            ON CONFLICT (admin_id) DO UPDATE SET cluster = excluded.cluster, revision = excluded.revision,
                hash = excluded.hash
            """, [admin, applied.cluster, applied.revision, applied.hash])
        try execute("INSERT INTO applied_configuration_history (admin_id, revision, hash) VALUES (?, ?, ?)",
                    [admin, applied.revision, applied.hash])
    }

    /// The configuration last applied to an administration, if it came from a template.
    public func appliedConfiguration(_ admin: String) throws -> AppliedConfiguration? {
        guard let r = try row("""
            SELECT a.cluster, a.revision, a.hash, c.config FROM applied_configuration a
            JOIN configuration c ON c.hash = a.hash WHERE a.admin_id = ?
            """, [admin]) else { return nil }
        let json: String = r["config"]
        do {
            let config = try JSONDecoder().decode(AdministrationConfig.self, from: Data(json.utf8))
            return AppliedConfiguration(cluster: r["cluster"], revision: r["revision"], hash: r["hash"], config: config)
        } catch {
            throw StoreError("the applied configuration of \(admin) cannot be read: \(error)")
        }
    }
}

extension StoreTransaction {
    /// The kinds of configuration item kept outside the ledger's own tables.
    public enum ConfigItemKind: String, Sendable, CaseIterable {
        case reports, dashboards, indicators, settings
    }

    /// Writes (or replaces) one configuration item; `value` is its canonical JSON.
    public func setConfigItem(_ kind: ConfigItemKind, key: String, value: String, admin: String) throws {
        try execute("""
            INSERT INTO config_item (admin_id, kind, key, value) VALUES (?, ?, ?, ?)
            ON CONFLICT (admin_id, kind, key) DO UPDATE SET value = excluded.value
            """, [admin, kind.rawValue, key, value])
    }

    /// Writes one configuration item as canonical JSON.
    public func setConfigItem<T: Encodable>(_ kind: ConfigItemKind, key: String, encoding value: T, admin: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try setConfigItem(kind, key: key, value: String(decoding: try encoder.encode(value), as: UTF8.self), admin: admin)
    }

    public func removeConfigItem(_ kind: ConfigItemKind, key: String, admin: String) throws {
        try execute("DELETE FROM config_item WHERE admin_id = ? AND kind = ? AND key = ?", [admin, kind.rawValue, key])
    }

    /// Every configuration item of an administration: kind → key → canonical JSON.
    public func configItems(_ admin: String) throws -> [ConfigItemKind: [String: String]] {
        var result: [ConfigItemKind: [String: String]] = [:]
        for r in try rows("SELECT kind, key, value FROM config_item WHERE admin_id = ?", [admin]) {
            guard let kind = ConfigItemKind(rawValue: r["kind"]) else { continue }
            result[kind, default: [:]][r["key"]] = r["value"]
        }
        return result
    }

    /// The live items of one kind, decoded (report layouts for a report, thresholds for the monitor).
    public func configItems<T: Decodable>(_ admin: String, kind: ConfigItemKind, as type: T.Type) throws -> [T] {
        let decoder = JSONDecoder()
        return try rows("SELECT value FROM config_item WHERE admin_id = ? AND kind = ? ORDER BY key",
                        [admin, kind.rawValue]).map { r in
            let json: String = r[0]
            do { return try decoder.decode(T.self, from: Data(json.utf8)) } catch {
                throw StoreError("the \(kind.rawValue) configuration of \(admin) cannot be read: \(error)")
            }
        }
    }

    /// Writes the non-ledger items of a configuration (reports, dashboards, indicators, settings) as the live ones.
    public func writeConfigItems(_ config: AdministrationConfig, admin: String) throws {
        try execute("DELETE FROM config_item WHERE admin_id = ?", [admin])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        for r in config.reports { try setConfigItem(.reports, key: r.id, value: try json(r), admin: admin) }
        for d in config.dashboards { try setConfigItem(.dashboards, key: d.id, value: try json(d), admin: admin) }
        for i in config.indicators { try setConfigItem(.indicators, key: i.id, value: try json(i), admin: admin) }
        for (k, v) in config.settings { try setConfigItem(.settings, key: k, value: try json(v), admin: admin) }
    }

    /// The administration's live configuration: its chart as the ledger holds it, and its other items.
    public func liveConfiguration(_ admin: String) throws -> AdministrationConfig? {
        guard let a = try administration(admin) else { return nil }
        let items = try configItems(admin)
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ kind: ConfigItemKind) throws -> [T] {
            try (items[kind] ?? [:]).values.map { try decoder.decode(T.self, from: Data($0.utf8)) }
        }
        var settings: [String: SettingValue] = [:]
        for (k, v) in items[.settings] ?? [:] { settings[k] = try decoder.decode(SettingValue.self, from: Data(v.utf8)) }
        let applied = try appliedConfiguration(admin)?.config
        return AdministrationConfig(
            template: applied?.template ?? "", currency: a.currency,
            fiscalYearStart: a.fiscalYearStart, accounts: try accounts(admin), vatCodes: try vatCodes(admin),
            journals: try journals(admin), reports: try decode(ReportLayout.self, .reports),
            dashboards: try decode(Dashboard.self, .dashboards), indicators: try decode(IndicatorThreshold.self, .indicators),
            settings: settings, renumbered: applied?.renumbered)
    }
}
