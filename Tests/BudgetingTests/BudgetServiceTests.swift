import Budgeting
import Core
import Foundation
import GitSource
import Ledger
import Reporting
import Testing
import TestSupport

/// Budgets on real books: a demo administration's year, versions in SQLite, reports with budget columns.
@Suite struct BudgetServiceTests {
    @Test func budgetAgainstActualIsRightOnDemoData() async throws {
        let demo = try await DemoWorkspace(administrations: 1, seed: 4, year: 2026)
        defer { demo.remove() }
        let admin = demo.administrations[0]
        let service = BudgetService(workspace: demo.workspace)
        let record = try await service.create(admin, version: "2026 v1", year: 2026,
                                              seed: .actuals(year: 2026, factor: try DecimalNumber(parsing: "1.1", field: "f")), at: "t")
        #expect(record.active && record.basis == "actuals 2026 × 1.1")
        let quarter = day("2026-01-01")...day("2026-03-31")
        let reports = try await ReportService(ledger: demo.ledger).reports(admin, kind: .profitAndLoss, range: quarter, columns: [.budget])
        let pl = try #require(reports.first)
        #expect(pl.columns.map(\.kind) == [.period, .budget, .difference, .differencePercent])
        // Every line: budget = 110% of actual per account and month (rounded per account-month), difference = actual
        // − budget, and the percentage is the difference over the budget.
        var checked = 0
        for row in pl.rows {
            guard let actual = row.values[0].amount, let budget = row.values[1].amount, actual != 0 else { continue }
            // Selecting lines from their accounts (one cent of rounding per account and month), formula lines from
            // their total.
            let expected = row.accounts.isEmpty ? actual * 11 / 10 : row.accounts.reduce(Int64(0)) { $0 + $1.amounts[0] * 11 / 10 }
            #expect(abs(budget - expected) <= Int64(3 * max(row.accounts.count, 10)), "\(row.id): actual \(actual) budget \(budget)")
            #expect(row.values[2].amount == actual - budget)
            if case .number(let percent, .percent) = row.values[3] {
                #expect(abs(Double(percent.mantissa) / 10 - Double(actual - budget) * 100 / Double(abs(budget))) <= 0.1)
            } else { Issue.record("\(row.id) has no difference percentage") }
            checked += 1
        }
        #expect(checked >= 3)

        // CSV out and back in: the same amounts; a rolling forecast takes actuals before July and the budget after.
        let csv = try await service.exportCSV(admin, version: "2026 v1", year: 2026)
        try await service.importCSV(admin, version: "2026 v2", year: 2026, text: csv, file: "budget.csv", at: "t")
        let first = try await service.table(admin, version: "2026 v1", year: 2026)
        let second = try await service.table(admin, version: "2026 v2", year: 2026)
        #expect(first.rows.map(\.months) == second.rows.map(\.months) && !first.rows.isEmpty)
        try await service.forecast(admin, from: "2026 v1", year: 2026, start: day("2026-07-01"), as: "2026 forecast", at: "t")
        let forecast = try await service.table(admin, version: "2026 forecast", year: 2026)
        let actual = try await demo.workspace.store.read { tx in try tx.actualMonths(admin, year: 2026) }
        for row in forecast.rows {
            let credit = first.rows.first { $0.account == row.account }
            let sign: Int64 = (actual[row.account]?[0] ?? 0) != 0 && row.months[0] != 0 && (row.months[0] > 0) != ((actual[row.account]![0]) > 0) ? -1 : 1
            #expect(row.months[0] == sign * (actual[row.account]?[0] ?? 0), "\(row.account) January from actuals")
            #expect(row.months[8] == (credit?.months[8] ?? 0), "\(row.account) September from the budget")
        }
        // The monitor and reports compare with the version steered by; switching is one call.
        try await service.activate(admin, version: "2026 v2", year: 2026)
        #expect(try await service.versions(admin).first { $0.active }?.version == "2026 v2")
    }

