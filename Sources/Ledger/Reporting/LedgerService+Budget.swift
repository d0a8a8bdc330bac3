public import Core

extension LedgerService {
    /// The version a budget is kept in until versions of their own arrive.
    public static let defaultBudgetVersion = "default"

    /// Sets the budget of an account for the month containing `month`, as a posting would carry it (debit
    /// positive: revenue budgets are negative).
    public func setBudget(_ account: String, month: LocalDate, amount: Int64, version: String = defaultBudgetVersion,
                          in admin: String) async throws {
        try await write(admin) { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin) does not exist") }
            guard try tx.accounts(admin).contains(where: { $0.code == account }) else {
                throw LedgerError("unknown-account", "account", "account \(account) does not exist in administration \(admin)")
            }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            try tx.setBudget(admin, version: version, year: calendar.fiscalYear(containing: month),
                             period: calendar.periodNumber(containing: month), account: account, amount: amount)
        }
    }

    /// Sets many budget amounts (account, month, amount) in one transaction: all of them, or none.
    public func setBudgets(_ amounts: [(account: String, month: LocalDate, amount: Int64)], version: String = defaultBudgetVersion,
                           in admin: String) async throws {
        let items = amounts.map { ($0.account, $0.month, $0.amount) }
        try await write(admin) { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin) does not exist") }
            let known = Set(try tx.accounts(admin).map(\.code))
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            for (account, month, amount) in items {
                guard known.contains(account) else {
                    throw LedgerError("unknown-account", "account", "account \(account) does not exist in administration \(admin)")
                }
                try tx.setBudget(admin, version: version, year: calendar.fiscalYear(containing: month),
                                 period: calendar.periodNumber(containing: month), account: account, amount: amount)
            }
        }
    }

    /// Budget amounts per account over the whole months `from`…`to` (one fiscal year); nil when the version has
    /// no budget for that year.
    /// Without a version: the one the administration steers by that year (its active version, else `default`).
    public func budgetAmounts(_ admin: String, from: LocalDate, to: LocalDate, version: String? = nil)
        async throws -> [String: Int64]?
    {
        try await read(admin) { tx in
            let calendar = try FiscalCalendar(startMonth: try tx.administration(admin)!.fiscalYearStart)
            let year = calendar.fiscalYear(containing: from)
            return try tx.budgetTotals(admin, version: try version ?? tx.steeringBudget(admin, year: year), year: year,
                                       periods: calendar.periodNumber(containing: from)...calendar.periodNumber(containing: to))
        }
    }
}
