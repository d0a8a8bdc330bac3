import Core

extension GroupRun {
    /// A sub-group consolidated first (IFRS 10 level by level) and taken in as one entity: its total column, its
    /// equity at the parent's acquisition as first layer, and its members' intercompany amounts with entities
    /// outside it.
    mutating func subgroup(_ name: String, member: GroupMember, parent: GroupDefinition, groupTypes: [String: AccountType],
                           codes: ConsolidationAccountCodes, yearStart: LocalDate, through: LocalDate?) async throws
        -> EntitySnapshot
    {
        guard let sub = set.groups[name] else {
            throw ConsolidationError("group \(parent.name): member group \(name) has no groups/\(name).yaml")
        }
        guard sub.currency == parent.currency, sub.chart == parent.chart else {
            throw ConsolidationError("group \(parent.name): sub-group \(name) reports in \(sub.currency) on template "
                + "\(sub.chart); a sub-group is taken in on the same currency and chart (\(parent.currency), \(parent.chart))")
        }
        names[member.entity.key] = sub.title
        let (snapshot, entities) = try await self.snapshot(sub, yearStart: yearStart, through: through)
        for e in entities { names[e.entity.key] = e.name }
        let inside = Set(administrations(in: sub))
        var intercompany: [IntercompanyAmount] = []
        for e in entities {
            for item in e.intercompany where !inside.contains(item.counterparty) {
                guard let account = e.groupAccounts[item.account] else { continue }
                let amount = e.currency == sub.currency ? item.amount
                    : item.rate.translate(item.amount, fromDigits: e.currency.minorDigits, toDigits: sub.currency.minorDigits)
                intercompany.append(IntercompanyAmount(account: account, counterparty: item.counterparty, amount: amount,
                                                       rate: DecimalNumber(mantissa: 1, scale: 0), rateLabel: "same currency"))
            }
        }
        // Equity at acquisition: given, or the sub-group's own consolidation on the day before.
        var atAcquisition: [String: Int64] = [:]
        let excluded: Set<String> = [codes.nonControllingInterest, codes.translationReserve]
        func owners(_ balances: [String: Int64]) -> [String: Int64] {
            var equity: [String: Int64] = [:]
            for (account, value) in balances where !excluded.contains(account) {
                switch groupTypes[account] {
                case .equity: equity[account, default: 0] += value
                case .revenue, .expense: equity[codes.retainedEarnings, default: 0] += value
                default: break
                }
            }
            return equity
        }
        if let given = member.equityAtAcquisition {
            let total = given.mantissa * DecimalNumber.powerOfTen(sub.currency.minorDigits - given.scale)
            atAcquisition = owners(snapshot.total).filter { $0.key != codes.retainedEarnings }
            atAcquisition[codes.retainedEarnings] = -total - atAcquisition.values.reduce(0, +)
        } else {
            let start = try await fiscalYearStart(of: sub.parent, containing: member.acquired)
            let before = try await self.snapshot(sub, yearStart: start,
                                                 through: member.acquired == start ? nil : member.acquired.adding(days: -1))
            atAcquisition = owners(before.snapshot.total)
        }
        return snapshot.asEntity(name, title: sub.title, currency: sub.currency, groupTypes: groupTypes,
                                 equityAtAcquisition: RatedAmounts(label: "at acquisition \(member.acquired)",
                                                                   rate: DecimalNumber(mantissa: 1, scale: 0),
                                                                   amounts: atAcquisition.filter { $0.value != 0 }),
                                 intercompany: intercompany)
    }
}
