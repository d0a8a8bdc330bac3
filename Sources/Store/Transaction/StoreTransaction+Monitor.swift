public import Core
import Foundation
import GRDB

/// An open item as the monitor sees it: side, relation, due date and what is outstanding.
public struct OpenItemDue: Sendable, Hashable {
    public var side: OpenItemSide
    public var relation: String
    public var invoice: String
    public var due: LocalDate
    public var outstanding: Int64
}

/// Relations the data-quality indicators name, as (number, name).
public struct RelationQuality: Sendable, Hashable {
    public var withoutIBAN: [String: String] = [:]
    public var businessesWithoutVATNumber: [String: String] = [:]
    public var dutchBusinessesWithoutCoC: [String: String] = [:]
    public var duplicates: [String: String] = [:]
}

extension StoreTransaction {
    /// Unprocessed bank lines (count, oldest date) and the latest statement line's date.
    public func bankLineSummary(_ admin: String) throws -> (unprocessed: Int, oldest: LocalDate?, latest: LocalDate?) {
        guard let r = try row("""
            SELECT COALESCE(SUM(entry_id IS NULL), 0), MIN(CASE WHEN entry_id IS NULL THEN date END), MAX(date)
            FROM bank_statement_line WHERE admin_id = ?
            """, [admin]) else { return (0, nil, nil) }
        let oldest: String? = r[1], latest: String? = r[2]
        return (r[0], try oldest.map { try LocalDate(parsing: $0) }, try latest.map { try LocalDate(parsing: $0) })
    }

    /// Open items with something outstanding.
    public func openItemDues(_ admin: String) throws -> [OpenItemDue] {
        try rows("""
            SELECT side, relation, invoice, due_date, outstanding FROM open_item WHERE admin_id = ? AND outstanding <> 0
            ORDER BY due_date, relation, invoice
            """, [admin]).map {
            OpenItemDue(side: try $0.enumValue("side", as: OpenItemSide.self), relation: $0[1], invoice: $0[2],
                        due: try LocalDate(parsing: $0[3]), outstanding: $0[4])
        }
    }

    public func relationQuality(_ admin: String) throws -> RelationQuality {
        var q = RelationQuality()
        for r in try rows("""
            SELECT number, name,
                   iban IS NULL OR iban = '',
                   coc_number IS NOT NULL AND coc_number <> '' AND (vat_number IS NULL OR vat_number = ''),
                   (country IS NULL OR country = 'NL') AND vat_number IS NOT NULL AND vat_number <> ''
                       AND (coc_number IS NULL OR coc_number = ''),
                   EXISTS (SELECT 1 FROM relation b WHERE b.admin_id = a.admin_id AND b.number <> a.number AND (
                       (a.iban <> '' AND b.iban = a.iban) OR (a.vat_number <> '' AND b.vat_number = a.vat_number)
                       OR (a.coc_number <> '' AND b.coc_number = a.coc_number)))
            FROM relation a WHERE admin_id = ?
            """, [admin]) {
            let number: String = r[0], name: String = r[1]
            if r[2] as Bool { q.withoutIBAN[number] = name }
            if r[3] as Bool { q.businessesWithoutVATNumber[number] = name }
            if r[4] as Bool { q.dutchBusinessesWithoutCoC[number] = name }
            if r[5] as Bool { q.duplicates[number] = name }
        }
        return q
    }

