import Core

extension Eliminations {
    /// Intercompany balances and results between two entities of the group cancel against each other as far as
    /// they match; what does not match is reported and stays in the consolidated figures, visible.
    mutating func eliminateIntercompany() {
        struct Line { var entity: EntitySnapshot; var item: IntercompanyAmount; var value: Int64 }
        var sides: [String: [Line]] = [:]  // "kind|entity|counterparty"
        let keys = Set(entities.map(\.entity.key))
        for e in entities {
            for item in e.intercompany where keys.contains(item.counterparty) && item.counterparty != e.entity.key {
                let value = e.currency == currency ? item.amount
                    : item.rate.translate(item.amount, fromDigits: e.currency.minorDigits, toDigits: currency.minorDigits)
                let kind = e.types[item.account]?.isBalanceSheet == false ? "result" : "balance"
                sides["\(kind)|\(e.entity.key)|\(item.counterparty)", default: []].append(Line(entity: e, item: item, value: value))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: entities.enumerated().map { ($1.entity.key, $0) })
        var pairs: Set<String> = []
        for key in sides.keys {
            let parts = key.split(separator: "|").map(String.init)
            let (a, b) = (order[parts[1]]! < order[parts[2]]!) ? (parts[1], parts[2]) : (parts[2], parts[1])
            pairs.insert("\(parts[0])|\(a)|\(b)")
        }
        let ordered = pairs.map { pair -> (kind: String, a: String, b: String, rank: (Int, Int)) in
            let parts = pair.split(separator: "|").map(String.init)
            return (parts[0], parts[1], parts[2], (order[parts[1]]!, order[parts[2]]!))
        }.sorted { ($0.kind, $0.rank.0, $0.rank.1) < ($1.kind, $1.rank.0, $1.rank.1) }
        for (kind, a, b, _) in ordered {
            let left = sides["\(kind)|\(a)|\(b)"] ?? [], right = sides["\(kind)|\(b)|\(a)"] ?? []
            let sumA = left.reduce(0) { $0 + $1.value }, sumB = right.reduce(0) { $0 + $1.value }
            let matched = (sumA > 0) != (sumB > 0) && sumA != 0 && sumB != 0 ? min(abs(sumA), abs(sumB)) : 0
            if sumA + sumB != 0 || matched == 0 {
                mismatches.append(IntercompanyMismatch(kind: kind, entity: a, counterparty: b, entityAmount: sumA,
                                                       counterpartyAmount: sumB))
            }
            guard matched > 0 else { continue }
            var lines: [ConsolidationAdjustment.Line] = []
            var sources: [String] = []
            for side in [left, right] {
                var remaining = matched
                for line in side where remaining > 0 && line.value != 0 {
                    let take = min(abs(line.value), remaining)
                    remaining -= take
                    let account = (try? engine.groupAccount(line.item.account, of: line.entity)) ?? line.item.account
                    lines.append(.init(account: account, amount: line.value > 0 ? -take : take,
                                       note: "\(line.entity.entity.key) \(line.item.account) with \(line.item.counterparty)"))
                    sources.append("\(line.entity.entity.key) \(line.item.account) with \(line.item.counterparty): "
                        + Money.format(line.item.amount, digits: line.entity.currency.minorDigits) + " \(line.entity.currency)"
                        + (line.entity.currency == currency ? "" : " at \(line.item.rate) (\(line.item.rateLabel))"))
                }
            }
            let names = Dictionary(uniqueKeysWithValues: entities.map { ($0.entity.key, $0.name) })
            adjustments.append(ConsolidationAdjustment(
                kind: kind == "result" ? .intercompanyResult : .intercompanyBalance,
                description: (kind == "result" ? "Intercompany revenue and expenses" : "Intercompany receivables and payables")
                    + " between \(names[a] ?? a) and \(names[b] ?? b): \(money(matched)) eliminated",
                lines: lines, sources: sources))
        }
    }

    /// Profit on stock one entity sold another that is still in the buyer's books at the date: out of the stock
    /// and the result, and — when the seller is partly owned — shared with its non-controlling interests.
    mutating func eliminateUnrealisedProfit() {
        let keys = Set(entities.map(\.entity.key))
        for record in group.unrealisedProfits where record.year == date.year && record.month == date.month {
            guard keys.contains(record.seller), keys.contains(record.buyer), record.seller != record.buyer else { continue }
            var lines: [ConsolidationAdjustment.Line] = [
                .init(account: record.costAccount, amount: record.amount, note: "unrealised profit out of the result"),
                .init(account: record.inventoryAccount, amount: -record.amount, note: "stock at the group's cost"),
            ]
            if let member = group.members.first(where: { $0.entity.key == record.seller }) {
                let nciPercent = member.nonControllingPercent
                let share = Self.share(record.amount, nciPercent)
                if share != 0 {
                    lines.append(.init(account: accounts.nonControllingInterest, amount: share,
                                       note: "\(nciPercent)% borne by non-controlling interests in \(record.seller)"))
                    lines.append(.init(account: accounts.nonControllingResult, amount: -share,
                                       note: "non-controlling interests' share of the result"))
                    nonControllingResult -= share
                }
            }
            adjustments.append(ConsolidationAdjustment(
                kind: .unrealisedProfit,
                description: "Unrealised profit on stock \(record.seller) sold to \(record.buyer): \(money(record.amount))",
                lines: lines,
                sources: ["groups/\(group.name).yaml: unrealised profit \(record.year)-\(record.month < 10 ? "0" : "")\(record.month)"]))
        }
    }
}
