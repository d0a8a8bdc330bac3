import Core
import Foundation
import Ledger
import Sync
import Testing
import TestSupport

/// The change feed: relations and open items changed after a cursor, whichever path changed them.
struct ChangeFeedTests {
    @Test func upsertsAnInvoiceAndItsPaymentComeThroughAndTheCursorMoves() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let admin = SyncFixture.admin, today = day("2026-04-20")
        let start = try await f.sync.changes(admin, since: 0, today: today)
        #expect(Set(start.changes.map(\.key)) == ["C1", "S1", "B1"])  // the fixture's relations
        #expect(try await f.sync.changes(admin, since: start.cursor, today: today).changes.isEmpty)

        _ = try await f.sync.upsertRelation(SyncFixture.relation(), number: "D001", in: admin, idempotencyKey: "1")
        _ = try await f.sync.upsertRelation(SyncFixture.relation(terms: 10), number: "D001", in: admin, idempotencyKey: "2")
        _ = try await f.sync.upsertCostCentre(SyncFixture.json(#"{"description": "P"}"#), code: "P9", in: admin, idempotencyKey: "3")
        _ = try await f.sync.postInvoice(
            SyncFixture.invoice(number: "2026-001", relation: "D001", lines: [(f.t.revenue, "1000.00", "V21", nil)],
                                totalVat: "210.00", total: "1210.00"), to: admin, idempotencyKey: "4")
        let afterInvoice = try await f.sync.changes(admin, since: start.cursor, today: today)
        // The relation once, in its last state, then the new open item.
        #expect(afterInvoice.changes.map(\.kind) == [.relation, .openItem])
        #expect(afterInvoice.changes[0].relation?.paymentTermDays == 10 && afterInvoice.changes[0].key == "D001")
        let item = try #require(afterInvoice.changes[1].openItem)
        #expect(item.invoice == "2026-001" && item.outstanding == "1210.00" && item.original == "1210.00")
        #expect(item.dueDate == day("2026-03-20") && item.overdue && item.daysOverdue == 31)
        #expect(afterInvoice.cursor > start.cursor && !afterInvoice.more)
        #expect(try await f.sync.changes(admin, since: afterInvoice.cursor, today: today).changes.isEmpty)

        // A payment posted through the ledger (as bank matching or a bookkeeper would) settles it in two steps.
        _ = try await f.t.ledger.post(receipt(f.t, amount: 100_000, date: "2026-04-01", invoice: "2026-001", relation: "D001"),
                                      to: admin)
        let paid = try await f.sync.changes(admin, since: afterInvoice.cursor, today: today)
        #expect(paid.changes.map(\.key) == [String(item.id)])
        #expect(paid.changes[0].openItem?.outstanding == "210.00" && paid.cursor > afterInvoice.cursor)
        _ = try await f.t.ledger.post(receipt(f.t, amount: 21_000, date: "2026-04-02", invoice: "2026-001", relation: "D001"),
                                      to: admin)
        let settled = try await f.sync.changes(admin, since: paid.cursor, today: today)
        #expect(settled.changes.count == 1)
        let final = try #require(settled.changes[0].openItem)
        #expect(final.outstanding == "0.00" && !final.overdue && final.daysOverdue == 0 && !settled.changes[0].removed)
        #expect(try await f.sync.changes(admin, since: settled.cursor, today: today) ==
                ChangeFeed(changes: [], cursor: settled.cursor, more: false))
        // The invoice's open item is settled: the open-items read no longer lists it.
        #expect(try await f.sync.openItems(admin, relation: "D001", today: today).items.isEmpty)
        // A client that polls from the start sees each thing once, in its current state.
        let all = try await f.sync.changes(admin, since: 0, today: today)
        #expect(all.changes.map(\.key) == ["C1", "S1", "B1", "D001", String(item.id)])
        #expect(all.cursor == settled.cursor)
    }

    @Test func aLongFeedComesInPages() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let admin = SyncFixture.admin, today = day("2026-04-20")
        for n in 0..<7 {
            _ = try await f.sync.upsertRelation(SyncFixture.relation(), number: "R\(n)", in: admin, idempotencyKey: "k\(n)")
        }
        var cursor: Int64 = 0, seen: [String] = [], polls = 0
        while true {
            let page = try await f.sync.changes(admin, since: cursor, today: today, limit: 3)
            seen += page.changes.map(\.key)
            cursor = page.cursor
            polls += 1
            if !page.more { break }
        }
        #expect(seen == ["C1", "S1", "B1"] + (0..<7).map { "R\($0)" } && polls == 4)
        // Another administration's changes are not in this one's feed.
        let error = await #expect(throws: SyncError.self) { try await f.sync.changes("other", since: 0, today: today) }
        #expect(error?.code == "not-found")
        await #expect(throws: SyncError.self) { try await f.sync.changes(admin, since: -1, today: today) }
    }
}
