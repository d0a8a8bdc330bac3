import Core

extension Catalogue {
    static let ledgerAndClosing: [CatalogueEntry] = [
        .init(indicator: Indicator("general-ledger.suspense-amount", .generalLedger, "Suspense account",
                                   "Absolute balance of the suspense account (vraagposten).", unit: .amount, threshold: n(0),
                                   action: "ledgerops ledger ADMIN SUSPENSE"),
              evaluate: { f, _ in
                  Evaluation(money(abs(f.suspenseBalance), f),
                             f.suspenseBalance == 0 ? [] : [MonitorItem("suspense", "suspense account balance", amount: f.suspenseBalance)])
              }),
        .init(indicator: Indicator("general-ledger.interim-unbalanced", .generalLedger, "Interim accounts not zero",
                                   "Interim accounts (kruisposten, tussenrekeningen, netto lonen) with a balance.", unit: .count,
                                   threshold: n(0), action: "ledgerops report trial-balance ADMIN"),
              evaluate: count(\.interimUnbalanced)),
        .init(indicator: Indicator("general-ledger.inactive-accounts-with-balance", .generalLedger,
                                   "Inactive accounts with a balance", "Deactivated accounts that still carry a balance.",
                                   unit: .count, threshold: n(0), action: "ledgerops report trial-balance ADMIN"),
              evaluate: count(\.inactiveWithBalance)),
        .init(indicator: Indicator("closing.period-not-closed-days", .closing, "Period not closed",
                                   "Days since the end of the oldest month that is still open.", unit: .days, threshold: n(45),
                                   action: "ledgerops period close ADMIN YYYY-MM"),
              evaluate: { f, today in daysSince(f.openPeriods.filter { $0.date! < today }, today) }),
        .init(indicator: Indicator("closing.open-periods", .closing, "Open past periods",
                                   "Months that have ended but are still open.", unit: .count, threshold: n(2),
                                   action: "ledgerops period close ADMIN YYYY-MM"),
              evaluate: { f, today in let o = f.openPeriods.filter { $0.date! < today }; return Evaluation(n(o.count), o) }),
        .init(indicator: Indicator("closing.year-not-closed-days", .closing, "Year not closed",
                                   "Days since the end of the oldest fiscal year not yet closed.", unit: .days, threshold: n(150),
                                   action: "ledgerops close-year ADMIN YEAR"),
              evaluate: { f, today in daysSince(f.openYears.filter { $0.date! < today }, today) }),
    ]

    static let dataAndBudget: [CatalogueEntry] = [
        .init(indicator: Indicator("data-quality.relations-without-iban", .dataQuality, "Relations without IBAN",
                                   "Customers and suppliers without a bank account number.", unit: .count, threshold: n(5),
                                   action: "ledgerops relation list ADMIN"),
              evaluate: count(\.relationsWithoutIBAN)),
        .init(indicator: Indicator("data-quality.relations-without-vat-number", .dataQuality, "Businesses without VAT number",
                                   "Relations with a chamber-of-commerce number (a business) but no VAT number.", unit: .count,
                                   threshold: n(5), action: "ledgerops relation list ADMIN"),
              evaluate: count(\.relationsWithoutVATNumber)),
        .init(indicator: Indicator("data-quality.relations-without-coc-number", .dataQuality, "Dutch businesses without KvK number",
                                   "Dutch relations with a VAT number (a business) but no chamber-of-commerce number.",
                                   unit: .count, threshold: n(10), action: "ledgerops relation list ADMIN"),
              evaluate: count(\.relationsWithoutCoCNumber)),
        .init(indicator: Indicator("data-quality.duplicate-relations", .dataQuality, "Duplicate relations",
                                   "Relations that share an IBAN, VAT or chamber-of-commerce number with another.", unit: .count,
                                   threshold: n(0), action: "ledgerops relation list ADMIN"),
              evaluate: count(\.duplicateRelations)),
        .init(indicator: Indicator("budget.missing", .budget, "No budget", "1 when the current fiscal year has no budget.",
                                   unit: .flag, threshold: n(0), action: "ledgerops budget set ADMIN ..."),
              evaluate: { f, _ in
                  Evaluation(n(f.budgetResult == nil ? 1 : 0),
                             f.budgetResult == nil ? [MonitorItem("budget", "no budget for the year of \(f.asOf)")] : [])
              }),
        .init(indicator: Indicator("budget.deviation-percent", .budget, "Result off budget",
                                   "Deviation of the result from budget, year to date, in percent of the budget.", unit: .percent,
                                   threshold: n(10), action: "ledgerops report profit-and-loss ADMIN --ytd"),
              evaluate: { f, _ in deviation(f.actualResult, f.budgetResult, "result", f) }),
        .init(indicator: Indicator("budget.revenue-deviation-percent", .budget, "Revenue off budget",
                                   "Deviation of revenue from budget, year to date, in percent of the budget.", unit: .percent,
                                   threshold: n(15), action: "ledgerops report profit-and-loss ADMIN --ytd"),
              evaluate: { f, _ in deviation(f.actualRevenue, f.budgetRevenue, "revenue", f) }),
    ]

