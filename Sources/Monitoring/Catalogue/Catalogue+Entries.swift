import Core

extension Catalogue {
    static let bank: [CatalogueEntry] = [
        entry(definition("bank.unprocessed-lines"),
              counted(.unprocessedLines, \.unprocessedLines)),
        entry(definition("bank.oldest-unprocessed-days"),
              ({ s, today in days(s.oldestUnprocessed, today) }, { f, _ in oldest(f.unprocessedLines) })),
        entry(definition("bank.days-since-import"),
              ({ s, today in days(s.latestStatement, today) },
               { f, _ in f.latestStatementLine.map { [MonitorItem("statement", "latest statement line", date: $0)] } ?? [] })),
        entry(definition("bank.negative-cash-balance"),
              counted(.negativeCash, \.negativeCash)),
    ]

    static let purchasesAndSales: [CatalogueEntry] = [
        entry(definition("purchases.overdue-payables"),
              ({ s, today in n(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).count) },
               { f, today in overdue(f.payables, today) })),
        entry(definition("purchases.overdue-payables-days"),
              ({ s, today in days(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).oldest, today) },
               { f, today in oldest(overdue(f.payables, today)) })),
        entry(definition("purchases.overdue-payables-amount"),
              ({ s, today in money(MonitorSummary.before(today.dayNumber, due: s.payableDue, total: s.payableTotal).total, s.digits) },
               { f, today in overdue(f.payables, today) })),
        entry(definition("sales.overdue-receivables"),
              ({ s, today in n(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).count) },
               { f, today in overdue(f.receivables, today) })),
        entry(definition("sales.overdue-receivables-days"),
              ({ s, today in days(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).oldest, today) },
               { f, today in oldest(overdue(f.receivables, today)) })),
        entry(definition("sales.overdue-receivables-amount"),
              ({ s, today in money(MonitorSummary.before(today.dayNumber, due: s.receivableDue, total: s.receivableTotal).total, s.digits) },
               { f, today in overdue(f.receivables, today) })),
        entry(definition("sales.credit-balances"),
              counted(.customersInCredit, \.customersInCredit)),
        entry(definition("sales.dunning-due"),
              ({ s, today in
                  n(MonitorSummary.before(today.dayNumber - s.dunningDays, due: s.receivableDue, total: s.receivableTotal).count)
              }, { f, today in overdue(f.receivables, today, grace: f.dunningAfterDays) })),
    ]

    static let assetsAndVAT: [CatalogueEntry] = [
        entry(definition("fixed-assets.to-activate"),
              counted(.unregisteredAssets, \.unregisteredAssets)),
        entry(definition("fixed-assets.depreciation-overdue-periods"),
              ({ s, today in
                  let lastMonth = today.firstOfMonth.adding(months: -1)
                  var months = Set<Int>()
                  for (from, to) in zip(s.pendingFrom, s.pendingTo) {
                      var m = LocalDate(dayNumber: from)
                      while m <= min(LocalDate(dayNumber: to), lastMonth) { months.insert(m.dayNumber); m = m.adding(months: 1) }
                  }
                  return n(months.count)
              }, { f, today in f.pendingDepreciation.filter { ($0.date ?? today) < today.firstOfMonth } })),
        entry(definition("fixed-assets.depreciation-differences"),
              counted(.depreciationDifferences, \.depreciationDifferences)),
        entry(definition("vat.return-due-within-days"),
              ({ s, today in
                  let t = today.dayNumber
                  guard let end = zip(s.vatEnds, s.vatLeft).first(where: { $0.1 != 0 && $0.0 < t && due($0.0) >= t })?.0 else { return nil }
                  return n(due(end) - t)
              }, { f, today in
                  let t = today.dayNumber
                  return Array(f.vatPeriods.sorted { $0.date! < $1.date! }
                      .filter { ($0.amount ?? 0) != 0 && $0.date!.dayNumber < t && due($0.date!.dayNumber) >= t }.prefix(1))
              })),
        entry(definition("vat.returns-overdue"),
              ({ s, today in n(zip(s.vatEnds, s.vatLeft).filter { $0.1 != 0 && due($0.0) < today.dayNumber }.count) },
               { f, today in f.vatPeriods.filter { ($0.amount ?? 0) != 0 && due($0.date!.dayNumber) < today.dayNumber } })),
        entry(definition("vat.settlement-not-cleared-days"),
              ({ s, today in
                  guard s.vatSettlement != 0, let end = zip(s.vatEnds, s.vatLeft).filter({ $0.1 == 0 }).map(\.0).max(),
                        due(end) < today.dayNumber else { return nil }
                  return n(today.dayNumber - due(end))
              }, { f, _ in
                  guard let last = f.vatPeriods.filter({ ($0.amount ?? 0) == 0 }).max(by: { $0.date! < $1.date! }) else { return [] }
                  return [MonitorItem(last.reference, "settled return, due \(LocalDate(dayNumber: due(last.date!.dayNumber))), "
                                          + "settlement account not cleared", amount: f.vatSettlementBalance)]
              })),
        entry(definition("vat.icp-without-vat-number"),
              counted(.icpWithoutVATNumber, \.icpWithoutVATNumber)),
    ]
}
