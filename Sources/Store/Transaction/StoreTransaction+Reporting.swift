public import Core

/// VAT turnover and VAT of one code (and relation) over some periods.
public struct VATTotal: Hashable, Sendable {
    public var code: String
    /// Empty when the lines named no relation.
    public var relation: String
    /// Net amount of the lines carrying the code (debit positive), and the VAT they declared.
    public var base: Int64
    public var vat: Int64

    public init(code: String, relation: String, base: Int64, vat: Int64) {
        self.code = code
        self.relation = relation
        self.base = base
        self.vat = vat
    }
}

extension StoreTransaction {
    /// Adds posted VAT lines to the maintained totals of a period, code and relation.
    public func addToVATTotal(_ admin: String, year: Int, period: Int, code: String, relation: String?, base: Int64,
                              vat: Int64) throws {
        try execute("""
            INSERT INTO vat_total (admin_id, year, period, vat_code, relation, base, vat) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, year, period, vat_code, relation) DO UPDATE
                SET base = base + excluded.base, vat = vat + excluded.vat
            """, [admin, year, period, code, relation ?? "", base, vat])
    }

    /// VAT totals per code and relation over the periods `periods` of fiscal year `year`.
    public func vatTotals(_ admin: String, year: Int, periods: ClosedRange<Int>) throws -> [VATTotal] {
        try rows("""
            SELECT vat_code, relation, SUM(base) AS base, SUM(vat) AS vat FROM vat_total
            WHERE admin_id = ? AND year = ? AND period BETWEEN ? AND ? GROUP BY vat_code, relation
            """, [admin, year, periods.lowerBound, periods.upperBound]).map {
            VATTotal(code: $0["vat_code"], relation: $0["relation"], base: $0["base"], vat: $0["vat"])
        }
    }

    /// The maintained VAT totals per code and relation over every year and period.
    public func vatTotals(_ admin: String) throws -> [VATTotal] {
        try rows("""
            SELECT vat_code, relation, SUM(base) AS base, SUM(vat) AS vat FROM vat_total WHERE admin_id = ?
            GROUP BY vat_code, relation
            """, [admin]).map {
            VATTotal(code: $0["vat_code"], relation: $0["relation"], base: $0["base"], vat: $0["vat"])
        }
    }

    /// Sets (or, with nil, clears) a figure of one period.
    public func setFigure(_ admin: String, key: String, year: Int, period: Int, value: DecimalNumber?) throws {
        if let value {
            try execute("""
                INSERT INTO figure (admin_id, key, year, period, value) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (admin_id, key, year, period) DO UPDATE SET value = excluded.value
                """, [admin, key, year, period, value.description])
        } else {
            try execute("DELETE FROM figure WHERE admin_id = ? AND key = ? AND year = ? AND period = ?",
                        [admin, key, year, period])
        }
    }

    /// Every figure of one fiscal year: key → period → value.
    public func figures(_ admin: String, year: Int) throws -> [String: [Int: DecimalNumber]] {
        var result: [String: [Int: DecimalNumber]] = [:]
        for r in try rows("SELECT key, period, value FROM figure WHERE admin_id = ? AND year = ?", [admin, year]) {
            let text: String = r["value"]
            do {
                result[r["key"], default: [:]][r["period"]] = try DecimalNumber(parsing: text, field: "figure")
            } catch {
                throw StoreError("figure \(r["key"] as String) of \(admin) holds '\(text)', which is not a number")
            }
        }
        return result
    }
}

extension StoreTransaction {
    /// VAT totals summed from the posted lines themselves, the way migration v7 backfills them: the ground truth the
    /// maintained totals are checked against.
    public func vatTotalsFromLines(_ admin: String) throws -> [VATTotal] {
        try rows("""
            SELECT l.vat_code, COALESCE(l.relation, (SELECT r.relation FROM entry_line r WHERE r.entry_id = l.entry_id
                       AND r.relation IS NOT NULL ORDER BY r.line_no LIMIT 1), '') AS rel,
                   SUM(l.amount) AS base, SUM(COALESCE(l.vat_amount, 0)) AS vat
            FROM entry_line l WHERE l.admin_id = ? AND l.vat_code IS NOT NULL GROUP BY l.vat_code, rel
            """, [admin]).map { VATTotal(code: $0["vat_code"], relation: $0["rel"], base: $0["base"], vat: $0["vat"]) }
    }
}
