import Core

extension Catalogue {
    static let bank: [CatalogueEntry] = [
        entry(Indicator("bank.unprocessed-lines", .bank, "Bank lines to process", "Bank statement lines not yet booked.",
                        unit: .count, threshold: n(25), action: "ledgerops bank list ADMIN --unprocessed"),
              counted(.unprocessedLines, \.unprocessedLines)),
        entry(Indicator("bank.oldest-unprocessed-days", .bank, "Oldest unprocessed bank line",
                        "Days since the date of the oldest bank line not yet booked.", unit: .days, threshold: n(14),
                        action: "ledgerops bank list ADMIN --unprocessed"),
              ({ s, today in days(s.oldestUnprocessed, today) }, { f, _ in oldest(f.unprocessedLines) })),
        entry(Indicator("bank.days-since-import", .bank, "Days since the last statement",
                        "Days since the date of the latest bank statement line.", unit: .days, threshold: n(7),
                        action: "ledgerops bank import ADMIN FILE"),
              ({ s, today in days(s.latestStatement, today) },
               { f, _ in f.latestStatementLine.map { [MonitorItem("statement", "latest statement line", date: $0)] } ?? [] })),
        entry(Indicator("bank.negative-cash-balance", .bank, "Cash in credit",
                        "Cash (kas) accounts with a credit balance, which cannot exist.", unit: .count, threshold: n(0),
                        action: "ledgerops ledger ADMIN ACCOUNT"),
              counted(.negativeCash, \.negativeCash)),
    ]

