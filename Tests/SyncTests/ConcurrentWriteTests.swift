import Core
import Foundation
import Ledger
import Sync
import Testing
import TestSupport

/// Writes sent at the same time share a transaction (group commit), each in its own savepoint.
struct ConcurrentWriteTests {
    @Test func aRefusedWriteAmongConcurrentOnesIsRolledBackAlone() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let sync = f.sync, admin = SyncFixture.admin, revenue = f.t.revenue
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<24 {
                group.addTask {
                    // Every seventh invoice shows the wrong VAT.
                    let vat = i % 7 == 3 ? "20.00" : "21.00", total = i % 7 == 3 ? "120.00" : "121.00"
                    let body = SyncFixture.invoice(number: "C-\(i)", lines: [(revenue, "100.00", "V21", nil)], totalVat: vat, total: total)
                    do {
                        _ = try await sync.postInvoice(body, to: admin, idempotencyKey: "c-\(i)")
                        return (i, true)
                    } catch { return (i, false) }
                }
            }
            var results: [Int: Bool] = [:]
            for await (i, ok) in group { results[i] = ok }
            return results
        }
        let refused = outcomes.filter { !$0.value }.keys.sorted()
        #expect(refused == [3, 10, 17])
        let entries = try await f.t.ledger.entries(admin)
        #expect(entries.count == 21 && Set(entries.map(\.number)) == Set(1...21))
        #expect(try await f.t.counts()["sync_request"] == 21)
        // A refused one kept nothing under its key: fixed, it posts with the same key.
        let fixed = SyncFixture.invoice(number: "C-3", lines: [(revenue, "100.00", "V21", nil)], totalVat: "21.00", total: "121.00")
        #expect(try await sync.postInvoice(fixed, to: admin, idempotencyKey: "c-3").body.invoice.entry == 22)
    }

    @Test func theSameRequestSentManyTimesAtOncePostsOnce() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let sync = f.sync, admin = SyncFixture.admin
        let body = SyncFixture.invoice(number: "ONCE", lines: [(f.t.revenue, "100.00", "V21", nil)], totalVat: "21.00", total: "121.00")
        let replies = try await withThrowingTaskGroup(of: SyncReply<InvoiceReply>.self) { group in
            for _ in 0..<12 { group.addTask { try await sync.postInvoice(body, to: admin, idempotencyKey: "once") } }
            var all: [SyncReply<InvoiceReply>] = []
            for try await reply in group { all.append(reply) }
            return all
        }
        #expect(replies.filter { !$0.replayed }.count == 1)
        #expect(replies.allSatisfy { $0.body == replies[0].body })
        #expect(try await f.t.ledger.entries(admin).count == 1)
    }
}
