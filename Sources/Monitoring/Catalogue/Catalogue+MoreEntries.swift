import Core

extension Catalogue {
    static let ledgerAndClosing: [CatalogueEntry] = [
        entry(Indicator("general-ledger.suspense-amount", .generalLedger, "Suspense account",
                        "Absolute balance of the suspense account (vraagposten).", unit: .amount, threshold: n(0),
                        action: "ledgerops ledger ADMIN SUSPENSE"),
              ({ s, _ in money(abs(s.suspense), s.digits) },
               { f, _ in f.suspenseBalance == 0 ? [] : [MonitorItem("suspense", "suspense account balance", amount: f.suspenseBalance)] })),
        entry(Indicator("general-ledger.interim-unbalanced", .generalLedger, "Interim accounts not zero",
                        "Interim accounts (kruisposten, tussenrekeningen, netto lonen) with a balance.", unit: .count,
                        threshold: n(0), action: "ledgerops report trial-balance ADMIN"),
              counted(.interimUnbalanced, \.interimUnbalanced)),
        entry(Indicator("general-ledger.inactive-accounts-with-balance", .generalLedger, "Inactive accounts with a balance",
                        "Deactivated accounts that still carry a balance.", unit: .count, threshold: n(0),
                        action: "ledgerops report trial-balance ADMIN"),
              counted(.inactiveWithBalance, \.inactiveWithBalance)),
        entry(Indicator("closing.period-not-closed-days", .closing, "Period not closed",
                        "Days since the end of the oldest month that is still open.", unit: .days, threshold: n(45),
                        action: "ledgerops period close ADMIN YYYY-MM"),
              ({ s, today in days(s.openPeriodEnds.first { $0 < today.dayNumber }, today) },
               { f, today in oldest(f.openPeriods.filter { $0.date! < today }) })),
        entry(Indicator("closing.open-periods", .closing, "Open past periods", "Months that have ended but are still open.",
                        unit: .count, threshold: n(2), action: "ledgerops period close ADMIN YYYY-MM"),
              ({ s, today in n(s.openPeriodEnds.filter { $0 < today.dayNumber }.count) },
               { f, today in f.openPeriods.filter { $0.date! < today } })),
        entry(Indicator("closing.year-not-closed-days", .closing, "Year not closed",
                        "Days since the end of the oldest fiscal year not yet closed.", unit: .days, threshold: n(150),
                        action: "ledgerops close-year ADMIN YEAR"),
              ({ s, today in days(s.openYearEnds.first { $0 < today.dayNumber }, today) },
               { f, today in oldest(f.openYears.filter { $0.date! < today }) })),
    ]

    static let dataAndBudget: [CatalogueEntry] = [
        entry(Indicator("data-quality.relations-without-iban", .dataQuality, "Relations without IBAN",
                        "Customers and suppliers without a bank account number.", unit: .count, threshold: n(5),
                        action: "ledgerops relation list ADMIN"),
              counted(.withoutIBAN, \.relationsWithoutIBAN)),
        entry(Indicator("data-quality.relations-without-vat-number", .dataQuality, "Businesses without VAT number",
                        "Relations with a chamber-of-commerce number (a business) but no VAT number.", unit: .count,
                        threshold: n(5), action: "ledgerops relation list ADMIN"),
              counted(.withoutVATNumber, \.relationsWithoutVATNumber)),
        entry(Indicator("data-quality.relations-without-coc-number", .dataQuality, "Dutch businesses without KvK number",
                        "Dutch relations with a VAT number (a business) but no chamber-of-commerce number.",
                        unit: .count, threshold: n(10), action: "ledgerops relation list ADMIN"),
              counted(.withoutCoCNumber, \.relationsWithoutCoCNumber)),
        entry(Indicator("data-quality.duplicate-relations", .dataQuality, "Duplicate relations",
                        "Relations that share an IBAN, VAT or chamber-of-commerce number with another.", unit: .count,
                        threshold: n(0), action: "ledgerops relation list ADMIN"),
              counted(.duplicateRelations, \.duplicateRelations)),
        entry(Indicator("budget.missing", .budget, "No budget", "1 when the current fiscal year has no budget.",
                        unit: .flag, threshold: n(0), action: "ledgerops budget set ADMIN ..."),
              ({ s, _ in n(s.budgetResult == nil ? 1 : 0) },
               { f, _ in f.budgetResult == nil ? [MonitorItem("budget", "no budget for the year of \(f.asOf)")] : [] })),
        entry(Indicator("budget.deviation-percent", .budget, "Result off budget",
                        "Deviation of the result from budget, year to date, in percent of the budget.", unit: .percent,
                        threshold: n(10), action: "ledgerops report profit-and-loss ADMIN --ytd"),
              ({ s, _ in deviation(s.actualResult, s.budgetResult) },
               { f, _ in [MonitorItem("result", "result year to date against budget", date: f.asOf,
                                      amount: f.actualResult - (f.budgetResult ?? 0))] })),
        entry(Indicator("budget.revenue-deviation-percent", .budget, "Revenue off budget",
                        "Deviation of revenue from budget, year to date, in percent of the budget.", unit: .percent,
                        threshold: n(15), action: "ledgerops report profit-and-loss ADMIN --ytd"),
              ({ s, _ in deviation(s.actualRevenue, s.budgetRevenue) },
               { f, _ in [MonitorItem("revenue", "revenue year to date against budget", date: f.asOf,
                                      amount: f.actualRevenue - (f.budgetRevenue ?? 0))] })),
    ]

