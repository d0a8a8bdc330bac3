import Core
import Ledger

extension GroupRun {
    /// One administration as the engine needs it: balances, this year's slices and equity layers with their rates,
    /// its accounts on the group chart, and its intercompany amounts.
    func entity(_ books: EntityBooks, member: GroupMember?, group: GroupDefinition, chart: [Account],
                yearStart: LocalDate, through: LocalDate?, groupAccounts: [String: String]) throws -> EntitySnapshot {
        let id = books.administration.id
        let currency = books.administration.currency
        let types = books.types
        let date = through ?? yearStart.adding(days: -1)
        var balances = books.yearOpening
        var months = books.months.filter { through != nil && $0.0 <= through! }
        let periodsThrough = months.count
        for (_, movement) in months { for (account, amount) in movement { balances[account, default: 0] += amount } }
        func retained() throws -> String {
            guard let code = books.retainedEarnings else {
                throw ConsolidationError("administration \(id) has no retained-earnings account")
            }
            return code
        }
        // Acquired during this year: the result before acquisition is pre-acquisition equity, not group result.
        var inYear: LocalDate?
        if let member, member.acquired > yearStart {
            inYear = member.acquired
            let before = months.filter { $0.0 < member.acquired }
            months.removeAll { $0.0 < member.acquired }
            let re = try retained()
            for (_, movement) in before {
                for (account, amount) in movement where types[account]?.isBalanceSheet == false {
                    balances[account, default: 0] -= amount
                    balances[re, default: 0] += amount
                }
            }
        }
        let (closing, closingLabel) = try rates.closing(group.currency, currency, at: date)
        var results: [RatedAmounts] = []
        for (start, movement) in months {
            let amounts = movement.filter { types[$0.key] != nil && types[$0.key] != .asset && types[$0.key] != .liability }
            guard !amounts.isEmpty else { continue }
            let (rate, label) = try rates.average(group.currency, currency, month: start)
            results.append(RatedAmounts(label: label, rate: rate, amounts: amounts))
        }
        var layers: [RatedAmounts] = []
        var openingRate: DecimalNumber?
        if let member {
            let (historical, historicalLabel) = try member.rateAtAcquisition.map { ($0, "rate at acquisition") }
                ?? rates.historical(group.currency, currency, at: member.acquired)
            if let given = member.equityAtAcquisition {
                // Net assets given in the group file: the equity accounts other than retained earnings as they
                // stand, retained earnings the rest.
                let re = try retained()
                guard given.scale <= currency.minorDigits else {
                    throw ConsolidationError("groups/\(group.name).yaml: equityAtAcquisition of \(id) has more decimals than \(currency)")
                }
                let total = given.mantissa * DecimalNumber.powerOfTen(currency.minorDigits - given.scale)
                var amounts = books.yearOpening.filter { types[$0.key] == .equity && $0.key != re }
                amounts[re] = -total - amounts.values.reduce(0, +)
                layers = [RatedAmounts(label: historicalLabel, rate: historical, amounts: amounts)]
            } else {
                let points = books.equityAt.keys.sorted()
                var cumulative: [String: Int64] = [:]
                for (index, point) in points.enumerated() {
                    let equity = books.equityAt[point] ?? [:]
                    var change: [String: Int64] = [:]
                    for account in Set(equity.keys).union(cumulative.keys) {
                        let delta = (equity[account] ?? 0) - (cumulative[account] ?? 0)
                        if delta != 0 { change[account] = delta }
                    }
                    cumulative = equity
                    if index == 0 {
                        layers.append(RatedAmounts(label: historicalLabel, rate: historical, amounts: change))
                    } else if !change.isEmpty {
                        // The growth of the fiscal year that ended just before `point`, at that year's average.
                        let (rate, label) = try yearAverage(group.currency, currency, yearStart: point.adding(months: -12))
                        layers.append(RatedAmounts(label: label, rate: rate, amounts: change))
                    }
                }
            }
            // The year's translation difference on net assets starts from acquisition when that fell in this year.
            openingRate = member.acquired >= yearStart ? historical
                : try rates.closing(group.currency, currency, at: yearStart.adding(days: -1)).0
        }
        var intercompany: [IntercompanyAmount] = []
        var balanceTotals: [String: Int64] = [:]
        let year = books.calendar.fiscalYear(containing: yearStart)
        for t in books.intercompany.balances where types[t.account]?.isBalanceSheet == true
            && (t.year < year || (t.year == year && t.period <= periodsThrough)) {
            balanceTotals["\(t.account)\u{1F}\(t.relation)", default: 0] += t.amount
        }
        for (key, amount) in balanceTotals.sorted(by: { $0.key < $1.key }) where amount != 0 {
            let parts = key.split(separator: "\u{1F}").map(String.init)
            guard let entity = books.groupRelations[parts[1]] else { continue }
            intercompany.append(IntercompanyAmount(account: parts[0], counterparty: entity, amount: amount, rate: closing,
                                                   rateLabel: closingLabel))
        }
        for t in books.intercompany.results where types[t.account]?.isBalanceSheet == false && t.amount != 0
            && t.period <= periodsThrough {
            guard let entity = books.groupRelations[t.relation], (1...12).contains(t.period) else { continue }
            let month = yearStart.adding(months: t.period - 1)
            if let inYear, month < inYear { continue }
            let (rate, label) = try rates.average(group.currency, currency, month: month)
            intercompany.append(IntercompanyAmount(account: t.account, counterparty: entity, amount: t.amount, rate: rate,
                                                   rateLabel: label))
        }
        return EntitySnapshot(
            entity: .administration(id), name: books.administration.name, currency: currency, types: types,
            groupAccounts: groupAccounts, balances: balances.filter { $0.value != 0 },
            closingRate: closing, closingLabel: closingLabel, openingRate: openingRate, results: results,
            equityLayers: layers, intercompany: intercompany)
    }

