import Core
import Foundation
import Ledger
import Store
import Testing
import TestSupport

/// The fixed-asset register: schedules that add up to the cent, depreciation runs posted once, catch-up of
/// closed periods, disposals with their book result, and a table of bad registrations.
@Suite struct FixedAssetTests {
    static func laptop(cost: Int64 = 3_600_00, acquired: String = "2026-02-15", code: String = "LAPTOP") -> FixedAsset {
        FixedAsset(code: code, description: "Laptops", acquired: day(acquired), cost: cost, lifeMonths: 36,
                   assetAccount: "02251", accumulatedAccount: "02255", expenseAccount: "43240", resultAccount: "43645")
    }

    @Test(arguments: [(1_000_00 as Int64, 7), (99_99, 36), (1, 12), (123_456_78, 60)])
    func straightLineSpreadsAddUpToTheCent(cost: Int64, months: Int) {
        var asset = Self.laptop(cost: cost)
        asset.lifeMonths = months
        let schedule = asset.schedule()
        #expect(schedule.count == months && schedule.reduce(0) { $0 + $1.amount } == cost)
        let amounts = schedule.map(\.amount)
        #expect(amounts.max()! - amounts.min()! <= 1)
        #expect(schedule.first?.month == day("2026-02-01") && schedule.last?.month == day("2026-02-01").adding(months: months - 1))
    }

