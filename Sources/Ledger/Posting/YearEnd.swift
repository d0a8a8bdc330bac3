public import Core
import Store

/// What the year-end closing did.
public struct YearEndResult: Sendable, Codable, Equatable {
    public var year: Int
    /// Profit (positive) or loss (negative) moved to equity, in minor units.
    public var result: Int64
    public var closingEntry: Int64?
    public var openingEntry: Int64?
    public var nextYear: Int
}

enum YearEnd {
    /// The idempotency source of entries the year-end closing makes.
    static let source = "year-end"
}

extension LedgerService {
    /// Opens fiscal year `year` with its periods 0–13.
    public func openYear(_ year: Int, in admin: String) async throws {
        try await write(admin) { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin)") }
            if try tx.fiscalYear(admin, year: year) != nil {
                throw LedgerError("exists", "year", "fiscal year \(year) is already open in administration \(admin)")
            }
            try tx.insert(try FiscalCalendar(startMonth: a.fiscalYearStart).makeYear(year), admin: admin)
        }
    }

    /// Closes, reopens or locks one period. A locked period is final.
    public func setPeriod(_ state: PeriodState, year: Int, period: Int, in admin: String) async throws {
        try await write(admin) { tx in
            guard let p = try tx.period(admin, year: year, number: period) else {
                throw LedgerError.notFound("period \(year)-\(period) does not exist in administration \(admin)")
            }
            if p.state == .locked && state != .locked {
                throw LedgerError("period-locked", "period", "period \(p.label) is locked and cannot be reopened")
            }
            try tx.setState(state, admin: admin, year: year, period: period)
        }
    }

    /// Closes fiscal year `year`: moves the result of every profit-and-loss account to retained earnings (period
    /// 13), opens the next year if needed, carries every balance-sheet balance into its opening period (per relation
    /// on control accounts), and locks the closed year.
    public func closeYear(_ year: Int, in admin: String) async throws -> YearEndResult {
        try await write(admin) { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin)") }
            let years = try tx.fiscalYears(admin)
            guard let fy = years.first(where: { $0.year == year }) else {
                throw LedgerError.notFound("fiscal year \(year) does not exist in administration \(admin)")
            }
            if fy.closed { throw LedgerError("year-closed", "year", "fiscal year \(year) is already closed") }
            if let previous = years.first(where: { $0.year == year - 1 }), !previous.closed {
                throw LedgerError("previous-year-open", "year", "close fiscal year \(year - 1) before \(year)")
            }
            let accounts = try tx.accounts(admin)
            guard let retained = accounts.first(where: { $0.control == .retainedEarnings }) else {
                throw LedgerError("invalid-chart", "control", "the chart has no retained-earnings account")
            }
            let journal = try tx.journals(admin).first { $0.code == "BEG" }?.code
                ?? tx.journals(admin).first { $0.kind == .general }?.code
            guard let journal else { throw LedgerError("invalid-chart", "journals", "the administration has no general journal") }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            let byCode = Dictionary(accounts.map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })

            var net: [String: Int64] = [:]
            for b in try tx.periodBalances(admin, year: year) { net[b.account, default: 0] += b.net }

            // 1. Profit and loss into retained earnings, in the closing period.
            let pl = net.filter { byCode[$0.key].map { !$0.type.isBalanceSheet } ?? false && $0.value != 0 }
            let result = -pl.values.reduce(0, +)
            var closingNumber: Int64?
            if !pl.isEmpty {
                if !(byCode[retained.code]?.active ?? false) {
                    throw LedgerError("inactive-account", "control", "retained-earnings account \(retained.code) is inactive")
                }
                var lines = pl.keys.sorted().map { EntryLineDraft(account: $0, amount: -pl[$0]!) }
                if result != 0 { lines.append(EntryLineDraft(account: retained.code, amount: -result)) }
                if try tx.period(admin, year: year, number: Period.closing)?.state == .locked {
                    throw LedgerError("period-locked", "year", "the closing period of \(year) is locked")
                }
                try tx.setState(.open, admin: admin, year: year, period: Period.closing)
                var session = try PostingSession(tx: tx, admin: admin)
                session.allowInactiveAccounts()
                let entry = try session.post(EntryDraft(
                    journal: journal, date: fy.end, description: "Year-end closing \(year): result to equity",
                    source: YearEnd.source, reference: "closing-\(year)", kind: .closing, lines: lines),
                    touchOpenItems: false).entry
                try session.finish()
                closingNumber = entry.number
                net[retained.code, default: 0] -= result
            }

            // 2. Balance-sheet balances into the next year's opening period.
            if years.first(where: { $0.year == year + 1 }) == nil {
                try tx.insert(calendar.makeYear(year + 1), admin: admin)
            }
            guard try tx.period(admin, year: year + 1, number: Period.opening)?.state == .open else {
                throw LedgerError("period-closed", "year", "the opening period of \(year + 1) is not open")
            }
            var lines: [EntryLineDraft] = []
            for code in net.keys.sorted() {
                guard let account = byCode[code], account.type.isBalanceSheet, net[code] != 0 else { continue }
                if account.control?.needsRelation == true {
                    let perRelation = try tx.relationTotals(admin, year: year, account: code)
                    for relation in perRelation.keys.sorted() where perRelation[relation] != 0 {
                        lines.append(EntryLineDraft(account: code, amount: perRelation[relation]!,
                                                    relation: relation.isEmpty ? nil : relation))
                    }
                } else {
                    lines.append(EntryLineDraft(account: code, amount: net[code]!))
                }
            }
            var openingNumber: Int64?
            if !lines.isEmpty {
                // An account deactivated during the year still carries its balance into the next.
                var session = try PostingSession(tx: tx, admin: admin)
                session.allowInactiveAccounts()
                let entry = try session.post(EntryDraft(
                    journal: journal, date: calendar.startOfYear(year + 1),
                    description: "Opening balance \(year + 1) carried from \(year)", source: YearEnd.source,
                    reference: "opening-\(year + 1)", kind: .opening, lines: lines), touchOpenItems: false).entry
                try session.finish()
                openingNumber = entry.number
            }

            // 3. The closed year is final.
            for p in fy.periods { try tx.setState(.locked, admin: admin, year: year, period: p.number) }
            try tx.setClosed(true, admin: admin, year: year)
            return YearEndResult(year: year, result: result, closingEntry: closingNumber, openingEntry: openingNumber,
                                 nextYear: year + 1)
        }
    }
}
