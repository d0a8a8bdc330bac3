public import Core

/// Open items on a given day, with their age and overdue days, totals per relation and per ageing bucket.
public struct OpenItemsReport: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public var item: OpenItem
        public var relationName: String
        public var ageDays: Int
        public var daysOverdue: Int
        public var bucket: AgeingBucket
    }

    public struct RelationTotal: Sendable, Codable, Equatable {
        public var relation: String
        public var name: String
        public var side: OpenItemSide
        public var outstanding: Int64
        public var overdue: Int64
        /// Outstanding per bucket, in `AgeingBucket.allCases` order.
        public var buckets: [Int64]
    }

    public var administration: String
    public var currency: CurrencyCode
    public var today: LocalDate
    public var items: [Item]
    public var relations: [RelationTotal]

    public func total(_ side: OpenItemSide) -> Int64 {
        items.filter { $0.item.side == side }.reduce(0) { $0 + $1.item.outstanding }
    }

    public func bucketTotals(_ side: OpenItemSide) -> [AgeingBucket: Int64] {
        var totals: [AgeingBucket: Int64] = [:]
        for i in items where i.item.side == side { totals[i.bucket, default: 0] += i.item.outstanding }
        return totals
    }
}

extension LedgerService {
    /// Open items of `admin` on `today` (an injected date; nothing here reads the clock).
    public func openItems(_ admin: String, today: LocalDate, relation: String? = nil, side: OpenItemSide? = nil)
        async throws -> OpenItemsReport
    {
        try await read(admin) { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin)") }
            let names = Dictionary(try tx.relations(admin).map { ($0.number, $0.name) }, uniquingKeysWith: { x, _ in x })
            let items = try tx.openItems(admin, relation: relation)
                .filter { side == nil || $0.side == side }
                .map { item in
                    let age = max(0, item.date.days(until: today))
                    return OpenItemsReport.Item(item: item, relationName: names[item.relation] ?? item.relation,
                                                ageDays: age, daysOverdue: item.daysOverdue(on: today),
                                                bucket: AgeingBucket(ageInDays: age))
                }
            var totals: [String: OpenItemsReport.RelationTotal] = [:]
            for i in items {
                let key = "\(i.item.side.rawValue)/\(i.item.relation)"
                var t = totals[key] ?? .init(relation: i.item.relation, name: i.relationName, side: i.item.side,
                                             outstanding: 0, overdue: 0,
                                             buckets: Array(repeating: 0, count: AgeingBucket.allCases.count))
                t.outstanding += i.item.outstanding
                if i.daysOverdue > 0 { t.overdue += i.item.outstanding }
                t.buckets[AgeingBucket.allCases.firstIndex(of: i.bucket)!] += i.item.outstanding
                totals[key] = t
            }
            return OpenItemsReport(administration: admin, currency: a.currency, today: today, items: items,
                                   relations: totals.keys.sorted().map { totals[$0]! })
        }
    }
}
