public import Core
public import Store

/// A trial balance over a date range of one fiscal year: per account the opening balance, the movements and the
/// closing balance, all in the administration's currency.
public struct TrialBalance: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var account: String
        public var name: String
        public var type: AccountType
        /// Net (debit positive) before `from`.
        public var opening: Int64
        public var debit: Int64
        public var credit: Int64

        public var closing: Int64 { opening + debit - credit }
    }

    public var administration: String
    public var currency: CurrencyCode
    public var from: LocalDate
    public var to: LocalDate
    public var costCentre: String?
    public var rows: [Row]

    public var totalDebit: Int64 { rows.reduce(0) { $0 + $1.debit } }
    public var totalCredit: Int64 { rows.reduce(0) { $0 + $1.credit } }
    public var totalOpening: Int64 { rows.reduce(0) { $0 + $1.opening } }
    public var totalClosing: Int64 { rows.reduce(0) { $0 + $1.closing } }
}

/// What trial balances of one administration share, read once for all of a report's columns.
struct TrialBalanceContext {
    let administration: Administration
    let calendar: FiscalCalendar
    let years: [FiscalYear]
    let accounts: [Account]
    let types: [String: AccountType]
    private var cache: [String: [PeriodBalance]] = [:]

    init(_ tx: StoreTransaction, _ admin: String) throws {
        guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin)") }
        administration = a
        calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
        years = try tx.fiscalYears(admin)
        accounts = try tx.accounts(admin)
        types = Dictionary(accounts.map { ($0.code, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    /// A year's maintained balances: per cost centre when a report filters on one, else summed over them.
    mutating func balances(_ tx: StoreTransaction, year: Int, byCostCentre: Bool) throws -> [PeriodBalance] {
        let key = "\(year)/\(byCostCentre)"
        if let known = cache[key] { return known }
        let loaded = byCostCentre ? try tx.periodBalances(administration.id, year: year)
            : try tx.periodTotals(administration.id, year: year)
        cache[key] = loaded
        return loaded
    }
}

/// Builds a trial balance from maintained period balances, touching posted lines only for partial periods.
struct TrialBalanceBuilder {
    var calendar: FiscalCalendar
    var years: [FiscalYear]
    /// Maintained balances by year.
    var balances: [Int: [PeriodBalance]]
    var costCentre: String?
    var retainedEarnings: String?

    /// Opening balances carried into `year` from earlier years that are not yet closed (their carry-forward is not
    /// posted yet): balance-sheet accounts as they stand, and the unclosed result on retained earnings.
    func carryIn(to year: Int) -> [String: Int64] {
        guard costCentre == nil, let previous = years.first(where: { $0.year == year - 1 }), !previous.closed else {
            return [:]
        }
        var carry = carryIn(to: year - 1)
        for b in balances[year - 1] ?? [] { carry[b.account, default: 0] += b.net }
        return carry
    }

    func matches(_ b: PeriodBalance) -> Bool { costCentre == nil || b.costCentre == costCentre }
}

extension LedgerService {
    /// The trial balance of `admin` from `from` to `to` (one fiscal year), optionally for one cost centre.
    /// Set `includeClosing` to see the year-end closing entry in the movements.
    public func trialBalance(_ admin: String, from: LocalDate, to: LocalDate, costCentre: String? = nil,
                             includeClosing: Bool = false) async throws -> TrialBalance {
        try await read(admin) { tx in
            try Self.trialBalance(tx, admin, from: from, to: to, costCentre: costCentre, includeClosing: includeClosing)
        }
    }

    /// Trial balances over several ranges read in one transaction (a report's columns); nil for a range whose
    /// fiscal year the administration does not have.
    public func trialBalances(_ admin: String, ranges: [ClosedRange<LocalDate>]) async throws -> [TrialBalance?] {
        try await read(admin) { tx in
            var context = try TrialBalanceContext(tx, admin)
            return try ranges.map { range in
                guard context.years.contains(where: { $0.year == context.calendar.fiscalYear(containing: range.lowerBound) })
                else { return nil }
                return try Self.trialBalance(tx, &context, from: range.lowerBound, to: range.upperBound, costCentre: nil,
                                             includeClosing: false)
            }
        }
    }

    /// The trial balance inside a caller's read transaction (the monitor gathers many facts in one).
    public static func trialBalance(in tx: StoreTransaction, admin: String, from: LocalDate, to: LocalDate) throws
        -> TrialBalance
    {
        try trialBalance(tx, admin, from: from, to: to, costCentre: nil, includeClosing: false)
    }

    static func trialBalance(_ tx: StoreTransaction, _ admin: String, from: LocalDate, to: LocalDate, costCentre: String?,
                             includeClosing: Bool) throws -> TrialBalance {
        var context = try TrialBalanceContext(tx, admin)
        return try trialBalance(tx, &context, from: from, to: to, costCentre: costCentre, includeClosing: includeClosing)
    }

    static func trialBalance(_ tx: StoreTransaction, _ context: inout TrialBalanceContext, from: LocalDate, to: LocalDate,
                             costCentre: String?, includeClosing: Bool) throws -> TrialBalance {
        do {
            let a = context.administration, admin = a.id, calendar = context.calendar
            let year = calendar.fiscalYear(containing: from)
            guard from <= to else { throw LedgerError("invalid-range", "from", "\(from) is after \(to)") }
            guard calendar.fiscalYear(containing: to) == year else {
                throw LedgerError("invalid-range", "to", "\(from) and \(to) lie in different fiscal years; "
                    + "a trial balance covers one year (\(calendar.startOfYear(year)) to \(calendar.endOfYear(year)))")
            }
            let years = context.years
            guard let fy = years.first(where: { $0.year == year }) else {
                throw LedgerError.notFound("fiscal year \(year) does not exist in administration \(admin)")
            }
            let accounts = context.accounts
            var balances: [Int: [PeriodBalance]] = [:]
            for y in years where y.year <= year {
                balances[y.year] = try context.balances(tx, year: y.year, byCostCentre: costCentre != nil)
            }
            let builder = TrialBalanceBuilder(calendar: calendar, years: years, balances: balances,
                                              costCentre: costCentre,
                                              retainedEarnings: accounts.first { $0.control == .retainedEarnings }?.code)
            var opening: [String: Int64] = [:]
            for (code, amount) in builder.carryIn(to: year) {
                let type = context.types[code]
                let target = type?.isBalanceSheet == true ? code : (builder.retainedEarnings ?? code)
                opening[target, default: 0] += amount
            }
            var movement: [String: AccountTotals] = [:]
            let yearBalances = (balances[year] ?? []).filter(builder.matches)
            let byPeriod = Dictionary(grouping: yearBalances, by: \.period)
            func add(_ period: Int, to target: inout [String: AccountTotals]) {
                for b in byPeriod[period] ?? [] { target[b.account, default: .init()] = target[b.account, default: .init()]
                    + AccountTotals(debit: b.debit, credit: b.credit) }
            }
            var before: [String: AccountTotals] = [:]
            for p in fy.periods {
                switch p.number {
                case Period.opening:
                    add(p.number, to: &before)
                case Period.closing:
                    if includeClosing && to == fy.end { add(p.number, to: &movement) }
                default:
                    if p.end < from {
                        add(p.number, to: &before)
                    } else if p.start >= from && p.end <= to {
                        add(p.number, to: &movement)
                    } else if p.start <= to {
                        if from > p.start {
                            for (k, v) in try tx.lineTotals(admin, year: year, from: p.start, to: from.adding(days: -1),
                                                            periods: p.number...p.number, costCentre: costCentre) {
                                before[k, default: .init()] = before[k, default: .init()] + v
                            }
                        }
                        for (k, v) in try tx.lineTotals(admin, year: year, from: max(p.start, from), to: min(p.end, to),
                                                        periods: p.number...p.number, costCentre: costCentre) {
                            movement[k, default: .init()] = movement[k, default: .init()] + v
                        }
                    }
                }
            }
            for (k, v) in before { opening[k, default: 0] += v.net }
            let rows = accounts.compactMap { account -> TrialBalance.Row? in
                let m = movement[account.code] ?? .init()
                let o = opening[account.code] ?? 0
                guard o != 0 || m.debit != 0 || m.credit != 0 else { return nil }
                return TrialBalance.Row(account: account.code, name: account.name, type: account.type, opening: o,
                                        debit: m.debit, credit: m.credit)
            }
            return TrialBalance(administration: admin, currency: a.currency, from: from, to: to, costCentre: costCentre,
                                rows: rows)
        }
    }
}
