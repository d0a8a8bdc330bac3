public import Core
import GRDB

/// One intercompany total: an account's lines with a relation that stands for another entity of a group.
public struct IntercompanyTotal: Sendable, Hashable {
    public var account: String
    public var relation: String
    public var year: Int
    public var period: Int
    /// Debit positive.
    public var amount: Int64
}

extension StoreTransaction {
    /// Sets (adds or replaces) the rates of one pair and period; fields left nil keep their stored value.
    public func upsert(_ rate: ExchangeRate) throws {
        try execute("""
            INSERT INTO exchange_rate (base, quote, period, closing, average, historical) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (base, quote, period) DO UPDATE SET closing = COALESCE(excluded.closing, closing),
                average = COALESCE(excluded.average, average), historical = COALESCE(excluded.historical, historical)
            """, [rate.base.code, rate.quote.code, rate.period, rate.closing?.description, rate.average?.description,
                  rate.historical?.description])
    }

    /// Every stored rate, by pair and period.
    public func exchangeRates() throws -> [ExchangeRate] {
        try rows("SELECT * FROM exchange_rate ORDER BY base, quote, period").map { r in
            func decimal(_ column: String) throws -> DecimalNumber? {
                guard let text: String = r[column] else { return nil }
                return try DecimalNumber(parsing: text, field: column)
            }
            return ExchangeRate(base: try CurrencyCode(r["base"] as String), quote: try CurrencyCode(r["quote"] as String),
                                period: r["period"], closing: try decimal("closing"), average: try decimal("average"),
                                historical: try decimal("historical"))
        }
    }

    /// Records the reviewed revision a group's definition is read at from now on.
    public func applyGroup(_ name: String, revision: String, proposal: Int64?, at time: String) throws {
        try execute("""
            INSERT INTO applied_group (name, revision, proposal, applied_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, proposal = excluded.proposal,
                applied_at = excluded.applied_at
            """, [name, revision, proposal, time])
    }

    /// Per group, the reviewed revision its definition is read at.
    public func appliedGroups() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try rows("SELECT name, revision FROM applied_group").map { ($0["name"], $0["revision"]) })
    }

    /// Relations of the administration that stand for another group entity: relation number → entity.
    public func groupRelations(_ admin: String) throws -> [String: String] {
        Dictionary(try rows("SELECT number, group_entity FROM relation WHERE admin_id = ? AND group_entity IS NOT NULL",
                            [admin]).map { ($0["number"], $0["group_entity"]) }, uniquingKeysWith: { first, _ in first })
    }

    /// Up to `date`: per account, intercompany relation and period, the lines that carry the relation themselves
    /// (balances: receivables, payables, loans) and — in `year` — the lines of entries that name the relation
    /// (results: an invoice's revenue or cost lines carry no relation of their own). Year-end entries are left out:
    /// they only move balances between years.
    public func intercompanyTotals(_ admin: String, relations: [String], year: Int, upTo date: LocalDate) throws
        -> (balances: [IntercompanyTotal], results: [IntercompanyTotal])
    {
        guard !relations.isEmpty else { return ([], []) }
        let marks = Array(repeating: "?", count: relations.count).joined(separator: ", ")
        func totals(_ sql: String, _ args: StatementArguments) throws -> [IntercompanyTotal] {
            try rows(sql, args).map {
                IntercompanyTotal(account: $0["account"], relation: $0["relation"], year: $0["year"], period: $0["period"],
                                  amount: $0["amount"])
            }
        }
        let balances = try totals("""
            SELECT l.account, l.relation, e.year, e.period, SUM(l.amount) AS amount
            FROM entry_line l JOIN entry e ON e.id = l.entry_id
            WHERE l.admin_id = ? AND l.relation IN (\(marks)) AND e.date <= ? AND (e.source IS NULL OR e.source <> 'year-end')
            GROUP BY l.account, l.relation, e.year, e.period
            """, StatementArguments([admin] + relations + [date.description]))
        let results = try totals("""
            SELECT l.account, r.relation, e.year, e.period, SUM(l.amount) AS amount
            FROM (SELECT entry_id, MIN(relation) AS relation FROM entry_line
                  WHERE admin_id = ? AND relation IN (\(marks)) GROUP BY entry_id) r
            JOIN entry e ON e.id = r.entry_id JOIN entry_line l ON l.entry_id = e.id
            WHERE e.year = ? AND e.date <= ? AND (e.source IS NULL OR e.source <> 'year-end')
            GROUP BY l.account, r.relation, e.year, e.period
            """, StatementArguments([admin] + relations + [year, date.description]))
        return (balances, results)
    }
}
