import Core
import GRDB

/// A budget version of one administration and fiscal year.
public struct BudgetVersionRecord: Sendable, Hashable, Codable {
    public var version: String
    public var year: Int
    /// What it was seeded from: `empty`, `actuals 2026`, `version 2027 v1`, `drivers …`, `forecast from 2027-07`.
    public var basis: String
    public var createdAt: String
    public var active: Bool

    public init(version: String, year: Int, basis: String, createdAt: String, active: Bool) {
        self.version = version
        self.year = year
        self.basis = basis
        self.createdAt = createdAt
        self.active = active
    }
}

extension StoreTransaction {
    /// Records a version (replacing its record when it exists).
    public func saveBudgetVersion(_ admin: String, _ v: BudgetVersionRecord) throws {
        try execute("""
            INSERT INTO budget_version (admin_id, version, year, basis, created_at, active) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, version, year) DO UPDATE SET basis = excluded.basis, created_at = excluded.created_at
            """, [admin, v.version, v.year, v.basis, v.createdAt, v.active])
    }

    /// Every version of the administration: recorded ones, and any with amounts but no record (named as stored).
    public func budgetVersions(_ admin: String) throws -> [BudgetVersionRecord] {
        var result = try rows("SELECT * FROM budget_version WHERE admin_id = ? ORDER BY year, version", [admin]).map {
            BudgetVersionRecord(version: $0["version"], year: $0["year"], basis: $0["basis"], createdAt: $0["created_at"],
                                active: $0["active"])
        }
        for r in try rows("SELECT DISTINCT version, year FROM budget_amount WHERE admin_id = ? ORDER BY year, version", [admin]) {
            let version: String = r[0], year: Int = r[1]
            if !result.contains(where: { $0.version == version && $0.year == year }) {
                result.append(BudgetVersionRecord(version: version, year: year, basis: "amounts", createdAt: "", active: false))
            }
        }
        return result
    }

    /// Makes `version` the one the administration steers by in `year` (recording it, when only its amounts were).
    public func activateBudget(_ admin: String, version: String, year: Int) throws {
        try execute("""
            INSERT INTO budget_version (admin_id, version, year, basis, created_at, active) VALUES (?, ?, ?, 'amounts', '', 0)
            ON CONFLICT (admin_id, version, year) DO NOTHING
            """, [admin, version, year])
        try execute("UPDATE budget_version SET active = 0 WHERE admin_id = ? AND year = ? AND active = 1", [admin, year])
        try execute("UPDATE budget_version SET active = 1 WHERE admin_id = ? AND year = ? AND version = ?", [admin, year, version])
    }

    /// The version reports and the monitor compare with: the active one, else `default`.
    public func steeringBudget(_ admin: String, year: Int) throws -> String {
        try row("SELECT version FROM budget_version WHERE admin_id = ? AND year = ? AND active = 1", [admin, year])?["version"]
            ?? "default"
    }

    /// A version's amounts for a year: per account, the twelve periods (debit positive).
    public func budgetMonths(_ admin: String, version: String, year: Int) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for r in try rows("SELECT account, period, amount FROM budget_amount WHERE admin_id = ? AND version = ? AND year = ?",
                          [admin, version, year]) {
            let period: Int = r[1]
            result[r[0], default: Array(repeating: 0, count: 12)][period - 1] = r[2]
        }
        return result
    }

    /// Replaces a version's amounts for a year with `months` (per account, twelve periods).
    public func replaceBudget(_ admin: String, version: String, year: Int, months: [String: [Int64]]) throws {
        try execute("DELETE FROM budget_amount WHERE admin_id = ? AND version = ? AND year = ?", [admin, version, year])
        let statement = try db.cachedStatement(sql: """
            INSERT INTO budget_amount (admin_id, version, year, period, account, amount) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (account, values) in months.sorted(by: { $0.key < $1.key }) {
            for (index, amount) in values.enumerated() where amount != 0 {
                try statement.execute(arguments: [admin, version, year, index + 1, account, amount])
            }
        }
    }

    /// The year's movements per account and period (1–12), from the maintained balances.
    public func actualMonths(_ admin: String, year: Int) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for b in try periodTotals(admin, year: year) where (1...12).contains(b.period) && b.debit != b.credit {
            result[b.account, default: Array(repeating: 0, count: 12)][b.period - 1] += b.debit - b.credit
        }
        return result
    }
}
