import Core
import Foundation
import Ledger
import Testing
import TestSupport

@Suite struct PostingTests {
    @Test func aSalesInvoiceUpdatesBalancesAndOpensAnItem() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let r = try await t.ledger.post(salesInvoice(t, net: 1_000_00, invoice: "F1"), to: TestLedger.admin)
        #expect(r.created)
        #expect(r.entry.number == 1)
        #expect(r.entry.period == 3 && r.entry.year == 2026)
        #expect(r.entry.lines[1].vatAmount == -210_00)
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.totalDebit == tb.totalCredit)
        #expect(tb.rows.first { $0.account == t.code(.receivables) }?.closing == 1_210_00)
        #expect(tb.rows.first { $0.account == t.code(.vatPayableHigh) }?.closing == -210_00)
        let items = try await t.ledger.openItems(TestLedger.admin, today: day("2026-05-01"))
        #expect(items.items.count == 1)
        let item = try #require(items.items.first)
        #expect(item.item.outstanding == 1_210_00)
        #expect(item.item.dueDate == day("2026-04-09"))  // 30 days' payment terms of C1
        #expect(item.daysOverdue == 22)
        #expect(item.ageDays == 52 && item.bucket == .days31to60)
    }

    @Test func partialAndFinalSettlement() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        _ = try await t.ledger.post(salesInvoice(t, net: 1_000_00, invoice: "F1"), to: TestLedger.admin)
        _ = try await t.ledger.post(receipt(t, amount: 500_00, invoice: "F1"), to: TestLedger.admin)
        var report = try await t.ledger.openItems(TestLedger.admin, today: day("2026-04-02"))
        #expect(report.items.map(\.item.outstanding) == [710_00])
        #expect(report.items[0].item.isPartlySettled)
        _ = try await t.ledger.post(receipt(t, amount: 710_00, date: "2026-04-20", invoice: "F1"), to: TestLedger.admin)
        report = try await t.ledger.openItems(TestLedger.admin, today: day("2026-04-21"))
        #expect(report.items.isEmpty)
        #expect(report.total(.receivable) == 0)
    }

    @Test func ageingBucketsAgainstAnInjectedToday() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        for (i, date) in ["2026-06-30", "2026-05-20", "2026-04-20", "2026-01-15"].enumerated() {
            _ = try await t.ledger.post(salesInvoice(t, net: 100_00, date: date, invoice: "F\(i)"), to: TestLedger.admin)
        }
        let report = try await t.ledger.openItems(TestLedger.admin, today: day("2026-07-01"))
        let buckets = report.bucketTotals(.receivable)
        #expect(buckets[.days0to30] == 121_00)   // 1 day old
        #expect(buckets[.days31to60] == 121_00)  // 42 days
        #expect(buckets[.days61to90] == 121_00)  // 72 days
        #expect(buckets[.over90] == 121_00)      // 167 days
        let overdue: Int64 = report.relations.first?.overdue ?? -1
        #expect(overdue == 36_300)
    }

    @Test func aRetriedPostIsANoOpThatReturnsTheOriginal() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let draft = salesInvoice(t, net: 100_00, invoice: "F1", reference: "INV-1")
        let first = try await t.ledger.post(draft, to: TestLedger.admin)
        let counts = try await t.counts()
        let again = try await t.ledger.post(draft, to: TestLedger.admin)
        #expect(!again.created)
        #expect(again.entry == first.entry)
        #expect(try await t.counts() == counts)
        var changed = draft
        changed.lines[0].invoice = "F2"
        await #expect(throws: LedgerError.self) { try await t.ledger.post(changed, to: TestLedger.admin) }
        #expect(try await t.counts() == counts)
    }

    @Test func aForeignCurrencyLineCarriesRateAndBaseAmount() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let usd = try CurrencyCode("USD")
        let rate = try DecimalNumber(parsing: "0.9234", field: "rate")
        let r = try await t.ledger.post(EntryDraft(journal: "IK", date: day("2026-02-03"), description: "US invoice", lines: [
            EntryLineDraft(account: t.expense, amount: 923_40),
            EntryLineDraft(account: t.code(.payables), amount: -1_000_00, currency: usd, rate: rate, baseAmount: -923_40,
                           relation: "S1", invoice: "US-1"),
        ]), to: TestLedger.admin)
        let line = r.entry.lines[1]
        #expect(line.amount == -923_40 && line.foreignAmount == -1_000_00 && line.currency == usd && line.rate == rate)
        let items = try await t.ledger.openItems(TestLedger.admin, today: day("2026-02-03"), side: .payable)
        #expect(items.items.first?.item.outstanding == -923_40)
        // JPY has no minor units: 150,000 JPY at 0.0061 EUR is 915.00 EUR.
        let jpy = try CurrencyCode("JPY")
        _ = try await t.ledger.post(EntryDraft(journal: "IK", date: day("2026-02-04"), description: "JP invoice", lines: [
            EntryLineDraft(account: t.expense, amount: 915_00),
            EntryLineDraft(account: t.code(.payables), amount: -150_000, currency: jpy,
                           rate: try DecimalNumber(parsing: "0.0061", field: "rate"), baseAmount: -915_00,
                           relation: "S1", invoice: "JP-1"),
        ]), to: TestLedger.admin)
    }

    @Test func reversalUndoesBalancesAndOpenItemsAndHappensOnce() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let original = try await t.ledger.post(salesInvoice(t, net: 300_00, invoice: "F9"), to: TestLedger.admin).entry
        let reversal = try await t.ledger.reverse(entry: original.number, in: TestLedger.admin)
        #expect(reversal.kind == .reversal && reversal.reversalOf == original.id)
        #expect(reversal.lines.map(\.amount) == original.lines.map { -$0.amount })
        let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.rows.allSatisfy { $0.closing == 0 })
        #expect(try await t.ledger.openItems(TestLedger.admin, today: day("2026-04-01")).items.isEmpty)
        #expect(try await t.ledger.entry(original.number, in: TestLedger.admin).reversedBy == reversal.id)
        await #expect(throws: LedgerError.self) { try await t.ledger.reverse(entry: original.number, in: TestLedger.admin) }
        await #expect(throws: LedgerError.self) { try await t.ledger.reverse(entry: reversal.number, in: TestLedger.admin) }
    }

    @Test func periodsCloseReopenAndLockForGood() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        try await t.ledger.setPeriod(.closed, year: 2026, period: 3, in: TestLedger.admin)
        await #expect(throws: LedgerError.self) {
            try await t.ledger.post(memo(t.expense, t.code(.bank), 1_00), to: TestLedger.admin)
        }
        try await t.ledger.setPeriod(.open, year: 2026, period: 3, in: TestLedger.admin)
        _ = try await t.ledger.post(memo(t.expense, t.code(.bank), 1_00), to: TestLedger.admin)
        try await t.ledger.setPeriod(.locked, year: 2026, period: 3, in: TestLedger.admin)
        await #expect(throws: LedgerError.self) {
            try await t.ledger.setPeriod(.open, year: 2026, period: 3, in: TestLedger.admin)
        }
    }

    @Test func trialBalanceByPeriodDateAndCostCentre() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        _ = try await t.ledger.post([
            memo(t.expense, t.code(.bank), 100_00, date: "2026-01-10", costCentre: "P1"),
            memo(t.expense, t.code(.bank), 20_00, date: "2026-02-05"),
            memo(t.expense, t.code(.bank), 3_00, date: "2026-02-20", costCentre: "P1"),
            memo(t.expense, t.code(.bank), 4_00, date: "2026-03-31"),
        ], to: TestLedger.admin)
        func expense(_ from: String, _ to: String, cc: String? = nil) async throws -> (Int64, Int64) {
            let tb = try await t.ledger.trialBalance(TestLedger.admin, from: day(from), to: day(to), costCentre: cc)
            let row = tb.rows.first { $0.account == t.expense }
            return (row?.opening ?? 0, row?.debit ?? 0)
        }
        #expect(try await expense("2026-01-01", "2026-12-31") == (0, 127_00))
        #expect(try await expense("2026-02-01", "2026-02-28") == (100_00, 23_00))
        #expect(try await expense("2026-02-10", "2026-03-30") == (120_00, 3_00))
        #expect(try await expense("2026-01-01", "2026-12-31", cc: "P1") == (0, 103_00))
        #expect(try await expense("2026-02-06", "2026-12-31", cc: "P1") == (100_00, 3_00))
        await #expect(throws: LedgerError.self) {
            _ = try await t.ledger.trialBalance(TestLedger.admin, from: day("2026-12-01"), to: day("2027-01-31"))
        }
    }

    @Test func aFiscalYearThatStartsInJuly() async throws {
        let t = try await TestLedger(year: 2026, fiscalYearStart: 7)
        defer { t.remove() }
        let r = try await t.ledger.post(memo(t.expense, t.code(.bank), 5_00, date: "2027-01-15"), to: TestLedger.admin)
        #expect(r.entry.year == 2026 && r.entry.period == 7)
        await #expect(throws: LedgerError.self) {
            try await t.ledger.post(memo(t.expense, t.code(.bank), 5_00, date: "2026-06-30"), to: TestLedger.admin)
        }
    }

    @Test func theDatabaseRefusesToEditOrDeleteAPostedEntry() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let e = try await t.ledger.post(memo(t.expense, t.code(.bank), 5_00), to: TestLedger.admin).entry
        await #expect(throws: (any Error).self) {
            try await t.store.write { tx in try tx.markReversed(id: e.id, by: e.id); try tx.markReversed(id: e.id, by: e.id) }
        }
        #expect(try await t.ledger.entry(e.number, in: TestLedger.admin).reversedBy == nil)
    }
}

@Suite struct BatchPostingTests {
    @Test func aKeyRepeatedInsideOneBatchIsAReplay() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let draft = salesInvoice(t, net: 100_00, invoice: "F1", reference: "INV-1")
        let results = try await t.ledger.post([draft, draft], to: TestLedger.admin)
        #expect(results.map(\.created) == [true, false])
        #expect(results[0].entry == results[1].entry)
        #expect(try await t.counts()["entry"] == 1)
        let next = try await t.ledger.post(memo(t.expense, t.code(.bank), 1_00), to: TestLedger.admin)
        #expect(next.entry.number == 2)
    }
}
