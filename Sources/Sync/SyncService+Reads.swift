public import Core
import Ledger
import Store

extension SyncService {
    /// Open items of `admin` on `today` (injected), optionally of one relation and one side, with overdue flags.
    public func openItems(_ admin: String, relation: String? = nil, side: OpenItemSide? = nil, today: LocalDate)
        async throws -> OpenItemList
    {
        try await mapped {
            try await ledger.store.read { tx in
                guard let administration = try tx.administration(admin) else {
                    throw SyncError.notFound("administration \(admin) does not exist")
                }
                if let relation, try tx.relation(admin, number: relation) == nil {
                    throw SyncError("unknown-relation", "relation", "relation \(relation) does not exist in administration \(admin)")
                }
                let names = Dictionary(try tx.relations(admin).map { ($0.number, $0.name) }, uniquingKeysWith: { a, _ in a })
                let items = try tx.openItems(admin, relation: relation)
                    .filter { side == nil || $0.side == side }
                    .map { SyncOpenItem($0, name: names[$0.relation], currency: administration.currency, today: today) }
                return OpenItemList(administration: admin, today: today, items: items)
            }
        }
    }

    /// What changed in `admin` after `cursor`: each changed relation and open item once, in its current state (or
    /// removed), oldest change first, and the cursor to poll with next. At most `limit` log rows are read per call;
    /// `more` says when the client should poll again at once.
    public func changes(_ admin: String, since cursor: Int64, today: LocalDate, limit: Int = 1000) async throws
        -> ChangeFeed
    {
        guard cursor >= 0 else { throw SyncError("invalid-field", "since", "the cursor cannot be negative") }
        guard limit > 0 else { throw SyncError("invalid-field", "limit", "the limit must be positive") }
        return try await mapped {
            try await ledger.store.read { tx in
                guard let administration = try tx.administration(admin) else {
                    throw SyncError.notFound("administration \(admin) does not exist")
                }
                let rows = try tx.syncChanges(admin, after: cursor, limit: limit)
                // Each relation and item once, at its last change in this page.
                var last: [String: SyncChangeRow] = [:]
                for row in rows { last["\(row.kind.rawValue)/\(row.key)"] = row }
                let latest = last.values.sorted { $0.seq < $1.seq }
                var relations: [String: Relation] = [:]
                for row in latest where row.kind == .relation && !row.removed {
                    relations[row.key] = try tx.relation(admin, number: row.key)
                }
                let ids = latest.filter { $0.kind == .openItem && !$0.removed }.compactMap { Int64($0.key) }
                let items = Dictionary(try tx.openItems(admin, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var names: [String: String] = [:]
                for item in items.values where names[item.relation] == nil {
                    names[item.relation] = try relations[item.relation]?.name ?? tx.relation(admin, number: item.relation)?.name
                }
                let changes = latest.map { row -> SyncChange in
                    switch row.kind {
                    case .relation:
                        let relation = relations[row.key].map(SyncRelation.init)
                        return SyncChange(seq: row.seq, kind: .relation, key: row.key, removed: relation == nil,
                                          relation: relation, openItem: nil)
                    case .openItem:
                        let item = Int64(row.key).flatMap { items[$0] }.map {
                            SyncOpenItem($0, name: names[$0.relation], currency: administration.currency, today: today)
                        }
                        return SyncChange(seq: row.seq, kind: .openItem, key: row.key, removed: item == nil,
                                          relation: nil, openItem: item)
                    }
                }
                return ChangeFeed(changes: changes, cursor: rows.last?.seq ?? cursor, more: rows.count == limit)
            }
        }
    }
}
