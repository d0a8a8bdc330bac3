import Core
import Foundation
import Ledger
import Reporting
import Store
import Testing
import TestSupport

/// The Dutch VAT return from constructed totals (each kind of code into its box) and from real postings.
@Suite struct VATReturnTests {
    static func codes() throws -> [VATCode] {
        try ChartLoader.load(directory: TestLedger.baseChartDirectory).vatCodes
    }

    static let q1 = (try! LocalDate(parsing: "2026-01-01"), try! LocalDate(parsing: "2026-03-31"))

    @Test func everyKindOfCodeFeedsItsBoxAndTheFilingRoundsInTheFilersFavour() throws {
        let builder = VATReturnBuilder(codes: try Self.codes(), currency: .eur)
        let totals = [
            VATTotal(code: "V21", relation: "C1", base: -1_000_99, vat: -210_21),     // sales high: credit
            VATTotal(code: "V9", relation: "C1", base: -200_00, vat: -18_00),
            VATTotal(code: "V0", relation: "C1", base: -50_00, vat: 0),
            VATTotal(code: "VICP", relation: "C2", base: -700_00, vat: 0),           // intra-EU supply
            VATTotal(code: "VICP", relation: "C3", base: -300_00, vat: 0),           // no VAT number on file
            VATTotal(code: "IVL", relation: "S1", base: 100_00, vat: 21_00),          // domestic reverse charge
            VATTotal(code: "IEU", relation: "S2", base: 400_00, vat: 84_00),          // acquisition from the EU
            VATTotal(code: "I21", relation: "S1", base: 300_00, vat: 63_50),          // input VAT
        ]
        let relations = [Relation(number: "C2", name: "Kunde GmbH", kind: .customer, vatNumber: "DE123456789"),
                         Relation(number: "C3", name: "Client SA", kind: .customer)]
        let v = builder.build(administration: "a", currency: .eur, from: Self.q1.0, to: Self.q1.1, totals: totals,
                              relations: relations)
        #expect(v.box("1a") == .init(id: "1a", label: v.box("1a")!.label, turnover: 1_000_99, vat: 210_21,
                                     filedTurnover: 1_000, filedVAT: 210))
        #expect(v.box("1b")?.turnover == 200_00 && v.box("1b")?.vat == 18_00)
        #expect(v.box("1e")?.turnover == 50_00 && v.box("1e")?.vat == nil)
        #expect(v.box("3b")?.turnover == 1_000_00)
        #expect(v.box("2a")?.turnover == 100_00 && v.box("2a")?.vat == 21_00)
        #expect(v.box("4b")?.turnover == 400_00 && v.box("4b")?.vat == 84_00)
        #expect(v.box("5a")?.vat == Int64(210_21 + 18_00 + 21_00 + 84_00))
        #expect(v.box("5b")?.vat == Int64(21_00 + 84_00 + 63_50))  // reverse charge is deducted again
        #expect(v.payable == 210_21 + 18_00 - 63_50)
        // Whole euros: output rounded down per box (210 + 18 + 21 + 84), input rounded up (168.50 → 169).
        #expect(v.box("5a")?.filedVAT == 333 && v.box("5b")?.filedVAT == 169 && v.filedPayable == 164)
        #expect(v.icp.map(\.relation) == ["C2", "C3"] && v.icp.map(\.amount) == [700_00, 300_00])
        #expect(v.icp[0].vatNumber == "DE123456789" && v.icp[0].country == "DE")
        #expect(v.warnings.count == 1 && v.warnings[0].contains("C3 Client SA") && v.warnings[0].contains("VAT number"))
    }

    @Test func aRefundIsNegativeAndRoundsAwayFromTheTaxOffice() throws {
        let builder = VATReturnBuilder(codes: try Self.codes(), currency: .eur)
        let v = builder.build(administration: "a", currency: .eur, from: Self.q1.0, to: Self.q1.1,
                              totals: [VATTotal(code: "I21", relation: "", base: 1_000_00, vat: 210_40),
                                       VATTotal(code: "V21", relation: "", base: -100_50, vat: -21_11)],
                              relations: [])
        #expect(v.payable == 21_11 - 210_40)
        #expect(v.filedPayable == 21 - 211)
    }

    @Test func postedInvoicesReachTheReturnAndTheICPListingThroughTheLedger() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        try await t.ledger.save(Relation(number: "EU1", name: "Kunde GmbH", kind: .customer, vatNumber: "DE999999999"),
                                in: TestLedger.admin)
        _ = try await t.ledger.post(salesInvoice(t, net: 1_000_00, date: "2026-02-10", invoice: "F1"), to: TestLedger.admin)
        _ = try await t.ledger.post(salesInvoice(t, net: 500_00, date: "2026-04-10", invoice: "F2"), to: TestLedger.admin)
        _ = try await t.ledger.post(EntryDraft(journal: "VK", date: day("2026-03-05"), description: "ICP", lines: [
            EntryLineDraft(account: t.code(.receivables), amount: 800_00, relation: "EU1", invoice: "F3"),
            EntryLineDraft(account: t.revenue, amount: -800_00, vatCode: "VICP"),
        ]), to: TestLedger.admin)
        let v = try await ReportService(ledger: t.ledger).vatReturn(TestLedger.admin, from: Self.q1.0, to: Self.q1.1)
        #expect(v.box("1a")?.turnover == 1_000_00 && v.box("1a")?.vat == 210_00)
        #expect(v.box("3b")?.turnover == 800_00)
        #expect(v.icp == [.init(relation: "EU1", name: "Kunde GmbH", vatNumber: "DE999999999", country: "DE", amount: 800_00)])
        #expect(v.payable == 210_00)
        // The maintained totals equal a reading of the lines themselves.
        let fromLines = try await t.store.read { tx in try tx.vatTotalsFromLines(TestLedger.admin) }
        let maintained = try await t.store.read { tx in try tx.vatTotals(TestLedger.admin) }
        #expect(Set(fromLines) == Set(maintained))
        await #expect(throws: LedgerError.self) {
            try await ReportService(ledger: t.ledger).vatReturn(TestLedger.admin, from: day("2026-01-15"), to: Self.q1.1)
        }
    }
}