    /// Net movement (debit positive) per year and period on `accounts`.
    public func periodMovements(_ admin: String, accounts: [String]) throws -> [(year: Int, period: Int, net: Int64)] {
        guard !accounts.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: accounts.count).joined(separator: ",")
        return try rows("""
            SELECT year, period, SUM(debit - credit) FROM balance WHERE admin_id = ? AND account IN (\(marks))
            GROUP BY year, period ORDER BY year, period
            """, StatementArguments([admin] + accounts)).map { ($0[0], $0[1], $0[2]) }
    }

    /// Relations with supplies under `codes` in fiscal year `year` that have no VAT number, and their supplies
    /// (credit positive).
    public func relationsWithoutVATNumber(_ admin: String, codes: [String], year: Int) throws -> [(relation: String, amount: Int64)] {
        guard !codes.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: codes.count).joined(separator: ",")
        return try rows("""
            SELECT t.relation, -SUM(t.base) FROM vat_total t
            LEFT JOIN relation r ON r.admin_id = t.admin_id AND r.number = t.relation
            WHERE t.admin_id = ? AND t.year = ? AND t.vat_code IN (\(marks))
              AND (r.vat_number IS NULL OR r.vat_number = '')
            GROUP BY t.relation HAVING SUM(t.base) <> 0 ORDER BY t.relation
            """, StatementArguments([admin, String(year)] + codes)).map { ($0[0], $0[1]) }
    }

    /// Budget amounts of a version per account, summed over periods `periods` of fiscal year `year`; nil when the
    /// version has no amounts for that year at all.
    public func budgetTotals(_ admin: String, version: String, year: Int, periods: ClosedRange<Int>) throws -> [String: Int64]? {
        guard try row("SELECT 1 FROM budget_amount WHERE admin_id = ? AND version = ? AND year = ? LIMIT 1",
                      [admin, version, year]) != nil else { return nil }
        var result: [String: Int64] = [:]
        for r in try rows("""
            SELECT account, SUM(amount) FROM budget_amount WHERE admin_id = ? AND version = ? AND year = ?
              AND period BETWEEN ? AND ? GROUP BY account
            """, [admin, version, year, periods.lowerBound, periods.upperBound]) {
            result[r[0]] = r[1]
        }
        return result
    }

    /// Sets the budget of an account for one period (debit positive, as postings).
    public func setBudget(_ admin: String, version: String, year: Int, period: Int, account: String, amount: Int64) throws {
        try execute("""
            INSERT INTO budget_amount (admin_id, version, year, period, account, amount) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, version, year, period, account) DO UPDATE SET amount = excluded.amount
            """, [admin, version, year, period, account, amount])
    }

    /// Failed applications of unfinished distributions for this administration: proposal and message.
    public func failedDistributionItems(_ admin: String) throws -> [(proposal: Int64, message: String?)] {
        try rows("""
            SELECT i.proposal_id, i.message FROM distribution_item i JOIN distribution d ON d.proposal_id = i.proposal_id
            WHERE i.admin_id = ? AND i.state = 'failed' AND d.state IN ('running', 'paused', 'waiting') ORDER BY i.proposal_id
            """, [admin]).map { ($0[0], $0[1]) }
    }

    /// The live configuration items of one kind as stored (JSON), by key: callers that read many administrations
    /// decode each distinct text once.
    public func configItemJSON(_ admin: String, kind: ConfigItemKind) throws -> [String: String] {
        var result: [String: String] = [:]
        for r in try rows("SELECT key, value FROM config_item WHERE admin_id = ? AND kind = ?", [admin, kind.rawValue]) {
            result[r[0]] = r[1]
        }
        return result
    }

    /// The live setting `key` as stored (JSON), if any.
    public func settingJSON(_ admin: String, key: String) throws -> String? {
        try row("SELECT value FROM config_item WHERE admin_id = ? AND kind = 'settings' AND key = ?", [admin, key])?[0]
    }

    // MARK: - Facts

    /// When each administration's facts were gathered and whether they are stale since.
    public func monitorFactsState() throws -> [String: (asOf: String, stale: Bool)] {
        var result: [String: (String, Bool)] = [:]
        for r in try rows("SELECT admin_id, as_of, stale FROM monitor_facts") { result[r[0]] = (r[1], r[2]) }
        return result
    }

    /// Every administration's summary (bytes) and thresholds (JSON).
    public func monitorSummaries() throws -> [(admin: String, summary: [UInt8], thresholds: String)] {
        try rows("SELECT admin_id, summary, thresholds FROM monitor_facts").map { r in
            let data: Data = r[1]
            return (r[0], [UInt8](data), r[2])
        }
    }

    /// One administration's full facts (JSON).
    public func monitorFacts(_ admin: String) throws -> String? {
        try row("SELECT facts FROM monitor_facts WHERE admin_id = ?", [admin])?[0]
    }

    public func saveMonitorFacts(_ admin: String, asOf: String, summary: [UInt8], thresholds: String, facts: String) throws {
        try execute("""
            INSERT INTO monitor_facts (admin_id, as_of, stale, summary, thresholds, facts) VALUES (?, ?, 0, ?, ?, ?)
            ON CONFLICT (admin_id) DO UPDATE SET as_of = excluded.as_of, stale = 0, summary = excluded.summary,
                thresholds = excluded.thresholds, facts = excluded.facts
            """, [admin, asOf, Data(summary), thresholds, facts])
    }

    /// The monitor's generation: it moves whenever facts, administrations, responsibilities, users or preferences do.
    public func monitorGeneration() throws -> Int64 {
        try row("SELECT n FROM monitor_generation WHERE id = 1")?[0] ?? 0
    }

    /// Marks an administration's facts stale (posting does this once per transaction).
    public func markMonitorStale(_ admin: String) throws {
        try execute("UPDATE monitor_facts SET stale = 1 WHERE admin_id = ?", [admin])
    }

    // MARK: - Preferences

    /// A user's own thresholds and switched-off indicators: id → (threshold, enabled).
    public func monitorPreferences(_ user: String) throws -> [String: (threshold: String?, enabled: Bool)] {
        var result: [String: (String?, Bool)] = [:]
        for r in try rows("SELECT indicator, threshold, enabled FROM monitor_preference WHERE user_name = ?", [user]) {
            result[r[0]] = (r[1], r[2])
        }
        return result
    }

    public func setMonitorPreference(_ user: String, indicator: String, threshold: String?, enabled: Bool) throws {
        try execute("""
            INSERT INTO monitor_preference (user_name, indicator, threshold, enabled) VALUES (?, ?, ?, ?)
            ON CONFLICT (user_name, indicator) DO UPDATE SET threshold = excluded.threshold, enabled = excluded.enabled
            """, [user, indicator, threshold, enabled])
    }

    public func clearMonitorPreference(_ user: String, indicator: String) throws {
        try execute("DELETE FROM monitor_preference WHERE user_name = ? AND indicator = ?", [user, indicator])
    }
}
