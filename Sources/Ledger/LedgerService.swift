public import Core
public import Store

/// The ledger's services over one workspace store: set-up, posting, periods, closing and queries.
///
/// The CLI and the HTTP face call these; neither holds a business rule of its own.
public struct LedgerService: Sendable {
    public let store: LedgerStore

    public init(store: LedgerStore) { self.store = store }

    /// Creates an administration with a chart, and opens the fiscal year `year`. With `applied`, the configuration
    /// it was rendered from is recorded as its last-applied state, in the same transaction.
    public func createAdministration(_ admin: Administration, chart: ChartOfAccounts, openYear year: Int,
                                     applied: AppliedConfiguration? = nil) async throws -> Administration
    {
        try await createAdministrations([(admin, chart, applied)], openYear: year)
        return admin
    }

    /// Creates administrations in one transaction, all or none (one for the CLI; thousands for a demo or a benchmark).
    public func createAdministrations(_ items: [(Administration, ChartOfAccounts, AppliedConfiguration?)], openYear year: Int)
        async throws
    {
        for (admin, chart, _) in items {
            do {
                try Administration.validate(id: admin.id)
                _ = try FiscalCalendar(startMonth: admin.fiscalYearStart)
            } catch { throw LedgerError(error) }
            let problems = chart.problems()
            if let first = problems.first {
                throw LedgerError("invalid-chart", first.location, first.message
                    + (problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""))
            }
        }
        let batch = items
        try await write { tx in
            for (admin, chart, applied) in batch {
                if try tx.administration(admin.id) != nil {
                    throw LedgerError("exists", "id", "administration \(admin.id) already exists")
                }
                try tx.insert(admin)
                try tx.insert(chart.accounts, admin: admin.id)
                try tx.insert(chart.vatCodes, admin: admin.id)
                try tx.insert(chart.journals, admin: admin.id)
                try tx.insert(try FiscalCalendar(startMonth: admin.fiscalYearStart).makeYear(year), admin: admin.id)
                if let applied {
                    try tx.record(applied, admin: admin.id)
                    try tx.writeConfigItems(applied.config, admin: admin.id)
                }
            }
        }
    }

    public func administrations() async throws -> [Administration] {
        try await store.read { tx in try tx.administrations() }
    }

    /// An administration with its counts, years and chart size.
    public func summary(_ id: String) async throws -> AdministrationSummary {
        try await store.read { tx in
            guard let admin = try tx.administration(id) else { throw LedgerError.notFound("administration \(id) does not exist") }
            let counts = try tx.counts(id)
            return AdministrationSummary(
                administration: admin, accounts: try tx.accounts(id).count, entries: counts.entries,
                lines: counts.lines, openItems: counts.openItems, relations: try tx.relations(id).count,
                years: try tx.fiscalYears(id).map { year in
                    AdministrationSummary.Year(year: year.year, start: year.start, end: year.end, closed: year.closed,
                                               openPeriods: year.periods.filter { $0.state == .open }.map(\.number))
                })
        }
    }

    /// The configuration last applied from a template, if any.
    public func appliedConfiguration(_ admin: String) async throws -> AppliedConfiguration? {
        try await read(admin) { tx in try tx.appliedConfiguration(admin) }
    }

    public func accounts(_ admin: String) async throws -> [Account] {
        try await read(admin) { tx in try tx.accounts(admin) }
    }

    /// Adds or updates a relation (customer or supplier).
    public func save(_ relation: Relation, in admin: String) async throws {
        guard !relation.number.isEmpty else { throw LedgerError("missing-field", "number", "the relation has no number") }
        guard !relation.name.isEmpty else { throw LedgerError("missing-field", "name", "relation \(relation.number) has no name") }
        guard relation.paymentTermDays >= 0 else {
            throw LedgerError("invalid", "paymentTermDays", "payment terms cannot be negative")
        }
        try await write(admin) { tx in try tx.upsert(relation, admin: admin) }
    }

    public func relations(_ admin: String) async throws -> [Relation] {
        try await read(admin) { tx in try tx.relations(admin) }
    }

    /// Adds or updates a cost centre.
    public func save(_ centre: CostCentre, in admin: String) async throws {
        guard !centre.code.isEmpty else { throw LedgerError("missing-field", "code", "the cost centre has no code") }
        try await write(admin) { tx in try tx.upsert(centre, admin: admin) }
    }

    /// Adds bank statement lines; a line whose reference is already there is skipped. Returns how many were new.
    public func addBankLines(_ lines: [BankStatementLine], to admin: String) async throws -> Int {
        try await write(admin) { tx in
            var added = 0
            for line in lines {
                guard let account = try tx.account(admin, code: line.account), account.control == .bank else {
                    throw LedgerError("invalid-bank-account", "account",
                                      "account \(line.account) is not the bank account of administration \(admin)")
                }
                if try tx.insert(line, admin: admin) { added += 1 }
            }
            return added
        }
    }

    public func bankLines(_ admin: String, unprocessedOnly: Bool = false) async throws -> [BankStatementLine] {
        try await read(admin) { tx in try tx.bankLines(admin, unprocessedOnly: unprocessedOnly) }
    }

    // MARK: - Helpers

    func write<T: Sendable>(_ admin: String? = nil, _ body: @escaping @Sendable (StoreTransaction) throws -> T)
        async throws -> T
    {
        try await store.write { tx in
            if let admin, try tx.administration(admin) == nil {
                throw LedgerError.notFound("administration \(admin) does not exist")
            }
            return try body(tx)
        }
    }

    func read<T: Sendable>(_ admin: String, _ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await store.read { tx in
            guard try tx.administration(admin) != nil else {
                throw LedgerError.notFound("administration \(admin) does not exist")
            }
            return try body(tx)
        }
    }
}

/// An administration at a glance.
public struct AdministrationSummary: Sendable, Codable, Equatable {
    public struct Year: Sendable, Codable, Equatable {
        public var year: Int
        public var start: LocalDate
        public var end: LocalDate
        public var closed: Bool
        public var openPeriods: [Int]
    }

    public var administration: Administration
    public var accounts: Int
    public var entries: Int
    public var lines: Int
    public var openItems: Int
    public var relations: Int
    public var years: [Year]
}
