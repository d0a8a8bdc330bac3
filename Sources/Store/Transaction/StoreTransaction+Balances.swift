public import Core
import GRDB

extension StoreTransaction {
    /// Adds posted debits and credits to the maintained balance of an account, period and cost centre.
    public func addToBalance(_ admin: String, year: Int, period: Int, account: String, costCentre: String?,
                             debit: Int64, credit: Int64) throws {
        try execute("""
            INSERT INTO balance (admin_id, year, period, account, cost_centre, debit, credit)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, year, period, account, cost_centre) DO UPDATE
                SET debit = debit + excluded.debit, credit = credit + excluded.credit
            """, [admin, year, period, account, costCentre ?? "", debit, credit])
    }

    /// The maintained balances of one fiscal year, all periods and cost centres.
    public func periodBalances(_ admin: String, year: Int) throws -> [PeriodBalance] {
        try rows("SELECT * FROM balance WHERE admin_id = ? AND year = ?", [admin, year]).map {
            PeriodBalance(account: $0["account"], year: $0["year"], period: $0["period"],
                          costCentre: $0["cost_centre"], debit: $0["debit"], credit: $0["credit"])
        }
    }

    /// The maintained balances of one fiscal year per account and period, summed over cost centres (the common
    /// case: a trial balance or report of the whole administration). Columns read by position: this is hot.
    public func periodTotals(_ admin: String, year: Int) throws -> [PeriodBalance] {
        try rows("""
            SELECT account, period, SUM(debit), SUM(credit) FROM balance WHERE admin_id = ? AND year = ?
            GROUP BY account, period
            """, [admin, year]).map {
            PeriodBalance(account: $0[0], year: year, period: $0[1], debit: $0[2], credit: $0[3])
        }
    }

    /// Totals per account summed from the posted lines themselves: for partial periods and for checks.
    /// Lines are found through their entries' date index, so only the range's lines are read.
    public func lineTotals(_ admin: String, year: Int, from: LocalDate, to: LocalDate, periods: ClosedRange<Int>,
                           costCentre: String?) throws -> [String: AccountTotals] {
        var result: [String: AccountTotals] = [:]
        let filter = costCentre == nil ? "" : " AND l.cost_centre = ?"
        var args: StatementArguments = [admin, from.description, to.description, year, periods.lowerBound,
                                        periods.upperBound]
        if let costCentre { args += [costCentre] }
        for r in try rows("""
            SELECT l.account AS account, SUM(CASE WHEN l.amount > 0 THEN l.amount ELSE 0 END) AS debit,
                   SUM(CASE WHEN l.amount < 0 THEN -l.amount ELSE 0 END) AS credit
            FROM entry e JOIN entry_line l ON l.entry_id = e.id
            WHERE e.admin_id = ? AND e.date BETWEEN ? AND ? AND e.year = ? AND e.period BETWEEN ? AND ?\(filter)
            GROUP BY l.account
            """, args) {
            result[r["account"]] = AccountTotals(debit: r["debit"], credit: r["credit"])
        }
        return result
    }

    /// Every posted line's (year, period, account, cost centre, amount): the ground truth balances are checked against.
    public func balancesFromLines(_ admin: String) throws -> [PeriodBalance] {
        try rows("""
            SELECT year, period, account, COALESCE(cost_centre, '') AS cc,
                   SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS debit,
                   SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS credit
            FROM entry_line WHERE admin_id = ? GROUP BY year, period, account, cc
            """, [admin]).map {
            PeriodBalance(account: $0["account"], year: $0["year"], period: $0["period"], costCentre: $0["cc"],
                          debit: $0["debit"], credit: $0["credit"])
        }
    }

    /// All maintained balances of an administration.
    public func allBalances(_ admin: String) throws -> [PeriodBalance] {
        try rows("SELECT * FROM balance WHERE admin_id = ?", [admin]).map {
            PeriodBalance(account: $0["account"], year: $0["year"], period: $0["period"],
                          costCentre: $0["cost_centre"], debit: $0["debit"], credit: $0["credit"])
        }
    }

    /// Whether an account has any posted line.
    public func hasPostings(_ admin: String, account: String) throws -> Bool {
        try row("SELECT 1 FROM entry_line WHERE admin_id = ? AND account = ? LIMIT 1", [admin, account]) != nil
    }
}

extension StoreTransaction {
    /// Net per relation of one account's lines in one fiscal year (all periods): carried forward at year end.
    public func relationTotals(_ admin: String, year: Int, account: String) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for r in try rows("""
            SELECT relation, SUM(amount) AS net FROM entry_line
            WHERE admin_id = ? AND year = ? AND account = ? GROUP BY relation
            """, [admin, year, account]) {
            let relation: String? = r["relation"]
            result[relation ?? "", default: 0] += r["net"] as Int64
        }
        return result
    }
}
