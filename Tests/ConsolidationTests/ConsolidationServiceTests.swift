import Consolidation
import Core
import Foundation
import Ledger
import Reporting
import Testing
import TestSupport

/// Consolidations read from real books: SQLite ledgers, a group file in the template repository, stored rates.
@Suite struct ConsolidationServiceTests {
    // Base-chart accounts: bank, a financial fixed asset as the investment, share capital, other debts, revenue, cost.
    static let bank = "10201", investment = "04701", capital = "05011", debts = "08701"

    /// The IFRScommunity IAS 21 example (see WorkedExampleTests) booked as entries: A (EUR) and X (USD), rates stored
    /// as `rate set` would, the group file from the template repository.
    @Test func theTranslationExampleFromTheBooks() async throws {
        let g = try GroupBooks()
        defer { g.remove() }
        let revenue = g.chart.accounts.first { $0.type == .revenue && $0.rgsCode?.hasPrefix("WOmz") == true }!.code
        let cost = g.chart.accounts.first { $0.type == .expense && $0.rgsCode?.hasPrefix("WBed") == true }!.code
        try await g.administration("a", currency: "EUR", year: 2021)
        try await g.administration("x", currency: "USD", year: 2021)
        try await g.post("a", "2021-01-01", [(Self.investment, 1818.18), (Self.bank, 7000), (Self.capital, -3000),
                                             (Self.debts, -5818.18)], kind: .opening)
        try await g.post("a", "2021-06-30", [(Self.bank, 2500), (revenue, -2500)])
        try await g.post("a", "2021-09-30", [(cost, 1500), (Self.bank, -1500)])
        try await g.post("x", "2021-01-01", [(Self.bank, 5000), (Self.capital, -2000), (Self.debts, -3000)], kind: .opening)
        try await g.post("x", "2021-06-30", [(Self.bank, 1000), (revenue, -1000)])
        try await g.post("x", "2021-09-30", [(cost, 700), (Self.bank, -700)])
        try await g.commitGroups(["ax": """
            name: ax
            title: A and X
            currency: EUR
            parent: a
            members:
              - administration: x
                ownership: 100
                investment: "\(Self.investment)"
                acquired: 2021-01-01
            """])
        try await g.service.setRate(pair: "EUR/USD", period: "2020-12", closing: rate("1.1"), average: nil, historical: nil)
        try await g.service.importRates("pair,period,closing,average,historical\nEUR/USD,2021,1.3,1.2,\n", file: "rates.csv")

        let c = try await g.service.consolidate("ax", range: day("2021-01-01")...day("2021-12-31"))
        func whole(_ account: String, _ column: String = "total") -> Int64 {
            let minor = c.closing.balances[column]?[account] ?? 0
            return (minor + (minor >= 0 ? 50 : -50)) / 100
        }
        #expect(whole(Self.bank) == 12077 && whole(Self.investment) == 0)
        #expect(whole(Self.capital) == -3000 && whole(Self.debts) == -8126)
        #expect(whole(revenue) == -3333 && whole(cost) == 2083)
        #expect(whole(Self.bank, "x") == 4077)
        let t = try #require(c.closing.translations.first)
        #expect((t.reserve - 50) / 100 == -299 && (t.fromOpeningNetAssets - 50) / 100 == -280)
        #expect((t.fromMovements - 50) / 100 == -19)
        // The statements on the base template's layouts: the balance sheet balances in every column's total.
        let bs = try #require(c.reports.first { $0.kind == .balanceSheet })
        let total = c.columns.firstIndex(of: "total")!
        #expect((bs.amount("total-assets", column: total)! + 50) / 100 == 12077)
        let pl = try #require(c.reports.first { $0.kind == .profitAndLoss })
        #expect(pl.columns.count == c.columns.count)
        #expect((c.ownersResult + 50) / 100 == 1250 && c.nonControllingResult == 0)
    }

    @Test(arguments: [
        ("pair,period,closing\n", "line 1: the header"),
        ("pair,period,closing,average,historical\nEURNOK,2026-12,11.7,,\n", "line 2, pair 'EURNOK'"),
        ("pair,period,closing,average,historical\nEUR/NOK,2026-13,11.7,,\n", "line 2, period '2026-13'"),
        ("pair,period,closing,average,historical\nEUR/NOK,2026-12,11,7,,\n", "line 2: expected 5 fields"),
        ("pair,period,closing,average,historical\nEUR/NOK,2026-12,abc,,\n", "line 2, field closing"),
        ("pair,period,closing,average,historical\nEUR/NOK,2026-11,11.7,,\nEUR/NOK,2026-12,-1,,\n", "line 3, closing rate must be positive"),
        ("pair,period,closing,average,historical\nEUR/EUR,2026-12,1,,\n", "names one currency twice"),
        ("pair,period,closing,average,historical\nEUR/NOK,2026-12,,,\n", "at least one of closing"),
    ])
    func badRateFilesAreRefusedWhole(_ text: String, _ message: String) async throws {
        let g = try GroupBooks()
        defer { g.remove() }
        await #expect {
            try await g.service.importRates(text, file: "rates.csv")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("rates.csv")
        }
        #expect(try await g.service.rates().isEmpty)
    }
}

func rate(_ text: String) -> DecimalNumber { try! DecimalNumber(parsing: text, field: "rate") }
