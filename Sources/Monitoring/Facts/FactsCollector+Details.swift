import Core
import Foundation
import Store

extension FactsCollector {
    /// Cost accounts holding more than the register's assets; accumulated depreciation off the register; depreciation
    /// due and not posted.
    func collectAssets(_ tx: StoreTransaction, _ id: String, _ f: inout MonitorFacts, accounts: [Account],
                       closing: [String: Int64], firstYear: FiscalYear, calendar: FiscalCalendar) throws {
        let register = try tx.fixedAssets(id)
        let records = try tx.depreciations(id)
        let start = firstYear.start
        var registered: [String: Int64] = [:], expected: [String: Int64] = [:]
        var recorded: [String: Int64] = [:]
        var done: Set<String> = []
        for r in records {
            recorded[r.asset, default: 0] += r.amount
            done.insert("\(r.asset)/\(r.year)/\(r.period)")
        }
        for asset in register {
            let schedule = asset.schedule()
            let lastMonth = asset.disposed?.firstOfMonth ?? schedule.last?.month ?? asset.acquired
            if asset.disposed == nil {
                registered[asset.assetAccount, default: 0] += asset.cost
                // Months before the books began are in the opening balance.
                let before = schedule.filter { $0.month < start }.reduce(0) { $0 + $1.amount }
                expected[asset.accumulatedAccount, default: 0] -= recorded[asset.code, default: 0] + before
            }
            let pending = schedule.filter { s in
                s.month >= start && s.month <= lastMonth && s.amount != 0
                    && !done.contains("\(asset.code)/\(calendar.fiscalYear(containing: s.month))/\(calendar.periodNumber(containing: s.month))")
            }
            if let first = pending.first {
                f.pendingDepreciation.append(MonitorItem(asset.code, asset.description, date: first.month,
                                                         amount: pending.reduce(0) { $0 + $1.amount }, until: pending.last!.month))
            }
        }
        let costAccounts = accounts.filter { a in
            guard a.type == .asset, let rgs = a.rgsCode, rgs.hasPrefix("BMva") || rgs.hasPrefix("BIva") else { return false }
            return !(rgs.hasSuffix("Cae") || rgs.hasSuffix("Cam"))
        }
        f.unregisteredAssets = costAccounts.filter { (closing[$0.code] ?? 0) > (registered[$0.code] ?? 0) }.map {
            MonitorItem($0.code, "\($0.name): balance above the register's cost", amount: (closing[$0.code] ?? 0) - (registered[$0.code] ?? 0))
        }
        let names = Dictionary(accounts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        f.depreciationDifferences = expected.filter { (closing[$0.key] ?? 0) != $0.value }.sorted { $0.key < $1.key }.map {
            MonitorItem($0.key, "\(names[$0.key] ?? $0.key): balance differs from the register", amount: (closing[$0.key] ?? 0) - $0.value)
        }
    }

    /// VAT periods (by the `vat.period` setting) that ended before today, each filed when the VAT accounts stood at
    /// zero at its end; customers with intra-EU supplies but no VAT number.
    func collectVAT(_ tx: StoreTransaction, _ id: String, _ f: inout MonitorFacts, years: [FiscalYear],
                    calendar: FiscalCalendar, today: LocalDate) throws {
        let codes = try tx.vatCodes(id)
        let vatAccounts = Array(Set(codes.flatMap { [$0.payableAccount, $0.receivableAccount].compactMap { $0 } })).sorted()
        var movement: [String: Int64] = [:]
        for m in try tx.periodMovements(id, accounts: vatAccounts) { movement["\(m.year)/\(m.period)"] = m.net }
        var months = 3
        if let json = try tx.settingJSON(id, key: "vat.period"),
           case .text(let period) = try decoder.decode(SettingValue.self, from: Data(json.utf8)) {
            months = period == "month" ? 1 : period == "year" ? 12 : 3
        }
        var cumulative: Int64 = 0
        var previousClosed = false
        for y in years {
            // A closed year carried its balances into this year's opening period.
            if previousClosed { cumulative = 0 }
            for p in y.periods.sorted(by: { $0.number < $1.number }) {
                cumulative += movement["\(y.year)/\(p.number)"] ?? 0
                guard (1...12).contains(p.number), p.end.month % months == 0, p.end < today else { continue }
                let label = months == 3 ? "\(p.end.year)-Q\((p.end.month + 2) / 3)" : months == 12 ? "\(p.end.year)" : p.label
                f.vatPeriods.append(MonitorItem(label, "VAT return up to \(p.end)", date: p.end, amount: cumulative))
            }
            previousClosed = y.closed
        }
        let icp = codes.filter { $0.box == "3b" }.map(\.code)
        if let year = years.last(where: { $0.start <= today }) {
            f.icpWithoutVATNumber = try tx.relationsWithoutVATNumber(id, codes: icp, year: year.year).map {
                MonitorItem($0.relation, "intra-EU supplies to \($0.relation) without its VAT number", amount: $0.amount)
            }
        }
    }
}
