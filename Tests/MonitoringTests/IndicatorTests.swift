import Core
import Foundation
import Ledger
@testable import Monitoring
import Reporting
import Store
import Testing
import TestSupport

/// Every indicator on a constructed administration: its value and the exact items behind it, flagged just over its
/// threshold and not at it; and nothing to report on a clean one.
@Suite struct IndicatorTests {
    /// Indicator → value on `acme` (nil: not applicable) and the references of the items behind it.
    static let expected: [String: (value: String?, items: [String])] = [
        "bank.unprocessed-lines": ("3", ["line L1", "line L2", "line L3"]),
        "bank.oldest-unprocessed-days": ("19", ["line L1"]),
        "bank.days-since-import": ("2", ["statement"]),
        "bank.negative-cash-balance": ("1", ["10101"]),
        "purchases.overdue-payables": ("1", ["S1/P1"]),
        "purchases.overdue-payables-days": ("50", ["S1/P1"]),
        "purchases.overdue-payables-amount": ("100", ["S1/P1"]),
        "sales.overdue-receivables": ("3", ["C1/F1", "C3/F4", "C1/F2"]),
        "sales.overdue-receivables-days": ("41", ["C1/F1"]),
        "sales.overdue-receivables-amount": ("1631", ["C1/F1", "C3/F4", "C1/F2"]),
        "sales.credit-balances": ("1", ["C2"]),
        "sales.dunning-due": ("2", ["C1/F1", "C3/F4"]),
        "fixed-assets.to-activate": ("1", ["02251"]),
        "fixed-assets.depreciation-overdue-periods": ("5", ["LAPTOP"]),
        "fixed-assets.depreciation-differences": ("1", ["02255"]),
        "vat.return-due-within-days": ("10", ["2026-10"]),
        "vat.returns-overdue": ("1", ["2026-09"]),
        "vat.settlement-not-cleared-days": ("51", ["2026-08"]),
        "vat.icp-without-vat-number": ("1", ["C3"]),
        "general-ledger.suspense-amount": ("75", ["suspense"]),
        "general-ledger.interim-unbalanced": ("1", ["16101"]),
        "general-ledger.inactive-accounts-with-balance": ("1", ["45105"]),
        "closing.period-not-closed-days": ("51", ["2026-09"]),
        "closing.open-periods": ("2", ["2026-09", "2026-10"]),
        "closing.year-not-closed-days": ("324", ["2025"]),
        "data-quality.relations-without-iban": ("1", ["C2"]),
        "data-quality.relations-without-vat-number": ("1", ["C2"]),
        "data-quality.relations-without-coc-number": ("1", ["C4"]),
        "data-quality.duplicate-relations": ("2", ["C3", "C4"]),
        "budget.missing": ("0", []),
        "budget.deviation-percent": ("138", ["result"]),
        "budget.revenue-deviation-percent": ("55", ["revenue"]),
        "configuration.out-of-sync": ("0", []),
        "configuration.out-of-sync-days": ("19", ["status"]),
        "configuration.drifted": ("1", ["status"]),
        "configuration.conflict": ("0", []),
    ]

    /// The smallest step at a value's scale.
    static func step(_ v: DecimalNumber) -> DecimalNumber { DecimalNumber(mantissa: 1, scale: max(v.scale, 2)) }

    static func plus(_ a: DecimalNumber, _ b: DecimalNumber) -> DecimalNumber {
        let scale = max(a.scale, b.scale)
        return DecimalNumber(mantissa: a.mantissa * DecimalNumber.powerOfTen(scale - a.scale) + b.mantissa * DecimalNumber.powerOfTen(scale - b.scale),
                             scale: scale)
    }

