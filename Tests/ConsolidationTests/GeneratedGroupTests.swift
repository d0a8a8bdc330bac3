import Consolidation
import Core
import Reporting
import Testing
import TestSupport

/// A generated group of 50 entities in EUR, NOK and USD: the consolidated balance sheet balances in every period.
@Suite struct GeneratedGroupTests {
    @Test func fiftyEntitiesInThreeCurrenciesBalanceEveryMonth() async throws {
        let g = try GroupBooks()
        defer { g.remove() }
        let ids = try await GroupDemo(members: 49).generate(in: g.workspace, chart: g.chart)
        #expect(ids.count == 50)
        let currencies = Set(try await g.ledger.administrations().map(\.currency.code))
        #expect(currencies == ["EUR", "NOK", "USD"])
        var sawTranslation = false, sawNCI = false, sawGoodwill = false
        let months = try (1...12).map { month in
            let start = try LocalDate(year: 2026, month: month, day: 1)
            return start...start.lastOfMonth
        }
        for c in try await g.service.consolidate("demo-group", ranges: months) {
            let start = c.from
            let bs = try #require(c.reports.first { $0.kind == .balanceSheet })
            for (index, column) in c.columns.enumerated() where column == "total" {
                let assets = try #require(bs.amount("total-assets", column: index))
                let liabilities = try #require(bs.amount("total-liabilities", column: index))
                #expect(assets == liabilities, "\(start): assets \(assets), liabilities and equity \(liabilities)")
            }
            #expect(c.closing.adjustments.allSatisfy { $0.balances })
            sawTranslation = sawTranslation || c.closing.translations.contains { $0.reserve != 0 }
            sawNCI = sawNCI || c.closing.adjustments.contains { $0.kind == .nonControllingInterest }
            sawGoodwill = sawGoodwill || c.closing.adjustments.contains { $0.kind == .investment
                && $0.lines.contains { $0.account == "01401" && $0.amount > 0 } }
            // EUR members' intercompany invoices match to the cent; elsewhere what the rates make of them is reported.
            #expect(c.closing.mismatches.allSatisfy { m in currencyOf(m.counterparty, ids) != "EUR" || m.difference == 0 },
                    "\(c.closing.mismatches.filter { currencyOf($0.counterparty, ids) == "EUR" })")
            #expect(start.month < 3 || c.closing.adjustments.contains { $0.kind == .intercompanyBalance })
        }
        #expect(sawTranslation && sawNCI && sawGoodwill)
    }

    func currencyOf(_ key: String, _ ids: [String]) -> String {
        guard let index = ids.firstIndex(of: key) else { return "?" }
        return index == 0 ? "EUR" : ["EUR", "NOK", "USD"][index % 3]
    }
}
