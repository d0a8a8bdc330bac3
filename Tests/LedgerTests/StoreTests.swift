import Core
import Foundation
import Ledger
import Store
import Testing
import TestSupport

@Suite struct StoreTests {
    @Test func walForeignKeysBusyTimeoutAndMigrations() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let settings = try await t.store.connectionSettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.foreignKeys)
        #expect(settings.busyTimeoutMs >= 5_000)
        #expect(try await t.store.appliedMigrations() == ["v1-ledger", "v2-applied-configuration", "v3-reconciler-status", "v4-users-and-audit", "v5-proposals", "v6-distributions", "v7-vat-totals-and-figures", "v8-fixed-assets", "v9-monitor", "v10-access", "v11-consolidation", "v12-budget-versions", "v13-bank-statements", "v14-sync", "v15-leases", "v16-webhooks"])
        // Reopening an existing file migrates nothing and keeps the data.
        let reopened = try LedgerStore(path: t.store.path)
        #expect(try await reopened.appliedMigrations() == ["v1-ledger", "v2-applied-configuration", "v3-reconciler-status", "v4-users-and-audit", "v5-proposals", "v6-distributions", "v7-vat-totals-and-figures", "v8-fixed-assets", "v9-monitor", "v10-access", "v11-consolidation", "v12-budget-versions", "v13-bank-statements", "v14-sync", "v15-leases", "v16-webhooks"])
        #expect(try await LedgerService(store: reopened).administrations().map(\.id) == [TestLedger.admin])
    }

    @Test func foreignKeysGuardTheLedger() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        // A line on an account the administration does not have is refused by SQLite itself, below the rules.
        await #expect(throws: (any Error).self) {
            try await t.store.write { tx in
                _ = try tx.insert(PostedEntry(
                    id: 0, administration: TestLedger.admin, number: 99, journal: "MEM", date: day("2026-03-01"),
                    year: 2026, period: 3, description: "bypass", source: nil, reference: nil, kind: .standard,
                    reversalOf: nil, reversedBy: nil,
                    lines: [PostedLine(number: 1, account: "nope", amount: 1), PostedLine(number: 2, account: "nope", amount: -1)]))
            }
        }
        #expect(try await t.counts()["entry"] == 0)
    }

    @Test func aBulkWriteConfirmsEachDistinctKeyInsteadOfEachRow() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        // Without per-row checks the same line goes in; the bulk writer's confirmation names what is missing.
        let missing = try await t.store.writeCheckedByCaller { tx in
            _ = try tx.insert(PostedEntry(
                id: 0, administration: TestLedger.admin, number: 99, journal: "NOPE", date: day("2026-03-01"),
                year: 2026, period: 3, description: "bypass", source: nil, reference: nil, kind: .standard,
                reversalOf: nil, reversedBy: nil,
                lines: [PostedLine(number: 1, account: "nope", amount: 1), PostedLine(number: 2, account: t.expense, amount: -1)]))
            var written = WrittenReferences()
            written.accounts = ["nope", t.expense]
            written.journals = ["NOPE", "MEM"]
            written.periods = [[2026, 3], [1999, 1]]
            written.relations = ["R404"]
            return try tx.missingReferences(TestLedger.admin, written)
        }
        #expect(missing == ["account nope", "journal NOPE", "relation R404", "period 1999/1"])
        // Foreign keys are on again for every other write on the same connection.
        await #expect(throws: (any Error).self) {
            try await t.store.write { tx in
                _ = try tx.insert(PostedEntry(
                    id: 0, administration: TestLedger.admin, number: 100, journal: "MEM", date: day("2026-03-01"),
                    year: 2026, period: 3, description: "bypass", source: nil, reference: nil, kind: .standard,
                    reversalOf: nil, reversedBy: nil,
                    lines: [PostedLine(number: 1, account: "gone", amount: 1), PostedLine(number: 2, account: t.expense, amount: -1)]))
            }
        }
    }

    @Test func concurrentWritersFromTwoProcessesWait() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let other = LedgerService(store: try LedgerStore(path: t.store.path))
        async let a: Void = {
            for i in 0..<40 { _ = try await t.ledger.post(memo(t.expense, t.code(.bank), Int64(i + 1)), to: TestLedger.admin) }
        }()
        async let b: Void = {
            for i in 0..<40 { _ = try await other.post(memo(t.expense, t.code(.bank), Int64(i + 1)), to: TestLedger.admin) }
        }()
        _ = try await (a, b)
        let entries = try await t.ledger.entries(TestLedger.admin)
        #expect(entries.map(\.number) == Array(1...80))
    }
}
