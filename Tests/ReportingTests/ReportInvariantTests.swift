import Core
import Foundation
import Ledger
import Reporting
import Store
import Testing
import TestSupport

/// On generated administrations of every cluster, month by month and quarter by quarter: the balance sheet
/// balances, the P&L result is the balance sheet's result, the cash flow adds up exactly to the change in cash, and
/// the VAT return's payable is the movement on the VAT accounts.
@Suite struct ReportInvariantTests {
    @Test func reportsAgreeWithEachOtherAndWithTheLedgerOnGeneratedAdministrations() async throws {
        let demo = try await DemoWorkspace(administrations: 9, seed: 11)
        defer { demo.remove() }
        let service = ReportService(ledger: demo.ledger)
        var checked = 0
        for admin in demo.administrations {
            let accounts = try await demo.ledger.accounts(admin)
            let cash = Set(accounts.filter { $0.rgsCode?.hasPrefix("BLim") == true }.map(\.code))
            #expect(!cash.isEmpty)
            for month in 1...12 {
                let first = try LocalDate(year: 2026, month: month, day: 1)
                let range = first...first.lastOfMonth
                let bs = try #require(try await service.reports(admin, kind: .balanceSheet, range: range,
                                                                columns: [.priorPeriod]).first)
                for column in bs.columns.indices where bs.columns[column].available {
                    #expect(bs.amount("total-assets", column: column) == bs.amount("total-liabilities", column: column),
                            "\(admin) \(month): the balance sheet does not balance")
                }
                let pl = try #require(try await service.reports(admin, kind: .profitAndLoss, range: range,
                                                                columns: [.yearToDate]).first)
                #expect(pl.amount("result", column: 1) == bs.amount("current-year-result"),
                        "\(admin) \(month): P&L year to date differs from the balance sheet's result")
                let cf = try #require(try await service.reports(admin, kind: .cashFlow, range: range).first)
                let tb = try await demo.ledger.trialBalance(admin, from: range.lowerBound, to: range.upperBound)
                let cashMovement = tb.rows.filter { cash.contains($0.account) }.reduce(0) { $0 + $1.debit - $1.credit }
                #expect(cf.amount("net-cash-flow") == cashMovement, "\(admin) \(month): cash flow does not add up")
                #expect(cf.amount("cash-change") == cashMovement)
                // KPIs read balances at the period's end: their equity and assets are the balance sheet's.
                let kpi = try #require(try await service.reports(admin, kind: .kpi, layout: "kpi", range: range).first)
                #expect(kpi.amount("equity") == bs.amount("equity") && kpi.amount("total-assets") == bs.amount("total-assets"),
                        "\(admin) \(month): KPI balances differ from the balance sheet")
                #expect(kpi.amount("result") == pl.amount("result"))
                checked += 1
            }
            try await checkVATReturns(admin, service: service, ledger: demo.ledger, accounts: accounts)
        }
        #expect(checked == 9 * 12)
    }

    /// Per quarter: the payable equals minus the movement on every VAT code's account, leaving out the return's
    /// own settlement entries; and equals what the demo settled.
    func checkVATReturns(_ admin: String, service: ReportService, ledger: LedgerService, accounts: [Account]) async throws {
        let codes = try await ledger.reportSetup(admin).vatCodes
        let vatAccounts = Set(codes.flatMap { [$0.payableAccount, $0.receivableAccount].compactMap { $0 } })
        let settlement = try #require(accounts.first { $0.control == .vatSettlement }?.code)
        let entries = try await ledger.entries(admin)
        for quarter in 1...4 {
            let from = try LocalDate(year: 2026, month: quarter * 3 - 2, day: 1)
            let to = from.adding(months: 2).lastOfMonth
            let vat = try await service.vatReturn(admin, from: from, to: to)
            var movement: Int64 = 0, settled: Int64 = 0, filed = false
            for e in entries where e.date >= from && e.date <= to {
                if e.lines.contains(where: { $0.account == settlement }) {
                    if e.journal == "MEM" {
                        filed = true
                        settled -= e.lines.filter { $0.account == settlement }.reduce(0) { $0 + $1.amount }
                    }
                    continue
                }
                movement += e.lines.filter { vatAccounts.contains($0.account) }.reduce(0) { $0 + $1.amount }
            }
            #expect(vat.payable == -movement, "\(admin) Q\(quarter): VAT return \(vat.payable) vs accounts \(-movement)")
            // The demo leaves some returns unfiled for the monitor; the filed ones settled exactly the return.
            if filed { #expect(vat.payable == settled, "\(admin) Q\(quarter): VAT return \(vat.payable) vs settled \(settled)") }
            #expect(vat.box("5g")?.vat == vat.payable)
            #expect(vat.box("5c")?.vat == (vat.box("5a")?.vat ?? 0) - (vat.box("5b")?.vat ?? 0))
        }
    }
}