    @Test func everyIndicatorHasItsValueItsItemsAndItsThreshold() async throws {
        let f = try await MonitorFixture()
        defer { f.remove() }
        let service = MonitorService(ledger: f.ledger)
        let today = MonitorFixture.today
        // KPIs are the template's KPI layout over the year to date: compare with the report itself.
        let kpis = try await ReportService(ledger: f.ledger).reports("acme", kind: .kpi, layout: "kpi",
                                                                     range: day("2026-01-01")...today)[0]
        var expected = Self.expected
        for (id, line) in [("kpi.cash-below", "cash"), ("kpi.dso-days", "dso"), ("kpi.dpo-days", "dpo"),
                           ("kpi.current-ratio-below", "current-ratio"), ("kpi.solvency-below-percent", "solvency")] {
            let value: String? = switch kpis.row(line)!.values[0] {
            case .amount(let a): DecimalNumber(mantissa: a, scale: 2).description
            case .number(let n, _): n.description
            case .missing: nil
            }
            expected[id] = (value, value == nil ? [] : [line])
        }
        expected["configuration.distribution-failed"] = ("1", ["proposal \(f.proposal)"])
        #expect(Set(expected.keys) == Set(Catalogue.entries.map(\.indicator.id)), "every indicator has a row")

        let readings = try await service.administration("acme", user: "anna", today: today)
        for r in readings {
            let want = try #require(expected[r.indicator])
            #expect(r.value?.description == want.value, "\(r.indicator): value \(r.value?.description ?? "nil")")
            #expect(r.items.map(\.reference) == want.items, "\(r.indicator): items \(r.items.map(\.reference))")
        }
        // Just over the threshold is flagged, at the threshold is not (below-indicators the other way round).
        for entry in Catalogue.entries {
            let id = entry.indicator.id
            guard let value = readings.first(where: { $0.indicator == id })?.value else { continue }
            let over = entry.indicator.comparison == .above
                ? Self.plus(value, DecimalNumber(mantissa: -Self.step(value).mantissa, scale: Self.step(value).scale))
                : Self.plus(value, Self.step(value))
            for (threshold, flagged) in [(value, false), (over, true)] {
                try await service.setPreference(id, user: "anna", threshold: threshold, enabled: true)
                let reading = try await service.administration("acme", user: "anna", today: today).first { $0.indicator == id }!
                #expect(reading.exceeded == flagged, "\(id) at threshold \(threshold) with value \(value)")
                let drilled = try await service.drill(id, user: "anna", scope: .bureau, today: today)
                #expect(drilled.contains { $0.administration == "acme" } == flagged, "\(id): drill-down at \(threshold)")
            }
            try await service.setPreference(id, user: "anna", threshold: nil, enabled: true)
        }
        // The clean administration counts nothing.
        let clean = try await service.administration("clean", user: "anna", today: today)
        for r in clean where Catalogue.byID[r.indicator]!.indicator.unit == .count {
            #expect(r.value == .of(0) && r.items.isEmpty, "clean: \(r.indicator) = \(r.value?.description ?? "nil")")
        }
    }

    @Test func theSummaryRoundTripsAndRefusesForeignBytes() async throws {
        let f = try await MonitorFixture()
        defer { f.remove() }
        let service = MonitorService(ledger: f.ledger)
        try await service.refresh(today: MonitorFixture.today)
        let facts = try #require(try await service.facts("acme"))
        let summary = MonitorSummary(facts)
        #expect(MonitorSummary(encoded: summary.encoded()) == summary)
        #expect(MonitorSummary(encoded: Array(summary.encoded().dropLast(8))) == nil)
        #expect(MonitorSummary(encoded: [1, 2, 3]) == nil)
        #expect(summary.receivableDue.count == 4 && summary.count(.unprocessedLines) == 3)
    }

    @Test func factsAreReusedUntilTheAdministrationChanges() async throws {
        let f = try await MonitorFixture()
        defer { f.remove() }
        let service = MonitorService(ledger: f.ledger)
        #expect(try await service.refresh(today: MonitorFixture.today) == .init(gathered: 2, reused: 0))
        #expect(try await service.refresh(today: MonitorFixture.today.adding(days: 3)) == .init(gathered: 0, reused: 2))
        _ = try await f.ledger.post(f.memo("14590", "10201", 25_00, "2026-11-19"), to: "clean")
        #expect(try await service.refresh(today: MonitorFixture.today) == .init(gathered: 1, reused: 1))
        let suspense = try await service.administration("clean", user: "anna", today: MonitorFixture.today)
            .first { $0.indicator == "general-ledger.suspense-amount" }
        #expect(suspense?.value == DecimalNumber(mantissa: 25_00, scale: 2) && suspense?.exceeded == true)
        // A bank line, a relation and a period change mark it stale too.
        try await f.ledger.setPeriod(.open, year: 2026, period: 1, in: "clean")
        #expect(try await service.refresh(today: MonitorFixture.today).gathered == 1)
        // A new month gathers everything again (year-to-date figures move).
        #expect(try await service.refresh(today: day("2026-12-01")).gathered == 2)
    }

