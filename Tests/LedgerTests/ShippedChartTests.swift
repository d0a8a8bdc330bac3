import Core
import Foundation
import Ledger
import Store
import Testing
import TestSupport

/// The chart in templates/base: complete, consistent, grounded in RGS MKB 3.7; and the demo built on it.
@Suite struct ShippedChartTests {
    static var baseDirectory: String { TestLedger.projectRoot + "/templates/base" }

    @Test func loadsWithoutProblems() throws {
        let chart = try ChartLoader.load(directory: Self.baseDirectory)
        #expect((200...400).contains(chart.accounts.count))
        #expect(chart.problems().isEmpty)
        let codes = Set(chart.accounts.map(\.code))
        for role in ControlRole.allCases {
            let account = try #require(chart.account(for: role), "no account for control role \(role.rawValue)")
            #expect(account.active)
        }
        for vat in chart.vatCodes {
            for code in [vat.payableAccount, vat.receivableAccount].compactMap({ $0 }) {
                #expect(codes.contains(code), "VAT code \(vat.code) names account \(code)")
            }
            if !vat.rate.isZero && vat.kind != .exempt {
                #expect(vat.payableAccount != nil || vat.receivableAccount != nil, "VAT code \(vat.code) posts nowhere")
            }
        }
        for account in chart.accounts where account.vatCode != nil {
            #expect(chart.vatCodes.contains { $0.code == account.vatCode }, "account \(account.code)")
        }
        // The Dutch return boxes a small business files.
        let boxes = Set(chart.vatCodes.compactMap(\.box))
        for box in ["1a", "1b", "1c", "1d", "1e", "2a", "3a", "3b", "4a", "4b", "5b"] {
            #expect(boxes.contains(box), "no VAT code feeds box \(box)")
        }
    }

    static let rgsFile = TestLedger.projectRoot + "/../shared/data/rgs/rgs_mkb_3.7.csv"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: rgsFile),
                   "skipped: needs ../shared/data/rgs/rgs_mkb_3.7.csv, which is not there"))
    func everyAccountCarriesARealRGSCode() throws {
        let text = try String(contentsOfFile: Self.rgsFile, encoding: .utf8)
        var known: [String: (number: String, side: String)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            known[f[0]] = (f[1], f[5])
        }
        let chart = try ChartLoader.load(directory: Self.baseDirectory)
        for account in chart.accounts {
            let rgs = try #require(account.rgsCode, "account \(account.code) has no RGS code")
            let entry = try #require(known[rgs], "account \(account.code): RGS code \(rgs) is not in RGS MKB 3.7")
            #expect(entry.number == account.code, "account \(account.code) should carry RGS number \(entry.number)")
            #expect((entry.side == "D") == (account.normalSide == .debit), "account \(account.code) normal side")
        }
    }

    @Test func theDemoPostsOnlyValidEntries() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let chart = try ChartLoader.load(directory: Self.baseDirectory)
        let report = try await DemoGenerator(ledger: t.ledger, chart: chart).run(
            .init(administrations: 3, seed: 99, year: 2026, through: day("2026-11-22")))
        #expect(report.administrations == ["mkb-0001", "landbouw-0001", "horeca-0001"])
        #expect(report.entries > 1_000)
        for admin in report.administrations {
            let tb = try await t.ledger.trialBalance(admin, from: day("2026-01-01"), to: day("2026-12-31"))
            #expect(tb.totalDebit == tb.totalCredit && tb.totalClosing == 0)
            let maintained = try await t.store.read { tx in try tx.allBalances(admin) }
            let summed = try await t.store.read { tx in try tx.balancesFromLines(admin) }
            #expect(Set(maintained) == Set(summed))
            let entries = try await t.ledger.entries(admin)
            #expect(entries.allSatisfy { $0.lines.reduce(0) { $0 + $1.amount } == 0 })
            #expect(entries.contains { $0.lines.contains { $0.currency != nil } }, "no foreign-currency entry")
            #expect(entries.contains { $0.journal == "LON" }, "no payroll")
            let items = try await t.ledger.openItems(admin, today: day("2026-11-22"))
            #expect(items.items.contains { $0.item.isPartlySettled }, "no partial settlement")
            // VAT settled quarterly: the settlement account is back to zero after each payment.
            let vat = tb.rows.first { $0.account == chart.account(for: .vatSettlement)!.code }
            #expect(vat == nil || vat!.closing == 0 || vat!.closing < 0)
            #expect(try await t.ledger.bankLines(admin, unprocessedOnly: true).count > 0)
        }
        // Deterministic: the same seed gives the same books.
        let again = try await TestLedger()
        defer { again.remove() }
        _ = try await DemoGenerator(ledger: again.ledger, chart: chart).run(
            .init(administrations: 1, seed: 99, year: 2026, through: day("2026-11-22")))
        let a = try await t.ledger.entries("mkb-0001").map { $0.lines }
        let b = try await again.ledger.entries("mkb-0001").map { $0.lines }
        #expect(a == b)
    }
}
