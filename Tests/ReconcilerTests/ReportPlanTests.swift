import Core
import Foundation
import Reconciler
import Templates
import Testing

/// Reports and dashboards are compared line by line: a plan says which lines change and how, in a few dozen
/// bytes per change, and nothing a line holds (order included) escapes the comparison.
@Suite struct ReportPlanTests {
    static let now = "2026-11-22T09:00:00Z"
    static let report = "templates/base/reports/profit-and-loss.yaml"

    @Test func twoChangedLabelsAreTwoShortReadableFieldChanges() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change(Self.report) {
            $0.replacingOccurrences(of: "label: Netto-omzet", with: "label: Omzet")
                .replacingOccurrences(of: "label: Brutomarge", with: "label: Bruto-omzetresultaat")
        }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "OutOfSync")
        let plan = try await f.reconciler.plan("m1")
        let item = try #require(plan.items.first)
        #expect(plan.items.count == 1 && item.key.description == "reports:profit-and-loss" && item.action == .update)
        #expect(item.changes.map(\.field) == ["line gross-margin", "line revenue"])
        #expect(item.changes.flatMap(\.readable).map(\.text) == [
            #"line gross-margin: label: "Brutomarge" → "Bruto-omzetresultaat""#,
            #"line revenue: label: "Netto-omzet" → "Omzet""#,
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(item).count
        #expect(bytes < 600, "the plan item is \(bytes) bytes")
        let result = try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay)
        #expect(result.written == 1 && result.status == .synced)
        let live = try await f.workspace.store.read { tx in try tx.liveConfiguration("m1") }
        #expect(live?.reports.first { $0.id == "profit-and-loss" }?.lines.first?.label == "Omzet")
    }

    @Test func reorderedLinesArePlanned() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        let personnel = "  - id: personnel-costs\n    label: Personeelskosten\n    rgs: [WPer]\n    sign: debit\n"
        let depreciation = "  - id: depreciation\n    label: Afschrijvingen\n    rgs: [WAfs]\n    sign: debit\n"
        try f.change(Self.report) { $0.replacingOccurrences(of: personnel + depreciation, with: depreciation + personnel) }
        // Every shipped cluster ignores dashboards: a changed widget plans nothing.
        try f.change("templates/base/dashboards/overview.yaml") {
            $0.replacingOccurrences(of: "title: Liquide middelen", with: "title: Kas en bank")
        }
        let plan = try await f.reconciler.plan("m1")
        #expect(plan.items.map(\.key.description) == ["reports:profit-and-loss"])
        let order = try #require(plan.items.first?.changes.first)
        #expect(plan.items.first?.changes.count == 1 && order.field == "order")
        #expect(order.readable.map(\.text) == ["order: … other-operating-income, personnel-costs, depreciation, "
            + "other-operating-expenses … → … other-operating-income, depreciation, personnel-costs, other-operating-expenses …"])
    }

    @Test func flatteningIsDeterministicAndPlainFieldsAreUnchanged() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        let config = try f.workspace.templateSet(at: "main").render(cluster: "mkb")
        #expect(config.flattened == config.flattened)
        let report = try #require(config.flattened[ItemKey(kind: .reports, key: "profit-and-loss")])
        #expect(report["title"] == "Winst- en verliesrekening" && report["kind"] == "profit-and-loss")
        #expect(report["line revenue"] == #"label "Netto-omzet"; rgs WOmz; sign credit"#)
        #expect(report["line gross-margin"] == #"label "Brutomarge"; formula revenue + change-in-inventories - cost-of-sales; "#
            + "sign debit; subtotal yes")
        // A line is as long as what it holds: a formula over long ids is the longest.
        #expect(report.filter { $0.key.hasPrefix("line ") }.allSatisfy { $0.value.utf8.count < 160 })
        let dashboard = try #require(config.flattened[ItemKey(kind: .dashboards, key: "overview")])
        #expect(dashboard["widget cash-position"]
            == #"title "Liquide middelen"; kind trend; report balance-sheet; line cash"#)
        let account = try #require(config.flattened.first { $0.key.kind == .accounts }?.value)
        #expect(Set(account.keys).isSubset(of: ["name", "type", "normal", "rgs", "vat", "control", "active"]))
    }
}