    static let kpiAndConfiguration: [CatalogueEntry] = [
        .init(indicator: Indicator("kpi.cash-below", .kpi, "Low cash", "Cash and bank (liquide middelen) below the threshold.",
                                   unit: .amount, .below, threshold: n(5_000), action: "ledgerops report kpis ADMIN"),
              evaluate: { f, _ in kpi(f, "cash") }),
        .init(indicator: Indicator("kpi.dso-days", .kpi, "Days sales outstanding",
                                   "Trade receivables in days of revenue, year to date (the KPI layout's dso line).", unit: .days,
                                   threshold: n(45), action: "ledgerops report kpis ADMIN"),
              evaluate: { f, _ in kpi(f, "dso") }),
        .init(indicator: Indicator("kpi.dpo-days", .kpi, "Days payables outstanding",
                                   "Trade payables in days of purchases, year to date (the KPI layout's dpo line).", unit: .days,
                                   threshold: n(60), action: "ledgerops report kpis ADMIN"),
              evaluate: { f, _ in kpi(f, "dpo") }),
        .init(indicator: Indicator("kpi.current-ratio-below", .kpi, "Current ratio",
                                   "Current assets over current liabilities below the threshold.", unit: .ratio, .below,
                                   threshold: n(1), action: "ledgerops report kpis ADMIN"),
              evaluate: { f, _ in kpi(f, "current-ratio") }),
        .init(indicator: Indicator("kpi.solvency-below-percent", .kpi, "Solvency",
                                   "Equity in percent of total assets below the threshold.", unit: .percent, .below,
                                   threshold: n(20), action: "ledgerops report kpis ADMIN"),
              evaluate: { f, _ in kpi(f, "solvency") }),
        .init(indicator: Indicator("configuration.out-of-sync", .configuration, "Out of sync",
                                   "1 when the administration's configuration differs from its cluster template.", unit: .flag,
                                   threshold: n(0), action: "ledgerops diff ADMIN"),
              evaluate: { f, _ in status(f, ["OutOfSync"]) }),
        .init(indicator: Indicator("configuration.out-of-sync-days", .configuration, "Days out of sync",
                                   "Days since the administration left Synced.", unit: .days, threshold: n(7),
                                   action: "ledgerops status ADMIN"),
              evaluate: { f, today in
                  guard let s = f.status, s != "Synced", let since = f.statusSince else { return Evaluation(nil) }
                  return Evaluation(n(since.days(until: today)), [MonitorItem("status", "\(s) since \(since)", date: since)])
              }),
        .init(indicator: Indicator("configuration.drifted", .configuration, "Drifted",
                                   "1 when live settings were changed by hand away from what was applied.", unit: .flag,
                                   threshold: n(0), action: "ledgerops diff ADMIN"),
              evaluate: { f, _ in status(f, ["Drifted"]) }),
        .init(indicator: Indicator("configuration.conflict", .configuration, "Conflict or blocked",
                                   "1 when a template change collides with a local change, or is blocked, and awaits a decision.",
                                   unit: .flag, threshold: n(0), action: "ledgerops proposals"),
              evaluate: { f, _ in status(f, ["Conflict", "Blocked"]) }),
        .init(indicator: Indicator("configuration.distribution-failed", .configuration, "Distribution failed",
                                   "Applications of an unfinished distribution that failed for this administration.",
                                   unit: .count, threshold: n(0), action: "ledgerops distribution resume ID"),
              evaluate: count(\.distributionFailures)),
    ]

    static func status(_ f: MonitorFacts, _ states: Set<String>) -> Evaluation {
        guard let s = f.status, states.contains(s) else { return Evaluation(n(0)) }
        return Evaluation(n(1), [MonitorItem("status", "\(s)" + (f.statusSince.map { " since \($0)" } ?? ""), date: f.statusSince)])
    }
}