    /// The average over a fiscal year: the rate set for the calendar year it starts in when it is a calendar year,
    /// else the mean of its months' averages.
    func yearAverage(_ presentation: CurrencyCode, _ functional: CurrencyCode, yearStart: LocalDate)
        throws(ConsolidationError) -> (DecimalNumber, String)
    {
        if yearStart.month == 1, let (rate, label) = try? rates.average(presentation, functional, month: yearStart),
           label == "\(yearStart.year) average" {
            return (rate, label)
        }
        var sum = Int128(0)
        for month in 0..<12 {
            let (rate, _) = try rates.average(presentation, functional, month: yearStart.adding(months: month))
            sum += Int128(rate.mantissa) * Int128(DecimalNumber.powerOfTen(12 - min(rate.scale, 12)))
        }
        return (DecimalNumber(mantissa: Int64((sum + 6) / 12), scale: 12).normalized, "mean of the months from \(yearStart)")
    }

    /// Each account of the entity on the group chart: an explicit mapping row, else the group account with the same
    /// RGS code, else the same code.
    func groupAccounts(_ books: EntityBooks, group: GroupDefinition, chart: [Account]) -> [String: String] {
        let id = books.administration.id
        var byRGS: [String: String] = [:]
        for account in chart.sorted(by: { $0.code < $1.code }) {
            if let rgs = account.rgsCode, byRGS[rgs] == nil { byRGS[rgs] = account.code }
        }
        let codes = Set(chart.map(\.code))
        let explicit = Dictionary(group.mapping.filter { $0.administration == id }.map { ($0.account, $0.groupAccount) },
                                  uniquingKeysWith: { a, _ in a })
        var result: [String: String] = [:]
        for account in books.accounts {
            if let to = explicit[account.code] { result[account.code] = to }
            else if let rgs = account.rgsCode, let to = byRGS[rgs] { result[account.code] = to }
            else if codes.contains(account.code) { result[account.code] = account.code }
        }
        return result
    }
}