    static let purchasesAndSales: [CatalogueEntry] = [
        entry(Indicator("purchases.overdue-payables", .purchases, "Overdue payables", "Open supplier items past their due date.",
                        unit: .count, threshold: n(5), action: "ledgerops open-items ADMIN --side payable"),
              ({ s, today in n(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).count) },
               { f, today in overdue(f.payables, today) })),
        entry(Indicator("purchases.overdue-payables-days", .purchases, "Oldest overdue payable",
                        "Days the oldest open supplier item is past due.", unit: .days, threshold: n(30),
                        action: "ledgerops open-items ADMIN --side payable"),
              ({ s, today in days(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).oldest, today) },
               { f, today in oldest(overdue(f.payables, today)) })),
        entry(Indicator("purchases.overdue-payables-amount", .purchases, "Overdue payables, amount",
                        "Total of open supplier items past their due date.", unit: .amount, threshold: n(10_000),
                        action: "ledgerops open-items ADMIN --side payable"),
              ({ s, today in money(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).total, s.digits) },
               { f, today in overdue(f.payables, today) })),
        entry(Indicator("sales.overdue-receivables", .sales, "Overdue receivables", "Open customer items past their due date.",
                        unit: .count, threshold: n(10), action: "ledgerops open-items ADMIN --side receivable"),
              ({ s, today in n(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).count) },
               { f, today in overdue(f.receivables, today) })),
        entry(Indicator("sales.overdue-receivables-days", .sales, "Oldest overdue receivable",
                        "Days the oldest open customer item is past due.", unit: .days, threshold: n(60),
                        action: "ledgerops open-items ADMIN --side receivable"),
              ({ s, today in days(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).oldest, today) },
               { f, today in oldest(overdue(f.receivables, today)) })),
        entry(Indicator("sales.overdue-receivables-amount", .sales, "Overdue receivables, amount",
                        "Total of open customer items past their due date.", unit: .amount, threshold: n(10_000),
                        action: "ledgerops open-items ADMIN --side receivable"),
              ({ s, today in money(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).total, s.digits) },
               { f, today in overdue(f.receivables, today) })),
        entry(Indicator("sales.credit-balances", .sales, "Customers in credit",
                        "Customers whose open items add up to a credit (paid twice, an unallocated credit note).",
                        unit: .count, threshold: n(0), action: "ledgerops open-items ADMIN --side receivable"),
              counted(.customersInCredit, \.customersInCredit)),
        entry(Indicator("sales.dunning-due", .sales, "Reminders due",
                        "Open customer items past due by more than the dunning setting's days.", unit: .count,
                        threshold: n(5), action: "ledgerops open-items ADMIN --side receivable"),
              ({ s, today in
                  n(MonitorSummary.before(today.dayNumber - s.dunningDays, due: s.receivableDue, total: s.receivableTotal).count)
              }, { f, today in overdue(f.receivables, today, grace: f.dunningAfterDays) })),
    ]

    static let assetsAndVAT: [CatalogueEntry] = [
        entry(Indicator("fixed-assets.to-activate", .fixedAssets, "Assets to activate",
                        "Fixed-asset accounts whose balance is more than the register's cost: purchases not in the register.",
                        unit: .count, threshold: n(0), action: "ledgerops asset add ADMIN CODE ..."),
              counted(.unregisteredAssets, \.unregisteredAssets)),
        entry(Indicator("fixed-assets.depreciation-overdue-periods", .fixedAssets, "Depreciation not run",
                        "Months before the current one with depreciation due that was not posted.", unit: .count,
                        threshold: n(1), action: "ledgerops asset depreciate ADMIN"),
              ({ s, today in
                  let lastMonth = today.firstOfMonth.adding(months: -1)
                  var months = Set<Int>()
                  for (from, to) in zip(s.pendingFrom, s.pendingTo) {
                      var m = LocalDate(dayNumber: from)
                      while m <= min(LocalDate(dayNumber: to), lastMonth) { months.insert(m.dayNumber); m = m.adding(months: 1) }
                  }
                  return n(months.count)
              }, { f, today in f.pendingDepreciation.filter { ($0.date ?? today) < today.firstOfMonth } })),
        entry(Indicator("fixed-assets.depreciation-differences", .fixedAssets, "Depreciation off the register",
                        "Accumulated-depreciation accounts whose balance differs from the register's depreciation.",
                        unit: .count, threshold: n(0), action: "ledgerops asset list ADMIN"),
              counted(.depreciationDifferences, \.depreciationDifferences)),
        entry(Indicator("vat.return-due-within-days", .vat, "VAT return due",
                        "Days left until the oldest unfiled VAT return is due (the last day of the month after its period).",
                        unit: .days, .below, threshold: n(7), action: "ledgerops report vat-return ADMIN --period P"),
              ({ s, today in
                  let t = today.dayNumber
                  guard let end = zip(s.vatEnds, s.vatLeft).first(where: { $0.1 != 0 && $0.0 < t && due($0.0) >= t })?.0 else { return nil }
                  return n(due(end) - t)
              }, { f, today in
                  let t = today.dayNumber
                  return Array(f.vatPeriods.sorted { $0.date! < $1.date! }
                      .filter { ($0.amount ?? 0) != 0 && $0.date!.dayNumber < t && due($0.date!.dayNumber) >= t }.prefix(1))
              })),
        entry(Indicator("vat.returns-overdue", .vat, "VAT returns overdue",
                        "VAT periods past their due date whose VAT was not settled.", unit: .count, threshold: n(0),
                        action: "ledgerops report vat-return ADMIN --period P"),
              ({ s, today in n(zip(s.vatEnds, s.vatLeft).filter { $0.1 != 0 && due($0.0) < today.dayNumber }.count) },
               { f, today in f.vatPeriods.filter { ($0.amount ?? 0) != 0 && due($0.date!.dayNumber) < today.dayNumber } })),
        entry(Indicator("vat.settlement-not-cleared-days", .vat, "VAT to pay not paid",
                        "Days since the last settled return fell due while the VAT settlement account still holds a balance.",
                        unit: .days, threshold: n(14), action: "ledgerops ledger ADMIN VAT-SETTLEMENT"),
              ({ s, today in
                  guard s.vatSettlement != 0, let end = zip(s.vatEnds, s.vatLeft).filter({ $0.1 == 0 }).map(\.0).max(),
                        due(end) < today.dayNumber else { return nil }
                  return n(today.dayNumber - due(end))
              }, { f, _ in
                  guard let last = f.vatPeriods.filter({ ($0.amount ?? 0) == 0 }).max(by: { $0.date! < $1.date! }) else { return [] }
                  return [MonitorItem(last.reference, "settled return, due \(LocalDate(dayNumber: due(last.date!.dayNumber))), "
                                          + "settlement account not cleared", amount: f.vatSettlementBalance)]
              })),
        entry(Indicator("vat.icp-without-vat-number", .vat, "ICP without VAT number",
                        "Customers with intra-EU supplies this year but no VAT number: the ICP listing needs one.",
                        unit: .count, threshold: n(0), action: "ledgerops relation show ADMIN NUMBER"),
              counted(.icpWithoutVATNumber, \.icpWithoutVATNumber)),
    ]
}
