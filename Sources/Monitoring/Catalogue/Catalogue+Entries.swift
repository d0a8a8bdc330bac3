import Core

extension Catalogue {
    static let bank: [CatalogueEntry] = [
        .init(indicator: Indicator("bank.unprocessed-lines", .bank, "Bank lines to process",
                                   "Bank statement lines not yet booked.", unit: .count, threshold: n(25),
                                   action: "ledgerops bank list ADMIN --unprocessed"),
              evaluate: count(\.unprocessedLines)),
        .init(indicator: Indicator("bank.oldest-unprocessed-days", .bank, "Oldest unprocessed bank line",
                                   "Days since the date of the oldest bank line not yet booked.", unit: .days, threshold: n(14),
                                   action: "ledgerops bank list ADMIN --unprocessed"),
              evaluate: { f, today in daysSince(f.unprocessedLines, today) }),
        .init(indicator: Indicator("bank.days-since-import", .bank, "Days since the last statement",
                                   "Days since the date of the latest bank statement line.", unit: .days, threshold: n(7),
                                   action: "ledgerops bank import ADMIN FILE"),
              evaluate: { f, today in
                  f.latestStatementLine.map { Evaluation(n($0.days(until: today)), [MonitorItem("statement", "latest statement line", date: $0)]) }
                      ?? Evaluation(nil)
              }),
        .init(indicator: Indicator("bank.negative-cash-balance", .bank, "Cash in credit",
                                   "Cash (kas) accounts with a credit balance, which cannot exist.", unit: .count, threshold: n(0),
                                   action: "ledgerops ledger ADMIN ACCOUNT"),
              evaluate: count(\.negativeCash)),
    ]

    static let purchasesAndSales: [CatalogueEntry] = [
        .init(indicator: Indicator("purchases.overdue-payables", .purchases, "Overdue payables",
                                   "Open supplier items past their due date.", unit: .count, threshold: n(5),
                                   action: "ledgerops open-items ADMIN --side payable"),
              evaluate: { f, today in let o = overdue(f.payables, today); return Evaluation(n(o.count), o) }),
        .init(indicator: Indicator("purchases.overdue-payables-days", .purchases, "Oldest overdue payable",
                                   "Days the oldest open supplier item is past due.", unit: .days, threshold: n(30),
                                   action: "ledgerops open-items ADMIN --side payable"),
              evaluate: { f, today in daysSince(overdue(f.payables, today), today) }),
        .init(indicator: Indicator("purchases.overdue-payables-amount", .purchases, "Overdue payables, amount",
                                   "Total of open supplier items past their due date.", unit: .amount, threshold: n(10_000),
                                   action: "ledgerops open-items ADMIN --side payable"),
              evaluate: { f, today in
                  let o = overdue(f.payables, today)
                  return Evaluation(money(o.reduce(0) { $0 + ($1.amount ?? 0) }, f), o)
              }),
        .init(indicator: Indicator("sales.overdue-receivables", .sales, "Overdue receivables",
                                   "Open customer items past their due date.", unit: .count, threshold: n(10),
                                   action: "ledgerops open-items ADMIN --side receivable"),
              evaluate: { f, today in let o = overdue(f.receivables, today); return Evaluation(n(o.count), o) }),
        .init(indicator: Indicator("sales.overdue-receivables-days", .sales, "Oldest overdue receivable",
                                   "Days the oldest open customer item is past due.", unit: .days, threshold: n(60),
                                   action: "ledgerops open-items ADMIN --side receivable"),
              evaluate: { f, today in daysSince(overdue(f.receivables, today), today) }),
        .init(indicator: Indicator("sales.overdue-receivables-amount", .sales, "Overdue receivables, amount",
                                   "Total of open customer items past their due date.", unit: .amount, threshold: n(10_000),
                                   action: "ledgerops open-items ADMIN --side receivable"),
              evaluate: { f, today in
                  let o = overdue(f.receivables, today)
                  return Evaluation(money(o.reduce(0) { $0 + ($1.amount ?? 0) }, f), o)
              }),
        .init(indicator: Indicator("sales.credit-balances", .sales, "Customers in credit",
                                   "Customers whose open items add up to a credit (paid twice, an unallocated credit note).",
                                   unit: .count, threshold: n(0), action: "ledgerops open-items ADMIN --side receivable"),
              evaluate: count(\.customersInCredit)),
        .init(indicator: Indicator("sales.dunning-due", .sales, "Reminders due",
                                   "Open customer items past due by more than the dunning setting's days.", unit: .count,
                                   threshold: n(5), action: "ledgerops open-items ADMIN --side receivable"),
              evaluate: { f, today in
                  let o = overdue(f.receivables, today, grace: f.dunningAfterDays)
                  return Evaluation(n(o.count), o)
              }),
    ]

