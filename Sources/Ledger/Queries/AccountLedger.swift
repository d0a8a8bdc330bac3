public import Core

/// The lines of one account over a date range with a running balance.
public struct AccountLedger: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var entry: Int64
        public var date: LocalDate
        public var journal: String
        public var description: String
        public var relation: String?
        public var invoice: String?
        public var debit: Int64
        public var credit: Int64
        /// Net balance after this line.
        public var balance: Int64
    }

    public var account: Account
    public var currency: CurrencyCode
    public var from: LocalDate
    public var to: LocalDate
    public var opening: Int64
    public var lines: [Line]

    public var closing: Int64 { lines.last?.balance ?? opening }
}

extension LedgerService {
    /// The account ledger of `account` from `from` to `to` (one fiscal year).
    public func accountLedger(_ admin: String, account code: String, from: LocalDate, to: LocalDate) async throws
        -> AccountLedger
    {
        let tb = try await trialBalance(admin, from: from, to: to)
        return try await read(admin) { tx in
            guard let account = try tx.account(admin, code: code) else {
                throw LedgerError("unknown-account", "account", "account \(code) does not exist in administration \(admin)")
            }
            let opening = tb.rows.first { $0.account == code }?.opening ?? 0
            var balance = opening
            let lines = try tx.accountLines(admin, account: code, from: from, to: to).compactMap { row -> AccountLedger.Line? in
                // Opening and closing entries are part of the opening balance / not movements, as in the trial balance.
                guard row.kind != .opening, row.kind != .closing else { return nil }
                balance += row.line.amount
                return AccountLedger.Line(entry: row.entry, date: row.date, journal: row.journal,
                                          description: row.line.description ?? row.description,
                                          relation: row.line.relation, invoice: row.line.invoice,
                                          debit: row.line.debit, credit: row.line.credit, balance: balance)
            }
            return AccountLedger(account: account, currency: tb.currency, from: from, to: to, opening: opening,
                                 lines: lines)
        }
    }
}
