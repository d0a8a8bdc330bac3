import Core
import Templates
import Testing

/// `template diff` and the field form behind it: every changed field old → new, report lines and widgets by the
/// parts that changed, never a count.
@Suite struct ConfigurationDiffTests {
    static func render(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> AdministrationConfig {
        var files = MemorySource.valid
        edit(&files)
        return try TemplateSet.load(from: MemorySource(files: files)).render(cluster: "mkb")
    }

    static func replace(_ files: inout [String: String], _ path: String, _ old: String, _ new: String) {
        files[path] = files[path]?.replacingOccurrences(of: old, with: new)
    }

    @Test func everyChangedFieldIsShownOldToNew() throws {
        let before = try Self.render()
        let after = try Self.render { f in
            Self.replace(&f, "templates/base/reports/profit-and-loss.yaml", "label: Omzet", "label: Netto-omzet")
            Self.replace(&f, "templates/base/reports/profit-and-loss.yaml", "label: Kosten\n    types: [expense]",
                         "label: Kosten\n    types: [expense]\n    sign: credit")
            Self.replace(&f, "templates/base/dashboards/overview.yaml", "title: Omzet\n", "title: Omzet dit jaar\n")
            Self.replace(&f, "templates/base/vat.yaml", "    payableAccount: \"16201\"",
                         "    payableAccount: \"16201\"\n    validTo: 2026-12-31")
            Self.replace(&f, "templates/base/settings.yaml", "vat.period: quarter", "vat.period: month")
        }
        #expect(ConfigurationDiff.items(from: before, to: after) == [
            "~ VAT code V21: validTo: — → 2026-12-31",
            "~ report profit-and-loss:",
            "    line revenue: label: \"Omzet\" → \"Netto-omzet\"",
            "    line costs: sign: debit → credit",
            "~ dashboard overview: widget revenue: title: \"Omzet\" → \"Omzet dit jaar\"",
            "~ setting vat.period: quarter → month",
        ])
        #expect(ConfigurationDiff.items(from: after, to: after).isEmpty)
    }

    @Test func addedAndRemovedItemsShowTheirFieldsAndLines() throws {
        let before = try Self.render()
        let after = try Self.render { f in
            f["templates/base/reports/profit-and-loss.yaml"] = nil
            f["templates/base/dashboards/overview.yaml"] = nil
            f["templates/mkb/reports/kpi.yaml"] = """
                id: kpi
                title: Kengetallen
                kind: kpi
                lines:
                  - id: revenue
                    label: Omzet
                    accounts: ["80301", "80305"]
                    sign: credit
                  - id: margin
                    label: Marge
                    ratio: {numerator: revenue, denominator: revenue, unit: percent}
                """
        }
        let lines = ConfigurationDiff.items(from: before, to: after)
        #expect(lines.contains("- report profit-and-loss: title Winst en verlies, kind profit-and-loss"))
        #expect(lines.contains("    line result: label \"Resultaat\"; formula revenue - costs; sign debit"))
        #expect(lines.contains("+ report kpi: title Kengetallen, kind kpi"))
        #expect(lines.contains("    line revenue: label \"Omzet\"; accounts 80301, 80305; sign credit"))
        #expect(lines.contains("    line margin: label \"Marge\"; ratio revenue / revenue; unit percent; sign debit"))
        #expect(lines.contains("- dashboard overview: title Overzicht"))
        #expect(!lines.contains { $0.contains(" lines") || $0.contains("order") })
    }

    @Test func reportsFlattenToAShortFieldPerLine() throws {
        let report = try #require(try Self.render().reports.first)
        let fields = ConfigurationFields.report(report)
        #expect(fields.map(\.name) == ["title", "kind", "line revenue", "line costs", "line result", "order"])
        #expect(fields.allSatisfy { $0.value.utf8.count < 80 })
        #expect(fields.first { $0.name == "order" }?.value == "revenue, costs, result")
        // An id that repeats is keyed by position; a label with the separators in it is quoted, so texts never collide.
        let odd = ReportLayout(id: "x", title: "X", kind: .kpi, lines: [
            ReportLine(id: "a", label: "A; sign credit", formula: "b"), ReportLine(id: "a", label: "A\"", formula: "b"),
        ])
        let oddFields = ConfigurationFields.report(odd)
        #expect(oddFields.map(\.name) == ["title", "kind", "line #1", "line #2", "order"])
        #expect(oddFields[2].value == #"label "A; sign credit"; formula b; sign debit"#)
        #expect(oddFields[3].value == #"label "A\""; formula b; sign debit"#)
    }

    /// (field, old, new, the readable lines expected).
    static let readable: [(String, String?, String?, [String])] = [
        ("validTo", nil, "2026-12-31", ["validTo: — → 2026-12-31"]),
        ("line r", #"label "A; b"; rgs W; sign debit"#, #"label "A; c"; rgs W; sign credit"#,
         [#"line r: label: "A; b" → "A; c""#, "line r: sign: debit → credit"]),
        ("line r", nil, #"label "A"; sign debit"#, [#"line r: — → label "A"; sign debit"#]),
        ("line r", #"label "A"; sign debit"#, #"label "A"; sign debit; subtotal yes"#, ["line r: subtotal: — → yes"]),
        ("order", "a, b, c, d, e", "a, b, x, c, d, e", ["order: … b, c … → … b, x, c …"]),
        ("order", "a, b, c", "c, a, b", ["order: a, b, c → c, a, b"]),
        ("order", "a, b, c", "a, c, b", ["order: a, b, c → a, c, b"]),
        ("value", "30", "30", []),
    ]

    @Test(arguments: readable) func readableChanges(_ field: String, _ old: String?, _ new: String?, _ expected: [String]) {
        #expect(ReadableChange.of(field: field, old: old, new: new).map(\.text) == expected)
    }
}
