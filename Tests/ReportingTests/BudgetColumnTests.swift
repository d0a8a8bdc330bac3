import Core
import Ledger
import Reporting
import Testing
import TestSupport

/// The budget column: the range's budget amounts on a profit and loss, none on a balance sheet, empty where the
/// year has no budget.
@Suite struct BudgetColumnTests {
    @Test func aBudgetColumnShowsTheRangesBudgetOnTheProfitAndLossOnly() async throws {
        let demo = try await DemoWorkspace(administrations: 2, seed: 4, through: day("2026-11-20"))
        defer { demo.remove() }
        let admin = demo.administrations[1]
        let service = ReportService(ledger: demo.ledger)
        let q3 = day("2026-07-01")...day("2026-09-30")
        let before = try await service.reports(admin, kind: .profitAndLoss, range: q3, columns: [.budget])[0]
        // The second demo administration has no budget (the demo budgets every third one, from the first).
        #expect(before.columns[1].available == false && before.row("revenue")?.values[1] == .missing)
        try await demo.ledger.setBudgets([("80301", day("2026-07-01"), -1_000_00), ("80301", day("2026-08-01"), -2_000_00),
                                          ("80301", day("2026-10-01"), -9_000_00), ("40110", day("2026-09-01"), 500_00)],
                                         in: admin)
        let pl = try await service.reports(admin, kind: .profitAndLoss, range: q3, columns: [.budget])[0]
        #expect(pl.amount("revenue", column: 1) == 3_000_00)  // October is outside the range
        #expect(pl.amount("personnel-costs", column: 1) == 500_00)
        #expect(pl.amount("result", column: 1) == 2_500_00)
        let bs = try await service.reports(admin, kind: .balanceSheet, range: q3, columns: [.budget])[0]
        #expect(bs.columns[1].available == false && bs.row("total-assets")?.values[1] == .missing)
    }
}