    @Test(arguments: [
        ("account,name,1,2,3\n", "line 1: the header"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12,total\n99999,x,1,,,,,,,,,,,,1\n", "line 2, field account: 99999 is not in the chart"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12,total\nREV,x,1,2,3,4,5,6,7,8,9,10,11,12,99\n", "line 2, field total"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12\nREV,x,1,2,3,4,\"1,5\",6,7,8,9,10,11,12\n", "line 2, field 5: '1,5' is not an amount"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12\nREV,x,1,,,,,,,,,,,\nREV,x,1,,,,,,,,,,,\n", "line 3, field account: REV appears twice"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12\nBANK,x,1,,,,,,,,,,,\n", "line 2, field account: BANK is a balance-sheet account"),
        ("account,name,1,2,3,4,5,6,7,8,9,10,11,12\nREV,x,1,,,\n", "line 2: 6 fields, the header has 14"),
    ])
    func badBudgetFilesAreRefusedWhole(_ text: String, _ message: String) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let service = BudgetService(workspace: t.workspace)
        try await service.create(TestLedger.admin, version: "v1", year: 2026, seed: .empty, at: "t")
        let before = try await t.counts()
        let csv = text.replacingOccurrences(of: "REV", with: t.revenue).replacingOccurrences(of: "BANK", with: t.code(.bank))
        let message = message.replacingOccurrences(of: "REV", with: t.revenue).replacingOccurrences(of: "BANK", with: t.code(.bank))
        await #expect {
            try await service.importCSV(TestLedger.admin, version: "v1", year: 2026, text: csv, file: "budget.csv", at: "t")
        } throws: { error in
            "\(error)".contains("budget.csv") && "\(error)".contains(message)
        }
        #expect(try await t.counts() == before)
    }

    @Test func namedProfilesFromTheTemplateRepositorySpreadAPlan() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let profiles = "profiles:\n  summer: [1, 1, 1, 1, 2, 3, 4, 4, 2, 1, 1, 1]\n"
        try t.workspace.templates.commit([.write(path: "budgets/profiles.yaml", contents: Array(profiles.utf8))],
                                         message: "Profiles\n", author: GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000))
        let service = BudgetService(workspace: t.workspace)
        try await service.create(TestLedger.admin, version: "v1", year: 2026, seed: .empty, at: "t")
        let plan = try BudgetPlanFile.parse("rows:\n  - {account: \"\(t.revenue)\", formula: \"22000\", profile: summer}\n",
                                            file: "plan.yaml", version: "v1", year: 2026)
        let table = try await service.apply(plan, to: TestLedger.admin)
        let months = try #require(table.rows.first { $0.account == t.revenue }?.months)
        #expect(months.reduce(0, +) == 22_000_00 && months[6] == 4 * 1_000_00 && months[0] == 1_000_00)
        let unknown = try BudgetPlanFile.parse("rows:\n  - {account: \"\(t.revenue)\", formula: \"1\", profile: winter}\n",
                                               file: "plan.yaml", version: "v1", year: 2026)
        await #expect { try await service.apply(unknown, to: TestLedger.admin) } throws: { error in
            "\(error)".contains("profile 'winter' does not exist; profiles: flat, summer")
        }
    }

    @Test func aDriverModelFromTheTemplateRepositoryBecomesAVersion() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let revenue = t.revenue, wages = t.chart.accounts.first { $0.rgsCode?.hasPrefix("WPer") == true && $0.type == .expense }!.code
        let model = """
            drivers: {covers: 1000, price: 30, dso: 10, dpo: 30}
            lines:
              - {account: "\(revenue)", formula: "covers * price"}
              - {account: "\(wages)", formula: "covers * price * 0.35", payable: true}
            balance: {cash: "\(t.code(.bank))", receivables: "\(t.code(.receivables))", payables: "\(t.code(.payables))",
                      equity: "05253", accumulatedDepreciation: "01405"}
            opening: {cash: 5000}
            """
        try t.workspace.templates.commit([.write(path: "budgets/administrations/\(TestLedger.admin).yaml", contents: Array(model.utf8))],
                                         message: "Drivers\n", author: GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000))
        let service = BudgetService(workspace: t.workspace)
        let result = try await service.applyDrivers(TestLedger.admin, version: "2026 drivers", year: 2026, at: "t")
        #expect(result.balanceSheets.allSatisfy { $0.values.reduce(0, +) == 0 })
        let table = try await service.table(TestLedger.admin, version: "2026 drivers", year: 2026)
        let revenueRow = try #require(table.rows.first { $0.account == revenue })
        #expect(revenueRow.total == Int64(12 * 30_000_00), "\(revenueRow)")
        #expect(table.rows.first { $0.account == wages }?.months[0] == 10_500_00)
    }
}
