import Core

extension Catalogue {
    static let ledgerAndClosing: [CatalogueEntry] = [
        entry(definition("general-ledger.suspense-amount"),
              ({ s, _ in money(abs(s.suspense), s.digits) },
               { f, _ in f.suspenseBalance == 0 ? [] : [MonitorItem("suspense", "suspense account balance", amount: f.suspenseBalance)] })),
        entry(definition("general-ledger.interim-unbalanced"),
              counted(.interimUnbalanced, \.interimUnbalanced)),
        entry(definition("general-ledger.inactive-accounts-with-balance"),
              counted(.inactiveWithBalance, \.inactiveWithBalance)),
        entry(definition("closing.period-not-closed-days"),
              ({ s, today in days(s.openPeriodEnds.first { $0 < today.dayNumber }, today) },
               { f, today in oldest(f.openPeriods.filter { $0.date! < today }) })),
        entry(definition("closing.open-periods"),
              ({ s, today in n(s.openPeriodEnds.filter { $0 < today.dayNumber }.count) },
               { f, today in f.openPeriods.filter { $0.date! < today } })),
        entry(definition("closing.year-not-closed-days"),
              ({ s, today in days(s.openYearEnds.first { $0 < today.dayNumber }, today) },
               { f, today in oldest(f.openYears.filter { $0.date! < today }) })),
    ]

    static let dataAndBudget: [CatalogueEntry] = [
        entry(definition("data-quality.relations-without-iban"),
              counted(.withoutIBAN, \.relationsWithoutIBAN)),
        entry(definition("data-quality.relations-without-vat-number"),
              counted(.withoutVATNumber, \.relationsWithoutVATNumber)),
        entry(definition("data-quality.relations-without-coc-number"),
              counted(.withoutCoCNumber, \.relationsWithoutCoCNumber)),
        entry(definition("data-quality.duplicate-relations"),
              counted(.duplicateRelations, \.duplicateRelations)),
        entry(definition("budget.missing"),
              ({ s, _ in n(s.budgetResult == nil ? 1 : 0) },
               { f, _ in f.budgetResult == nil ? [MonitorItem("budget", "no budget for the year of \(f.asOf)")] : [] })),
        entry(definition("budget.deviation-percent"),
              ({ s, _ in deviation(s.actualResult, s.budgetResult) },
               { f, _ in [MonitorItem("result", "result year to date against budget", date: f.asOf,
                                      amount: f.actualResult - (f.budgetResult ?? 0))] })),
        entry(definition("budget.revenue-deviation-percent"),
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
        entry(definition("kpi.cash-below"), kpi(0)),
        entry(definition("kpi.dso-days"), kpi(1)),
        entry(definition("kpi.dpo-days"), kpi(2)),
        entry(definition("kpi.current-ratio-below"), kpi(3)),
        entry(definition("kpi.solvency-below-percent"), kpi(4)),
        entry(definition("configuration.out-of-sync"), status(["OutOfSync"])),
        entry(definition("configuration.out-of-sync-days"),
              ({ s, today in s.status <= 1 ? nil : days(s.statusSince, today) },
               { f, _ in f.status.map { [MonitorItem("status", "\($0)" + (f.statusSince.map { " since \($0)" } ?? ""), date: f.statusSince)] } ?? [] })),
        entry(definition("configuration.drifted"), status(["Drifted"])),
        entry(definition("configuration.conflict"), status(["Conflict", "Blocked"])),
        entry(definition("configuration.distribution-failed"),
              counted(.distributionFailures, \.distributionFailures)),
    ]
}