    @Test func theTemplateSettingDecidesTheFirstMonth() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        _ = try await t.workspace.createAdministration(id: "m", name: "M", cluster: "mkb", openYear: 2026)
        // mkb inherits fixed-assets.depreciation-start: month-after-purchase from base; acme has no such setting.
        #expect(try await t.ledger.depreciationStart(for: day("2026-06-15"), in: "m") == day("2026-07-01"))
        #expect(try await t.ledger.depreciationStart(for: day("2026-06-15"), in: TestLedger.admin) == day("2026-06-01"))
        var asset = Self.laptop()
        asset.depreciationStart = day("2026-01-01")
        #expect(asset.problems().map(\.field) == ["depreciationStart"])
        let later = FixedAsset(code: "X", description: "X", acquired: day("2026-06-15"), depreciationStart: day("2026-07-20"),
                               cost: 1_200_00, lifeMonths: 12, assetAccount: "02251", accumulatedAccount: "02255",
                               expenseAccount: "43240", resultAccount: "43645")
        #expect(later.schedule().first?.month == day("2026-07-01") && later.schedule().count == 12)
    }

    @Test func decliningBalanceStopsAtTheResidualValue() {
        var van = Self.laptop(cost: 25_000_00)
        van.residual = 5_000_00
        van.lifeMonths = 60
        van.method = .decliningBalance(rate: DecimalNumber(mantissa: 20, scale: 0))
        let schedule = van.schedule()
        #expect(schedule[0].amount == 416_66)  // 25,000 × 20% / 12
        #expect(schedule[1].amount < schedule[0].amount)
        #expect(schedule.reduce(0) { $0 + $1.amount } == 20_000_00)
        #expect(schedule.allSatisfy { $0.amount >= 0 })
    }

    @Test func aRunPostsEachMonthOnceAndCatchesUpClosedPeriods() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let admin = TestLedger.admin
        _ = try await t.ledger.post(memo("02251", t.code(.bank), 3_600_00, date: "2026-02-15"), to: admin)
        try await t.ledger.addAsset(Self.laptop(), to: admin)
        for period in 2...4 { try await t.ledger.setPeriod(.closed, year: 2026, period: period, in: admin) }
        let run = try await t.ledger.depreciate(admin, through: day("2026-06-30"))
        // February to April are closed: caught up in May, with May's own month; then June.
        #expect(run.entries.map(\.date) == [day("2026-05-31"), day("2026-06-30")])
        #expect(run.entries.map { $0.lines.first { $0.account == "43240" }!.amount } == [400_00, 100_00])
        #expect(run.perAsset == ["LAPTOP": 500_00])
        #expect(try await t.ledger.depreciations(admin).map(\.period) == [2, 3, 4, 5, 6])
        let again = try await t.ledger.depreciate(admin, through: day("2026-06-30"))
        #expect(again.entries.isEmpty)
        let tb = try await t.ledger.trialBalance(admin, from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.rows.first { $0.account == "43240" }?.closing == 500_00)
        #expect(tb.rows.first { $0.account == "02255" }?.closing == -500_00)
    }

    @Test func aRunWithNoOpenPeriodWritesNothing() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let admin = TestLedger.admin
        try await t.ledger.addAsset(Self.laptop(), to: admin)
        for period in 2...6 { try await t.ledger.setPeriod(.closed, year: 2026, period: period, in: admin) }
        let before = try await t.counts()
        do {
            _ = try await t.ledger.depreciate(admin, through: day("2026-06-30"))
            Issue.record("depreciation was posted into closed periods")
        } catch let error as LedgerError {
            #expect(error.code == "period-closed" && error.message.contains("2026-02") && error.location == "through")
        }
        #expect(try await t.counts() == before)
    }

    @Test func aDisposalCatchesUpDepreciationAndBooksTheResult() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let admin = TestLedger.admin, bank = t.code(.bank)
        _ = try await t.ledger.post(memo("02251", bank, 3_600_00, date: "2026-02-15"), to: admin)
        try await t.ledger.addAsset(Self.laptop(), to: admin)
        _ = try await t.ledger.depreciate(admin, through: day("2026-06-30"))
        let entry = try await t.ledger.dispose("LAPTOP", in: admin, on: day("2026-08-10"), proceeds: 3_000_00,
                                               proceedsAccount: bank)
        // 7 months of 100.00 depreciated, book value 2,900.00, sold for 3,000.00: a gain of 100.00.
        #expect(Set(entry.lines.map { "\($0.account) \($0.amount)" }) == ["02255 70000", "02251 -360000", "\(bank) 300000", "43645 -10000"])
        let august = try await t.ledger.depreciations(admin).last
        #expect(august?.period == 8)
        let tb = try await t.ledger.trialBalance(admin, from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.rows.first { $0.account == "02251" }?.closing ?? 0 == 0)
        #expect(tb.rows.first { $0.account == "02255" }?.closing ?? 0 == 0)
        #expect(try await t.ledger.assets(admin).first?.disposed == day("2026-08-10"))
        // Nothing more after the disposal, and no second disposal.
        #expect(try await t.ledger.depreciate(admin, through: day("2026-12-31")).entries.isEmpty)
        await #expect(throws: LedgerError.self) {
            try await t.ledger.dispose("LAPTOP", in: admin, on: day("2026-09-01"), proceeds: 0, proceedsAccount: bank)
        }
    }

    /// Bad registrations: each refused naming the field, and nothing written.
    static let badRegistrations: [(name: String, field: String, message: String)] = [
        ("unknown account", "assetAccount", "does not exist"),
        ("expense on the balance sheet", "expenseAccount", "go to the profit and loss"),
        ("asset on the P&L", "assetAccount", "sit on the balance sheet"),
        ("zero cost", "cost", "more than zero"),
        ("residual above cost", "residual", "between zero and the cost"),
        ("no life", "lifeMonths", "1 to 1,200 months"),
        ("declining to zero", "residual", "never reaches zero"),
        ("duplicate code", "code", "already in the register"),
    ]

    static func broken(_ name: String) -> FixedAsset {
        var a = laptop()
        switch name {
        case "unknown account": a.assetAccount = "09999"
        case "expense on the balance sheet": a.expenseAccount = "02201"
        case "asset on the P&L": a.assetAccount = "43240"
        case "zero cost": a.cost = 0
        case "residual above cost": a.residual = a.cost + 1
        case "no life": a.lifeMonths = 0
        case "declining to zero": a.method = .decliningBalance(rate: DecimalNumber(mantissa: 20, scale: 0))
        default: a.code = "EXISTING"
        }
        return a
    }

    @Test(arguments: badRegistrations)
    func badRegistrationsAreRefused(_ bad: (name: String, field: String, message: String)) async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        try await t.ledger.addAsset(Self.laptop(code: "EXISTING"), to: TestLedger.admin)
        do {
            try await t.ledger.addAsset(Self.broken(bad.name), to: TestLedger.admin)
            Issue.record("\(bad.name) was accepted")
        } catch let error as LedgerError {
            #expect(error.location == bad.field && error.message.contains(bad.message), "\(bad.name): \(error)")
        }
        #expect(try await t.ledger.assets(TestLedger.admin).map(\.code) == ["EXISTING"])
    }
}
