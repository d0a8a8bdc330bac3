import Core
import Ledger
import Store

/// What a consolidation reads of one administration's books, in one read transaction.
struct EntityBooks: Sendable {
    var administration: Administration
    var calendar: FiscalCalendar
    var accounts: [Account]
    /// Balances at the start of the fiscal year (earlier years' results in retained earnings).
    var yearOpening: [String: Int64]
    /// Net movements of each month of the year: (month start, movements).
    var months: [(LocalDate, [String: Int64])]
    /// Equity (with the result to date folded into retained earnings) at points before this year: at acquisition
    /// and at the start of each later year.
    var equityAt: [LocalDate: [String: Int64]]
    var intercompany: (balances: [IntercompanyTotal], results: [IntercompanyTotal])
    /// Intercompany relations: number → the entity (administration) it stands for.
    var groupRelations: [String: String]

    var types: [String: AccountType] { Dictionary(accounts.map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a }) }
    var retainedEarnings: String? { accounts.first { $0.control == .retainedEarnings }?.code }

    /// Reads the fiscal year that starts on `yearStart` — its opening, each month's movements and its intercompany
    /// totals — and the equity at `points`, in one read transaction.
    static func read(_ ledger: LedgerService, admin: String, yearStart: LocalDate, equityPoints points: [LocalDate])
        async throws -> EntityBooks
    {
        try await ledger.store.read { tx in
            guard let a = try tx.administration(admin) else {
                throw ConsolidationError("administration \(admin) does not exist")
            }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            let accounts = try tx.accounts(admin)
            let years = Set(try tx.fiscalYears(admin).map(\.year))
            let year = calendar.fiscalYear(containing: yearStart)
            guard years.contains(year), calendar.startOfYear(year) == yearStart else {
                throw ConsolidationError("administration \(admin) has no fiscal year starting on \(yearStart)")
            }
            let first = try LedgerService.trialBalance(in: tx, admin: admin, from: yearStart, to: yearStart)
            let opening = Dictionary(first.rows.filter { $0.opening != 0 }.map { ($0.account, $0.opening) },
                                     uniquingKeysWith: +)
            // The maintained balances per period: a month's movements without reading a line.
            var byPeriod: [Int: [String: Int64]] = [:]
            for b in try tx.periodTotals(admin, year: year) where (1...12).contains(b.period) && b.debit != b.credit {
                byPeriod[b.period, default: [:]][b.account, default: 0] += b.debit - b.credit
            }
            let months = (1...12).map { (yearStart.adding(months: $0 - 1), byPeriod[$0] ?? [:]) }
            let types = Dictionary(accounts.map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a })
            let retained = accounts.first { $0.control == .retainedEarnings }?.code
            var equityAt: [LocalDate: [String: Int64]] = [:]
            for (index, point) in points.enumerated() {
                let y = calendar.fiscalYear(containing: point)
                // Only the first point (the acquisition) must be in the books; later year starts before the books
                // began are left to the translation's fall-back (the historical rate).
                if index > 0 && !years.contains(y) { continue }
                guard years.contains(y) else {
                    throw ConsolidationError("the books of \(admin) do not reach back to \(point) (no fiscal year \(y)); "
                        + "give the member's equityAtAcquisition in the group file")
                }
                let start = calendar.startOfYear(y)
                var equity: [String: Int64] = [:]
                if point == start {
                    let tb = try LedgerService.trialBalance(in: tx, admin: admin, from: start, to: start)
                    for row in tb.rows where types[row.account] == .equity && row.opening != 0 { equity[row.account] = row.opening }
                } else {
                    let tb = try LedgerService.trialBalance(in: tx, admin: admin, from: start, to: point.adding(days: -1))
                    for row in tb.rows where row.closing != 0 {
                        switch types[row.account] {
                        case .equity: equity[row.account, default: 0] += row.closing
                        case .revenue, .expense:
                            guard let retained else {
                                throw ConsolidationError("administration \(admin) has no retained-earnings account")
                            }
                            equity[retained, default: 0] += row.closing
                        default: break
                        }
                    }
                }
                equityAt[point] = equity
            }
            let relations = try tx.groupRelations(admin)
            let ic = try tx.intercompanyTotals(admin, relations: relations.keys.sorted(), year: year,
                                               upTo: calendar.endOfYear(year))
            return EntityBooks(administration: a, calendar: calendar, accounts: accounts, yearOpening: opening,
                               months: months, equityAt: equityAt, intercompany: ic, groupRelations: relations)
        }
    }
}
