public import Core
public import Store

/// What a depreciation run posted: one entry per period, one line pair per asset.
public struct DepreciationRun: Sendable, Equatable {
    public var entries: [PostedEntry]
    /// Asset code → amount depreciated in this run.
    public var perAsset: [String: Int64]

    public var total: Int64 { perAsset.values.reduce(0, +) }
}

extension LedgerService {
    /// Adds an asset to the register; its accounts must exist, be active, and be of the right type.
    public func addAsset(_ asset: FixedAsset, to admin: String) async throws {
        if let problem = asset.problems().first { throw LedgerError("invalid", problem.field, problem.message) }
        try await write(admin) { tx in
            let accounts = Dictionary(try tx.accounts(admin).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let needs: [(String, String, Bool)] = [
                ("assetAccount", asset.assetAccount, true), ("accumulatedAccount", asset.accumulatedAccount, true),
                ("expenseAccount", asset.expenseAccount, false), ("resultAccount", asset.resultAccount, false),
            ]
            for (field, code, balanceSheet) in needs {
                guard let account = accounts[code] else {
                    throw LedgerError("unknown-account", field, "account \(code) does not exist in administration \(admin)")
                }
                guard account.type.isBalanceSheet == balanceSheet else {
                    throw LedgerError("invalid", field, "account \(code) \(account.name) is a \(account.type.rawValue) account; "
                        + (balanceSheet ? "an asset and its depreciation sit on the balance sheet"
                            : "depreciation and book results go to the profit and loss"))
                }
            }
            if try tx.fixedAssets(admin).contains(where: { $0.code == asset.code }) {
                throw LedgerError("exists", "code", "asset \(asset.code) is already in the register of \(admin)")
            }
            try tx.insert(asset, admin: admin)
        }
    }

    /// The first month an asset acquired on `date` is depreciated, by the administration's
    /// `fixed-assets.depreciation-start` setting: `month-after-purchase`, else the month of acquisition.
    public func depreciationStart(for date: LocalDate, in admin: String) async throws -> LocalDate {
        let setting = try await read(admin) { tx in try tx.settingJSON(admin, key: "fixed-assets.depreciation-start") }
        let after = setting.map { $0.contains("month-after-purchase") } ?? false
        return after ? date.firstOfMonth.adding(months: 1) : date.firstOfMonth
    }

    public func assets(_ admin: String) async throws -> [FixedAsset] {
        try await read(admin) { tx in try tx.fixedAssets(admin) }
    }

    public func depreciations(_ admin: String) async throws -> [DepreciationRecord] {
        try await read(admin) { tx in try tx.depreciations(admin) }
    }

    /// Posts every asset's depreciation not yet posted, for each month up to and including the one of `through`:
    /// one entry per period, in one transaction — all of it, or nothing when a period is closed.
    public func depreciate(_ admin: String, through: LocalDate) async throws -> DepreciationRun {
        try await write(admin) { tx in
            var session = try PostingSession(tx: tx, admin: admin)
            let run = try Self.depreciate(tx, &session, admin: admin, assets: try tx.fixedAssets(admin), through: through)
            try session.finish()
            return run
        }
    }

    /// Depreciation is posted in its own month's period when that is open. A month in a closed or locked period
    /// is caught up (inhaalafschrijving) in the first open period after it, up to `through`; months before the
    /// administration's first fiscal year belong to its opening balance and are not posted.
    static func depreciate(_ tx: StoreTransaction, _ session: inout PostingSession, admin: String, assets: [FixedAsset],
                           through: LocalDate) throws -> DepreciationRun {
        let context = session.context, calendar = context.calendar
        let done = Set(try tx.depreciations(admin).map { "\($0.asset)/\($0.year)/\($0.period)" })
        let firstYear = context.periods.keys.map(\.year).min() ?? Int.max
        func period(_ month: LocalDate) -> Period? {
            context.periods[.init(year: calendar.fiscalYear(containing: month), number: calendar.periodNumber(containing: month))]
        }
        /// The month an amount for `month` is posted in: itself when open, else the next open month up to `through`.
        func postingMonth(_ month: LocalDate) throws -> LocalDate {
            var candidate = month
            while candidate <= through {
                if period(candidate)?.state == .open { return candidate }
                candidate = candidate.adding(months: 1).firstOfMonth
            }
            throw LedgerError("period-closed", "through", "depreciation of \(String("\(month)".prefix(7))) cannot be posted: "
                + "no open period from then up to \(through); reopen a period or depreciate through a later month")
        }
        // Posting month → (asset, month depreciated, amount).
        var due: [LocalDate: [(FixedAsset, LocalDate, Int64)]] = [:]
        for asset in assets {
            let last = min(through, asset.disposed ?? through).firstOfMonth
            for (month, amount) in asset.schedule() where month <= last && amount != 0 {
                guard calendar.fiscalYear(containing: month) >= firstYear else { continue }
                let key = "\(asset.code)/\(calendar.fiscalYear(containing: month))/\(calendar.periodNumber(containing: month))"
                if !done.contains(key) { due[try postingMonth(month), default: []].append((asset, month, amount)) }
            }
        }
        guard due.isEmpty || context.journals.values.contains(where: { $0.kind == .general }) else {
            throw LedgerError("no-journal", "journal", "administration \(admin) has no general journal (memoriaal) to post depreciation in")
        }
        let journal = Self.generalJournal(context) ?? ""
        var run = DepreciationRun(entries: [], perAsset: [:])
        for posting in due.keys.sorted() {
            let items = due[posting]!.sorted { ($0.0.code, $0.1) < ($1.0.code, $1.1) }
            var lines: [EntryLineDraft] = []
            // One line pair per asset: its months caught up here are summed.
            for code in Array(Set(items.map(\.0.code))).sorted() {
                let mine = items.filter { $0.0.code == code }
                let asset = mine[0].0, amount = mine.reduce(0) { $0 + $1.2 }
                let months = mine.count == 1 ? "" : " (\(mine.count) months, from \(String("\(mine[0].1)".prefix(7))))"
                lines.append(EntryLineDraft(account: asset.expenseAccount, amount: amount,
                                            description: "\(asset.code) \(asset.description)\(months)"))
                lines.append(EntryLineDraft(account: asset.accumulatedAccount, amount: -amount, description: asset.code))
            }
            let label = String("\(posting)".prefix(7))
            // Dated at the month's end, or earlier when the run stops inside the month (a disposal's date).
            let posted = try session.post(EntryDraft(journal: journal, date: min(posting.lastOfMonth, through),
                                                     description: "Afschrijvingen \(label)", lines: lines)).entry
            for (asset, month, amount) in items {
                try tx.recordDepreciation(admin, DepreciationRecord(
                    asset: asset.code, year: calendar.fiscalYear(containing: month), period: calendar.periodNumber(containing: month),
                    amount: amount, entry: posted.id))
                run.perAsset[asset.code, default: 0] += amount
            }
            run.entries.append(posted)
        }
        return run
    }

    /// The memoriaal: the general journal `MEM` when there is one, else the first general journal.
    static func generalJournal(_ context: PostingContext) -> String? {
        let general = context.journals.values.filter { $0.kind == .general }.map(\.code).sorted()
        return general.contains("MEM") ? "MEM" : general.first
    }

    /// Disposes of an asset on `date` for `proceeds` received on `proceedsAccount` (bank, receivable): its
    /// depreciation is brought up to the month of disposal, then cost and accumulated depreciation leave the books
    /// and the difference with the proceeds is the book result. One transaction.
    public func dispose(_ code: String, in admin: String, on date: LocalDate, proceeds: Int64, proceedsAccount: String)
        async throws -> PostedEntry
    {
        guard proceeds >= 0 else { throw LedgerError("invalid", "proceeds", "proceeds cannot be negative") }
        return try await write(admin) { tx in
            let assets = try tx.fixedAssets(admin)
            guard var asset = assets.first(where: { $0.code == code }) else {
                throw LedgerError.notFound("asset \(code) is not in the register of \(admin)")
            }
            if let disposed = asset.disposed {
                throw LedgerError("disposed", "code", "asset \(code) was disposed of on \(disposed) already")
            }
            guard date >= asset.acquired else {
                throw LedgerError("invalid", "date", "asset \(code) was acquired on \(asset.acquired), after \(date)")
            }
            var session = try PostingSession(tx: tx, admin: admin)
            asset.disposed = date
            _ = try Self.depreciate(tx, &session, admin: admin, assets: [asset], through: date)
            // Depreciation of months before the books began is in the opening balance, not in the register's records.
            let firstYear = session.context.periods.keys.map(\.year).min() ?? Int.max
            let start = session.context.calendar.startOfYear(firstYear)
            let before = asset.schedule().filter { $0.month < start }.reduce(0) { $0 + $1.amount }
            let accumulated = try tx.depreciations(admin).filter { $0.asset == code }.reduce(0) { $0 + $1.amount } + before
            let book = asset.cost - accumulated
            var lines = [
                EntryLineDraft(account: asset.accumulatedAccount, amount: accumulated, description: code),
                EntryLineDraft(account: asset.assetAccount, amount: -asset.cost, description: code),
            ]
            if proceeds != 0 { lines.append(EntryLineDraft(account: proceedsAccount, amount: proceeds, description: code)) }
            // A gain (proceeds above book value) is a credit to the result account; a loss a debit.
            if proceeds != book { lines.append(EntryLineDraft(account: asset.resultAccount, amount: book - proceeds, description: code)) }
            lines = lines.filter { $0.amount != 0 }
            guard let journal = Self.generalJournal(session.context) else {
                throw LedgerError("no-journal", "journal", "administration \(admin) has no general journal to post the disposal in")
            }
            let entry = try session.post(EntryDraft(journal: journal, date: date, description: "Desinvestering \(code) \(asset.description)",
                                                    lines: lines)).entry
            try tx.recordDisposal(admin, asset: code, date: date, proceeds: proceeds, entry: entry.id)
            try session.finish()
            return entry
        }
    }
}
