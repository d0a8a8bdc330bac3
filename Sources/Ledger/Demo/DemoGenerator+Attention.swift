import Core

extension DemoGenerator {
    /// What the administration leaves undone beyond its books: the register and its lagging depreciation runs,
    /// a suspense posting, a budget, a setting changed by hand.
    /// Returns the entries and lines it posted.
    func leaveUndone(_ book: DemoBook, _ attention: DemoAttention, accounts: DemoAccounts, options: Options) async throws
        -> (entries: Int, lines: Int)
    {
        let id = book.administration.id
        var posted: [PostedEntry] = []
        let lastMonth = options.through.firstOfMonth.adding(days: -1)
        if attention.registersInventory,
           let purchase = book.entries.first(where: { $0.lines.first?.account == accounts.inventory }),
           let cost = purchase.lines.first?.amount, purchase.date <= options.through {
            let found = FixedAssetAccounts(assetAccount: accounts.inventory, chart: chart.accounts)
            let start = try await ledger.depreciationStart(for: purchase.date, in: id)
            try await ledger.addAsset(FixedAsset(
                code: "INV-\(options.year)", description: "Inventaris", acquired: purchase.date, depreciationStart: start,
                cost: cost, lifeMonths: 60,
                assetAccount: accounts.inventory, accumulatedAccount: found.accumulated ?? accounts.accumulated,
                expenseAccount: found.expense ?? accounts.depreciation, resultAccount: found.result ?? accounts.depreciation), to: id)
            let through = lastMonth.firstOfMonth.adding(months: -attention.depreciationLag).lastOfMonth
            if through >= purchase.date { posted += try await ledger.depreciate(id, through: through).entries }
        }
        if attention.postsToSuspense, let suspense = chart.account(for: .suspense)?.code {
            let day = options.through.adding(days: -(3 + attention.index % 20))
            if day.year == options.year {
                posted.append(try await ledger.post(EntryDraft(journal: "BNK", date: day, description: "Onbekende ontvangst", lines: [
                    EntryLineDraft(account: accounts.bank, amount: Int64(75 + attention.index % 900) * 100),
                    EntryLineDraft(account: suspense, amount: -Int64(75 + attention.index % 900) * 100),
                ]), to: id).entry)
            }
        }
        if let factor = attention.budgetFactor {
            // A budget made from the year's own figures month by month, revenue off by `factor`%.
            let types = Dictionary(chart.accounts.map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a })
            var totals: [String: Int64] = [:]
            for entry in book.entries {
                for line in entry.lines where types[line.account].map({ !$0.isBalanceSheet }) == true {
                    totals["\(line.account)|\(entry.date.month)", default: 0] += line.amount
                }
            }
            let amounts = try totals.sorted { $0.key < $1.key }.map { key, actual -> (String, LocalDate, Int64) in
                let parts = key.split(separator: "|"), account = String(parts[0])
                let month = try LocalDate(year: options.year, month: Int(parts[1])!, day: 1)
                return (account, month, types[account] == .revenue ? actual * Int64(factor) / 100 : actual)
            }
            try await ledger.setBudgets(amounts, in: id)
        }
        if attention.drifts {
            try await ledger.setSetting("payment.term-days", to: .number(DecimalNumber(mantissa: 45, scale: 0)), in: id)
        }
        return (posted.count, posted.reduce(0) { $0 + $1.lines.count })
    }
}
