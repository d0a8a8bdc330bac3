public import Core
import GRDB

extension StoreTransaction {
    /// Inserts a fiscal year with its periods.
    public func insert(_ year: FiscalYear, admin: String) throws {
        try execute("INSERT INTO fiscal_year (admin_id, year, start_date, end_date, closed) VALUES (?, ?, ?, ?, ?)",
                    [admin, year.year, year.start.description, year.end.description, year.closed])
        for p in year.periods {
            try execute("""
                INSERT INTO period (admin_id, year, number, start_date, end_date, state) VALUES (?, ?, ?, ?, ?, ?)
                """, [admin, p.year, p.number, p.start.description, p.end.description, p.state.rawValue])
        }
    }

    public func fiscalYears(_ admin: String) throws -> [FiscalYear] {
        let periods = try rows("SELECT * FROM period WHERE admin_id = ? ORDER BY year, number", [admin])
            .map(Self.period(from:))
        let byYear = Dictionary(grouping: periods, by: \.year)
        return try rows("SELECT * FROM fiscal_year WHERE admin_id = ? ORDER BY year", [admin]).map { r in
            let year: Int = r["year"]
            return FiscalYear(year: year, start: try r.date("start_date"), end: try r.date("end_date"),
                              closed: r["closed"], periods: byYear[year] ?? [])
        }
    }

    public func fiscalYear(_ admin: String, year: Int) throws -> FiscalYear? {
        try fiscalYears(admin).first { $0.year == year }
    }

    public func period(_ admin: String, year: Int, number: Int) throws -> Period? {
        try row("SELECT * FROM period WHERE admin_id = ? AND year = ? AND number = ?", [admin, year, number])
            .map(Self.period(from:))
    }

    public func setState(_ state: PeriodState, admin: String, year: Int, period: Int) throws {
        try execute("UPDATE period SET state = ? WHERE admin_id = ? AND year = ? AND number = ?",
                    [state.rawValue, admin, year, period])
    }

    public func setClosed(_ closed: Bool, admin: String, year: Int) throws {
        try execute("UPDATE fiscal_year SET closed = ? WHERE admin_id = ? AND year = ?", [closed, admin, year])
    }

    static func period(from r: Row) throws -> Period {
        Period(year: r["year"], number: r["number"], start: try r.date("start_date"), end: try r.date("end_date"),
               state: try r.enumValue("state", as: PeriodState.self))
    }
}