    static func kpi(_ index: Int) -> (@Sendable (MonitorSummary, LocalDate) -> DecimalNumber?, @Sendable (MonitorFacts, LocalDate) -> [MonitorItem]) {
        let line = MonitorSummary.kpiLines[index]
        return ({ s, _ in s.kpis[index] },
                { f, _ in [MonitorItem(line, "KPI line \(line) year to date, as of \(f.asOf)", date: f.asOf)] })
    }

    static func status(_ codes: Set<String>) -> (@Sendable (MonitorSummary, LocalDate) -> DecimalNumber?, @Sendable (MonitorFacts, LocalDate) -> [MonitorItem]) {
        ({ s, _ in n(s.status < MonitorSummary.statuses.count && codes.contains(MonitorSummary.statuses[s.status]) ? 1 : 0) },
         { f, _ in
             guard let status = f.status, codes.contains(status) else { return [] }
             return [MonitorItem("status", status + (f.statusSince.map { " since \($0)" } ?? ""), date: f.statusSince)]
         })
    }

    static let kpiAndConfiguration: [CatalogueEntry] = [
        entry(Indicator("kpi.cash-below", .kpi, "Low cash", "Cash and bank (liquide middelen) below the threshold.",
                        unit: .amount, .below, threshold: n(5_000), action: "ledgerops report kpis ADMIN"), kpi(0)),
        entry(Indicator("kpi.dso-days", .kpi, "Days sales outstanding",
                        "Trade receivables in days of revenue, year to date (the KPI layout's dso line).", unit: .days,
                        threshold: n(45), action: "ledgerops report kpis ADMIN"), kpi(1)),
        entry(Indicator("kpi.dpo-days", .kpi, "Days payables outstanding",
                        "Trade payables in days of purchases, year to date (the KPI layout's dpo line).", unit: .days,
                        threshold: n(60), action: "ledgerops report kpis ADMIN"), kpi(2)),
        entry(Indicator("kpi.current-ratio-below", .kpi, "Current ratio",
                        "Current assets over current liabilities below the threshold.", unit: .ratio, .below,
                        threshold: n(1), action: "ledgerops report kpis ADMIN"), kpi(3)),
        entry(Indicator("kpi.solvency-below-percent", .kpi, "Solvency",
                        "Equity in percent of total assets below the threshold.", unit: .percent, .below,
                        threshold: n(20), action: "ledgerops report kpis ADMIN"), kpi(4)),
        entry(Indicator("configuration.out-of-sync", .configuration, "Out of sync",
                        "1 when the administration's configuration differs from its cluster template.", unit: .flag,
                        threshold: n(0), action: "ledgerops diff ADMIN"), status(["OutOfSync"])),
        entry(Indicator("configuration.out-of-sync-days", .configuration, "Days out of sync",
                        "Days since the administration left Synced.", unit: .days, threshold: n(7), action: "ledgerops status ADMIN"),
              ({ s, today in s.status <= 1 ? nil : days(s.statusSince, today) },
               { f, _ in f.status.map { [MonitorItem("status", "\($0)" + (f.statusSince.map { " since \($0)" } ?? ""), date: f.statusSince)] } ?? [] })),
        entry(Indicator("configuration.drifted", .configuration, "Drifted",
                        "1 when live settings were changed by hand away from what was applied.", unit: .flag,
                        threshold: n(0), action: "ledgerops diff ADMIN"), status(["Drifted"])),
        entry(Indicator("configuration.conflict", .configuration, "Conflict or blocked",
                        "1 when a template change collides with a local change, or is blocked, and awaits a decision.",
                        unit: .flag, threshold: n(0), action: "ledgerops proposals"), status(["Conflict", "Blocked"])),
        entry(Indicator("configuration.distribution-failed", .configuration, "Distribution failed",
                        "Applications of an unfinished distribution that failed for this administration.",
                        unit: .count, threshold: n(0), action: "ledgerops distribution resume ID"),
              counted(.distributionFailures, \.distributionFailures)),
    ]
}
