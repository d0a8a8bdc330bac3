import Core
import Foundation
import Ledger
import Testing
import TestSupport

/// Every rule enforced at posting, as a table of bad entries. Each must fail with its code and the field it names,
/// and must write nothing (checked in the database).
@Suite struct PostingRejectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var code: String
        var location: String
        var message: String
        var setup: @Sendable (TestLedger) async throws -> Void = { _ in }
        var draft: @Sendable (TestLedger) -> EntryDraft

        var testDescription: String { name }
    }

    static let usd = try! CurrencyCode("USD")

    static let cases: [Case] = [
        Case(name: "unbalanced", code: "unbalanced", location: "lines",
             message: "debits 100.00, credits 99.00, difference 1.00 EUR") { t in
            EntryDraft(journal: "MEM", date: day("2026-03-15"), description: "x", lines: [
                EntryLineDraft(account: t.expense, amount: 100_00), EntryLineDraft(account: t.code(.bank), amount: -99_00)])
        },
        Case(name: "unknown account", code: "unknown-account", location: "lines[1].account",
             message: "account 99999 does not exist in administration acme") { t in
            memo(t.expense, "99999", 10_00)
        },
        Case(name: "inactive account", code: "inactive-account", location: "lines[0].account", message: "is inactive") { t in
            memo(t.inactiveAccount, t.code(.bank), 10_00)
        },
        Case(name: "closed period", code: "period-closed", location: "date", message: "period 2026-03 is closed",
             setup: { t in try await t.ledger.setPeriod(.closed, year: 2026, period: 3, in: TestLedger.admin) }) { t in
            memo(t.expense, t.code(.bank), 10_00)
        },
        Case(name: "locked period", code: "period-locked", location: "date", message: "period 2026-03 is locked",
             setup: { t in try await t.ledger.setPeriod(.locked, year: 2026, period: 3, in: TestLedger.admin) }) { t in
            memo(t.expense, t.code(.bank), 10_00)
        },
        Case(name: "no fiscal year", code: "no-fiscal-year", location: "date", message: "no fiscal year 2030") { t in
            memo(t.expense, t.code(.bank), 10_00, date: "2030-01-02")
        },
        Case(name: "receivable without relation", code: "missing-relation", location: "lines[0].relation",
             message: "receivables control account; name the customer") { t in
            memo(t.code(.receivables), t.revenue, 10_00)
        },
        Case(name: "payable without relation", code: "missing-relation", location: "lines[1].relation",
             message: "payables control account; name the supplier") { t in
            memo(t.expense, t.code(.payables), 10_00)
        },
        Case(name: "unknown relation", code: "unknown-relation", location: "lines[0].relation",
             message: "relation C999 does not exist") { t in
            salesInvoice(t, net: 100_00, invoice: "F1", relation: "C999")
        },
        Case(name: "supplier on receivables", code: "relation-kind", location: "lines[0].relation",
             message: "relation S1 is a supplier, not a customer") { t in
            salesInvoice(t, net: 100_00, invoice: "F1", relation: "S1")
        },
        Case(name: "foreign currency without rate", code: "missing-rate", location: "lines[1].rate",
             message: "a line in USD needs the exchange rate to EUR") { t in
            EntryDraft(journal: "IK", date: day("2026-03-15"), description: "x", lines: [
                EntryLineDraft(account: t.expense, amount: 92_00),
                EntryLineDraft(account: t.code(.payables), amount: -100_00, currency: usd, baseAmount: -92_00,
                               relation: "S1", invoice: "US1")])
        },
        Case(name: "foreign currency without base amount", code: "missing-base-amount", location: "lines[1].baseAmount",
             message: "needs its amount in EUR") { t in
            EntryDraft(journal: "IK", date: day("2026-03-15"), description: "x", lines: [
                EntryLineDraft(account: t.expense, amount: 92_00),
                EntryLineDraft(account: t.code(.payables), amount: -100_00, currency: usd,
                               rate: DecimalNumber(mantissa: 92, scale: 2), relation: "S1", invoice: "US1")])
        },
        Case(name: "foreign currency with a wrong base amount", code: "base-amount-mismatch",
             location: "lines[1].baseAmount", message: "-100.00 USD at 0.92 is -92.00 EUR, not -90.00") { t in
            EntryDraft(journal: "IK", date: day("2026-03-15"), description: "x", lines: [
                EntryLineDraft(account: t.expense, amount: 90_00),
                EntryLineDraft(account: t.code(.payables), amount: -100_00, currency: usd,
                               rate: DecimalNumber(mantissa: 92, scale: 2), baseAmount: -90_00, relation: "S1",
                               invoice: "US1")])
        },
        Case(name: "unknown journal", code: "unknown-journal", location: "journal", message: "journal 'XX' does not exist") { t in
            var d = memo(t.expense, t.code(.bank), 10_00)
            d.journal = "XX"
            return d
        },
        Case(name: "one line", code: "too-few-lines", location: "lines", message: "at least two lines") { t in
            EntryDraft(journal: "MEM", date: day("2026-03-15"), description: "x",
                       lines: [EntryLineDraft(account: t.expense, amount: 0)])
        },
        Case(name: "zero amount", code: "zero-amount", location: "lines[2].amount", message: "amount is zero") { t in
            var d = memo(t.expense, t.code(.bank), 10_00)
            d.lines.append(EntryLineDraft(account: t.expense, amount: 0))
            return d
        },
        Case(name: "no description", code: "missing-field", location: "description", message: "no description") { t in
            var d = memo(t.expense, t.code(.bank), 10_00)
            d.description = "  "
            return d
        },
        Case(name: "unknown VAT code", code: "unknown-vat-code", location: "lines[0].vatCode",
             message: "VAT code X99 does not exist") { t in
            var d = memo(t.expense, t.code(.bank), 10_00)
            d.lines[0].vatCode = "X99"
            return d
        },
        Case(name: "VAT code out of its validity", code: "vat-code-not-valid", location: "lines[1].vatCode",
             message: "VAT code V6 is not valid on 2026-03-10 (it ended on 2018-12-31)") { t in
            var d = salesInvoice(t, net: 100_00, invoice: "F1")
            d.lines[1].vatCode = "V6"
            return d
        },
        Case(name: "VAT amount off", code: "vat-amount-mismatch", location: "lines[1].vatAmount",
             message: "21% of -100.00 is -21.00, not -25.00") { t in
            var d = salesInvoice(t, net: 100_00, invoice: "F1")
            d.lines[1].vatAmount = -25_00
            return d
        },
        Case(name: "unknown cost centre", code: "unknown-cost-centre", location: "lines[0].costCentre",
             message: "cost centre NOPE does not exist") { t in
            memo(t.expense, t.code(.bank), 10_00, costCentre: "NOPE")
        },
        Case(name: "inactive cost centre", code: "inactive-cost-centre", location: "lines[0].costCentre",
             message: "cost centre OLD is inactive") { t in
            memo(t.expense, t.code(.bank), 10_00, costCentre: "OLD")
        },
        Case(name: "source without reference", code: "missing-field", location: "reference",
             message: "needs both source and reference") { t in
            var d = memo(t.expense, t.code(.bank), 10_00)
            d.source = "crm"
            return d
        },
        Case(name: "due date before the entry", code: "invalid-due-date", location: "lines[0].dueDate",
             message: "the due date 2026-03-01 is before the entry date 2026-03-10") { t in
            var d = salesInvoice(t, net: 100_00, invoice: "F1")
            d.lines[0].dueDate = day("2026-03-01")
            return d
        },
    ]

    @Test(arguments: cases)
    func rejectsAndWritesNothing(_ c: Case) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        try await t.setup(c)
        let before = try await t.counts()
        do {
            _ = try await t.ledger.post(c.draft(t), to: TestLedger.admin)
            Issue.record("\(c.name): the entry was accepted")
        } catch let error as LedgerError {
            #expect(error.code == c.code)
            #expect(error.location == c.location)
            #expect(error.message.contains(c.message), "\(error.message)")
        }
        #expect(try await t.counts() == before)
    }

    @Test func aRejectedEntryInABatchRollsBackTheWholeBatch() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let before = try await t.counts()
        let good = salesInvoice(t, net: 100_00, invoice: "F1")
        var bad = memo(t.expense, t.code(.bank), 10_00)
        bad.lines[1].amount = -9_00
        await #expect(throws: LedgerError.self) { try await t.ledger.post([good, good, bad], to: TestLedger.admin) }
        do {
            _ = try await t.ledger.post([good, bad], to: TestLedger.admin)
        } catch let error as LedgerError {
            #expect(error.location == "entries[1].lines")
        }
        #expect(try await t.counts() == before)
    }
}

extension TestLedger {
    func setup(_ c: PostingRejectionTests.Case) async throws { try await c.setup(self) }
}