    @Test func aCachedOverviewIsServedUntilSomethingItDependsOnChanges() async throws {
        let f = try await MonitorFixture()
        defer { f.remove() }
        let service = MonitorService(ledger: f.ledger, cache: MonitorCache())
        let today = MonitorFixture.today
        func suspense() async throws -> Int {
            try await service.overview(user: "u", scope: .bureau, today: today)
                .indicators.first { $0.indicator.id == "general-ledger.suspense-amount" }!.exceeding
        }
        #expect(try await suspense() == 1)
        #expect(try await suspense() == 1)  // served from the cache
        _ = try await f.ledger.post(f.memo("14590", "10201", 25_00, "2026-11-19"), to: "clean")
        #expect(try await suspense() == 2)
        try await service.setPreference("general-ledger.suspense-amount", user: "u", threshold: .of(100), enabled: true)
        #expect(try await suspense() == 0)  // 75.00 and 25.00 are under the user's own 100
    }

    @Test func scopesThresholdsAndSwitches() async throws {
        let f = try await MonitorFixture()
        defer { f.remove() }
        try await f.workspace.store.write { tx in
            try tx.upsert(UserRecord(name: "anna", email: "anna@x", role: "accountant", team: "noord"))
            try tx.upsert(UserRecord(name: "bob", email: "bob@x", role: "accountant", team: "noord"))
            try tx.upsert(UserRecord(name: "cees", email: "cees@x", role: "accountant", team: "zuid"))
            try tx.setResponsible("anna", admin: "acme")
            try tx.setResponsible("bob", admin: "clean")
        }
        let service = MonitorService(ledger: f.ledger)
        let today = MonitorFixture.today
        let mine = try await service.overview(user: "anna", scope: .personal, today: today)
        #expect(mine.administrations == 1)
        #expect(mine.indicators.first { $0.indicator.id == "bank.unprocessed-lines" }?.exceeding == 0)  // 3 ≤ 25
        #expect(mine.indicators.first { $0.indicator.id == "sales.credit-balances" }?.exceeding == 1)
        #expect(try await service.overview(user: "anna", scope: .team, today: today).administrations == 2)
        #expect(try await service.overview(user: "cees", scope: .team, today: today).administrations == 0)
        try await service.setPreference("bank.unprocessed-lines", user: "anna", threshold: .of(2), enabled: true)
        try await service.setPreference("sales.credit-balances", user: "anna", threshold: nil, enabled: false)
        let tuned = try await service.overview(user: "anna", scope: .personal, today: today)
        #expect(tuned.indicators.first { $0.indicator.id == "bank.unprocessed-lines" }?.exceeding == 1)
        let off = tuned.indicators.first { $0.indicator.id == "sales.credit-balances" }
        #expect(off?.enabled == false && off?.exceeding == 0)
        // Bob's view is his own.
        #expect(try await service.overview(user: "bob", scope: .team, today: today)
            .indicators.first { $0.indicator.id == "bank.unprocessed-lines" }?.exceeding == 0)
        await #expect(throws: MonitoringError.self) {
            try await service.drill("bank.nonsense", user: "anna", scope: .personal, today: today)
        }
    }

    @Test func theCatalogueIsDocumentedAndTheTemplateNamesOnlyItsIndicators() throws {
        #expect(Catalogue.entries.count >= 30)
        #expect(Catalogue.entries.map(\.indicator.id) == IndicatorCatalogue.all.map(\.id), "every indicator has its rules")
        for area in IndicatorArea.allCases {
            #expect(Catalogue.entries.filter { $0.indicator.area == area }.count >= 2, "\(area) has at least two indicators")
        }
        let docs = try String(contentsOfFile: TestLedger.projectRoot + "/docs/indicators.md", encoding: .utf8)
        #expect(docs == CatalogueDocument.markdown(), "docs/indicators.md is generated: `ledgerops monitor catalogue --markdown`")
        let yaml = try String(contentsOfFile: TestLedger.projectRoot + "/templates/base/indicators.yaml", encoding: .utf8)
        #expect(yaml == CatalogueDocument.yaml())
        for cluster in ["horeca", "landbouw"] {
            let text = try String(contentsOfFile: TestLedger.projectRoot + "/templates/\(cluster)/indicators.yaml", encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("- id: ") {
                let id = String(line.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
                #expect(Catalogue.byID[String(id)] != nil, "\(cluster) names unknown indicator \(id)")
            }
        }
    }
}
