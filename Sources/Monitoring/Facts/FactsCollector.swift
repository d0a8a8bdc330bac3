import Core
import Foundation
import Ledger
import Reporting
import Store

/// Gathers an administration's facts inside one read transaction, from maintained balances, open items, bank lines
/// and the register: indexed reads of one administration, never a scan of its postings. Decoded template items
/// (layouts, thresholds) are shared between administrations through the cache, keyed by their stored text.
struct FactsCollector {
    var layouts: [String: ReportLayout] = [:]
    var thresholds: [String: IndicatorThreshold] = [:]
    let decoder = JSONDecoder()

    mutating func collect(_ tx: StoreTransaction, admin: Administration, today: LocalDate) throws -> MonitorFacts {
        let id = admin.id
        let calendar = try FiscalCalendar(startMonth: admin.fiscalYearStart)
        let years = try tx.fiscalYears(id).sorted { $0.year < $1.year }
        let todayYear = calendar.fiscalYear(containing: today)
        let year = years.last(where: { $0.year <= todayYear }) ?? years.first
        var thresholdValues: [String: DecimalNumber] = [:]
        for (_, json) in try tx.configItemJSON(id, kind: .indicators) {
            if thresholds[json] == nil { thresholds[json] = try decoder.decode(IndicatorThreshold.self, from: Data(json.utf8)) }
            let t = thresholds[json]!
            thresholdValues[t.id] = t.threshold
        }
        var dunning = 14
        if let json = try tx.settingJSON(id, key: "dunning.first-after-days"),
           case .number(let n) = try decoder.decode(SettingValue.self, from: Data(json.utf8)) {
            dunning = Int(n.mantissa / DecimalNumber.powerOfTen(n.scale))
        }
        guard let year else {
            return MonitorFacts(asOf: today, currencyDigits: admin.currency.minorDigits, thresholds: thresholdValues,
                                dunningAfterDays: dunning)
        }
        let asOf = min(max(today, year.start), year.end)
        var f = MonitorFacts(asOf: asOf, currencyDigits: admin.currency.minorDigits, thresholds: thresholdValues,
                             dunningAfterDays: dunning)
        let tb = try LedgerService.trialBalance(in: tx, admin: id, from: year.start, to: asOf)
        var closing: [String: Int64] = [:], movement: [String: Int64] = [:], opening: [String: Int64] = [:]
        for row in tb.rows {
            closing[row.account] = row.closing
            movement[row.account] = row.debit - row.credit
            opening[row.account] = row.opening
        }
        let accounts = try tx.accounts(id)
        func balance(_ code: String?) -> Int64 { code.flatMap { closing[$0] } ?? 0 }
        let byRole = Dictionary(accounts.compactMap { a in a.control.map { ($0, a.code) } }, uniquingKeysWith: { a, _ in a })

        // Bank
        let bank = try tx.bankLineSummary(id)
        f.latestStatementLine = bank.latest
        if bank.unprocessed > 0 {
            f.unprocessedLines = try tx.bankLines(id, unprocessedOnly: true).map {
                MonitorItem("line \($0.reference)", [$0.counterpartyName, $0.description].compactMap { $0 }.joined(separator: ": "),
                            date: $0.date, amount: $0.amount.minorUnits)
            }
        }
        f.negativeCash = accounts.filter {
            ($0.control == .cash || $0.rgsCode?.hasPrefix("BLimKas") == true) && balance($0.code) < 0
        }.map { MonitorItem($0.code, $0.name, amount: balance($0.code)) }

        // Open items
        var customerTotals: [String: Int64] = [:]
        for item in try tx.openItemDues(id) {
            let reference = "\(item.relation)/\(item.invoice)"
            switch item.side {
            case .receivable:
                f.receivables.append(MonitorItem(reference, "invoice \(item.invoice) of \(item.relation)", date: item.due,
                                                 amount: item.outstanding))
                customerTotals[item.relation, default: 0] += item.outstanding
            case .payable:
                f.payables.append(MonitorItem(reference, "invoice \(item.invoice) of \(item.relation)", date: item.due,
                                              amount: -item.outstanding))
            }
        }
        f.customersInCredit = customerTotals.filter { $0.value < 0 }.sorted { $0.key < $1.key }
            .map { MonitorItem($0.key, "customer \($0.key) is in credit", amount: -$0.value) }

        // Fixed assets
        try collectAssets(tx, id, &f, accounts: accounts, closing: closing, firstYear: years[0], calendar: calendar)

        // VAT
        try collectVAT(tx, id, &f, years: years, calendar: calendar, today: today)
        f.vatSettlementBalance = balance(byRole[.vatSettlement])

        // General ledger
        f.suspenseBalance = balance(byRole[.suspense])
        f.interimUnbalanced = accounts.filter {
            ($0.control == .netWages || $0.rgsCode?.hasPrefix("BLimKru") == true || $0.rgsCode?.hasPrefix("BVorTus") == true)
                && $0.control != .suspense && balance($0.code) != 0
        }.map { MonitorItem($0.code, $0.name, amount: balance($0.code)) }
        f.inactiveWithBalance = accounts.filter { !$0.active && balance($0.code) != 0 }
            .map { MonitorItem($0.code, $0.name, amount: balance($0.code)) }

        // Closing
        for y in years {
            if !y.closed { f.openYears.append(MonitorItem("\(y.year)", "fiscal year \(y.year)", date: y.end)) }
            for p in y.periods where (1...12).contains(p.number) && p.state == .open {
                f.openPeriods.append(MonitorItem(p.label, "period \(p.label) is open", date: p.end))
            }
        }

        // Data quality
        let quality = try tx.relationQuality(id)
        func items(_ map: [String: String], _ why: String) -> [MonitorItem] {
            map.sorted { $0.key < $1.key }.map { MonitorItem($0.key, "\($0.value): \(why)") }
        }
        f.relationsWithoutIBAN = items(quality.withoutIBAN, "no IBAN")
        f.relationsWithoutVATNumber = items(quality.businessesWithoutVATNumber, "a KvK number but no VAT number")
        f.relationsWithoutCoCNumber = items(quality.dutchBusinessesWithoutCoC, "a VAT number but no KvK number")
        f.duplicateRelations = items(quality.duplicates, "shares its IBAN, VAT or KvK number with another relation")

        // Budget, year to date through the period of `asOf`
        let revenueAccounts = Set(accounts.filter { $0.rgsCode?.hasPrefix("WOmz") == true }.map(\.code))
        let pnl = Set(accounts.filter { !$0.type.isBalanceSheet }.map(\.code))
        f.actualResult = -pnl.reduce(0) { $0 + balance($1) }
        f.actualRevenue = -revenueAccounts.reduce(0) { $0 + balance($1) }
        if let budget = try tx.budgetTotals(id, version: tx.steeringBudget(id, year: year.year), year: year.year,
                                            periods: 1...calendar.periodNumber(containing: asOf)) {
            f.budgetResult = -budget.filter { pnl.contains($0.key) }.values.reduce(0, +)
            f.budgetRevenue = -budget.filter { revenueAccounts.contains($0.key) }.values.reduce(0, +)
        }

        // KPIs from the template's own KPI layout, year to date
        if let json = try tx.configItemJSON(id, kind: .reports)["kpi"] {
            if layouts[json] == nil { layouts[json] = try decoder.decode(ReportLayout.self, from: Data(json.utf8)) }
            let basis = ColumnBasis(column: ReportColumn(kind: .yearToDate, from: year.start, to: asOf),
                                    opening: opening, movement: movement,
                                    figures: [:])
            let report = try ReportEngine(layout: layouts[json]!, accounts: accounts)
                .evaluate(administration: id, currency: admin.currency, columns: [basis])
            for row in report.rows {
                switch row.values[0] {
                case .amount(let a): f.kpis[row.id] = .amount(a)
                case .number(let n, _): f.kpis[row.id] = .number(n)
                case .missing: break
                }
            }
        }

        // Configuration
        if let record = try tx.reconcilerRecord(id) {
            f.status = record.status
            f.statusSince = try? LocalDate(parsing: String(record.since.prefix(10)))
        }
        f.distributionFailures = try tx.failedDistributionItems(id).map {
            MonitorItem("proposal \($0.proposal)", $0.message ?? "failed")
        }
        return f
    }
}
