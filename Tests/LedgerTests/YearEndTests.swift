import Core
import Foundation
import Ledger
import Testing
import TestSupport

@Suite struct YearEndTests {
    @Test func closingMovesTheResultToEquityAndCarriesBalancesForward() async throws {
        let t = try await TestLedger(year: 2025)
        defer { t.remove() }
        let equity = t.code(.retainedEarnings)
        _ = try await t.ledger.post([
            EntryDraft(journal: "BEG", date: day("2025-01-01"), description: "Opening", kind: .opening, lines: [
                EntryLineDraft(account: t.code(.bank), amount: 5_000_00),
                EntryLineDraft(account: equity, amount: -5_000_00)]),
            salesInvoice(t, net: 1_000_00, date: "2025-11-10", invoice: "F1"),
            salesInvoice(t, net: 400_00, date: "2025-12-01", invoice: "F2", relation: "B1"),
            receipt(t, amount: 600_00, date: "2025-12-15", invoice: "F1"),
            memo(t.expense, t.code(.bank), 300_00, date: "2025-12-20"),
        ], to: TestLedger.admin)
        let result = try await t.ledger.closeYear(2025, in: TestLedger.admin)
        #expect(result.result == 1_100_00)  // 1,400 revenue − 300 expense
        #expect(result.nextYear == 2026)

        // The closed year: P&L accounts at zero after the closing entry; equity holds the result.
        let closed = try await t.ledger.trialBalance(TestLedger.admin, from: day("2025-01-01"), to: day("2025-12-31"),
                                                     includeClosing: true)
        #expect(closed.rows.filter { !$0.type.isBalanceSheet }.allSatisfy { $0.closing == 0 })
        #expect(closed.rows.first { $0.account == equity }?.closing == -6_100_00)

        // The next year opens with the same balance-sheet balances, per relation on the control account.
        let next = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-12-31"))
        for row in closed.rows where row.type.isBalanceSheet {
            #expect(next.rows.first { $0.account == row.account }?.opening ?? 0 == row.closing, "\(row.account)")
        }
        #expect(next.totalOpening == 0)
        let opening = try await t.ledger.entries(TestLedger.admin).last!
        #expect(opening.kind == .opening && opening.period == 0)
        let receivableLines = opening.lines.filter { $0.account == t.code(.receivables) }
        #expect(Set(receivableLines.map { "\($0.relation!)=\($0.amount)" }) == ["C1=61000", "B1=48400"])

        // Open items are untouched: they carry over as they are, and can be settled in the new year.
        let items = try await t.ledger.openItems(TestLedger.admin, today: day("2026-01-15"))
        #expect(items.total(.receivable) == 1_094_00)
        _ = try await t.ledger.post(receipt(t, amount: 610_00, date: "2026-01-20", invoice: "F1"), to: TestLedger.admin)
        #expect(try await t.ledger.openItems(TestLedger.admin, today: day("2026-01-21")).total(.receivable) == 484_00)

        // The closed year is locked and cannot be closed again or posted in.
        await #expect(throws: LedgerError.self) { try await t.ledger.closeYear(2025, in: TestLedger.admin) }
        await #expect(throws: LedgerError.self) {
            try await t.ledger.post(memo(t.expense, t.code(.bank), 1_00, date: "2025-12-30"), to: TestLedger.admin)
        }
        await #expect(throws: LedgerError.self) {
            try await t.ledger.setPeriod(.open, year: 2025, period: 12, in: TestLedger.admin)
        }
    }

    @Test func yearsCloseInOrder() async throws {
        let t = try await TestLedger(year: 2025)
        defer { t.remove() }
        try await t.ledger.openYear(2026, in: TestLedger.admin)
        await #expect(throws: LedgerError.self) { try await t.ledger.closeYear(2026, in: TestLedger.admin) }
        _ = try await t.ledger.closeYear(2025, in: TestLedger.admin)
        _ = try await t.ledger.closeYear(2026, in: TestLedger.admin)
    }

    @Test func anUnclosedPriorYearStillCarriesIntoTheTrialBalance() async throws {
        let t = try await TestLedger(year: 2025)
        defer { t.remove() }
        try await t.ledger.openYear(2026, in: TestLedger.admin)
        _ = try await t.ledger.post(salesInvoice(t, net: 1_000_00, date: "2025-06-01", invoice: "F1"), to: TestLedger.admin)
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-01-31"))
        #expect(tb.rows.first { $0.account == t.code(.receivables) }?.opening == 1_210_00)
        #expect(tb.rows.first { $0.account == t.code(.retainedEarnings) }?.opening == -1_000_00)
        #expect(tb.rows.first { $0.account == t.revenue } == nil)
        #expect(tb.totalOpening == 0)
    }
}