    static let assetsAndVAT: [CatalogueEntry] = [
        .init(indicator: Indicator("fixed-assets.to-activate", .fixedAssets, "Assets to activate",
                                   "Fixed-asset accounts whose balance is more than the register's cost: purchases not in the register.",
                                   unit: .count, threshold: n(0), action: "ledgerops asset add ADMIN CODE ..."),
              evaluate: count(\.unregisteredAssets)),
        .init(indicator: Indicator("fixed-assets.depreciation-overdue-periods", .fixedAssets, "Depreciation not run",
                                   "Months before the current one with depreciation due that was not posted.", unit: .count,
                                   threshold: n(1), action: "ledgerops asset depreciate ADMIN"),
              evaluate: { f, today in
                  let lastMonth = today.firstOfMonth.adding(months: -1)
                  var months = Set<LocalDate>()
                  var items: [MonitorItem] = []
                  for p in f.pendingDepreciation {
                      guard let from = p.date, from <= lastMonth else { continue }
                      var m = from
                      while m <= min(p.until ?? from, lastMonth) { months.insert(m); m = m.adding(months: 1) }
                      items.append(p)
                  }
                  return Evaluation(n(months.count), items)
              }),
        .init(indicator: Indicator("fixed-assets.depreciation-differences", .fixedAssets, "Depreciation off the register",
                                   "Accumulated-depreciation accounts whose balance differs from the register's depreciation.",
                                   unit: .count, threshold: n(0), action: "ledgerops asset list ADMIN"),
              evaluate: count(\.depreciationDifferences)),
        .init(indicator: Indicator("vat.return-due-within-days", .vat, "VAT return due",
                                   "Days left until the oldest unfiled VAT return is due (the last day of the month after its period).",
                                   unit: .days, .below, threshold: n(7), action: "ledgerops report vat-return ADMIN --period P"),
              evaluate: { f, today in
                  let open = unfiled(f, before: today).filter { due($0.date!) >= today }
                  guard let oldest = open.min(by: { $0.date! < $1.date! }) else { return Evaluation(nil) }
                  return Evaluation(n(today.days(until: due(oldest.date!))), [oldest])
              }),
        .init(indicator: Indicator("vat.returns-overdue", .vat, "VAT returns overdue",
                                   "VAT periods past their due date whose VAT was not settled.", unit: .count, threshold: n(0),
                                   action: "ledgerops report vat-return ADMIN --period P"),
              evaluate: { f, today in
                  let late = unfiled(f, before: today).filter { due($0.date!) < today }
                  return Evaluation(n(late.count), late)
              }),
        .init(indicator: Indicator("vat.settlement-not-cleared-days", .vat, "VAT to pay not paid",
                                   "Days since the last settled return fell due while the VAT settlement account still holds a balance.",
                                   unit: .days, threshold: n(14), action: "ledgerops ledger ADMIN VAT-SETTLEMENT"),
              evaluate: { f, today in
                  guard f.vatSettlementBalance != 0,
                        let last = f.vatPeriods.filter({ ($0.amount ?? 0) == 0 }).max(by: { $0.date! < $1.date! }),
                        due(last.date!) < today
                  else { return Evaluation(nil) }
                  return Evaluation(n(due(last.date!).days(until: today)),
                                    [MonitorItem(last.reference, "settled return, due \(due(last.date!)), not paid",
                                                 date: due(last.date!), amount: f.vatSettlementBalance)])
              }),
        .init(indicator: Indicator("vat.icp-without-vat-number", .vat, "ICP without VAT number",
                                   "Customers with intra-EU supplies this year but no VAT number: the ICP listing needs one.",
                                   unit: .count, threshold: n(0), action: "ledgerops relation show ADMIN NUMBER"),
              evaluate: count(\.icpWithoutVATNumber)),
    ]
}
