import Core
import Templates
import Testing

/// The broken-template corpus: each row breaks the valid repository one way and names the problem expected, with
/// its file and, where the problem is on one line, that line.
@Suite struct BrokenTemplateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var changes: [String: String?]
        var file: String
        var line: Int?
        var message: String
        var links: Set<String> = []

        var testDescription: String { name }
    }

    static func with(_ path: String, replacing old: String, by new: String) -> [String: String?] {
        [path: MemorySource.valid[path]!.replacingOccurrences(of: old, with: new)]
    }

    static let base = "templates/base/template.yaml", accounts = "templates/base/accounts.csv"
    static let vat = "templates/base/vat.yaml", journals = "templates/base/journals.yaml"
    static let pl = "templates/base/reports/profit-and-loss.yaml", dash = "templates/base/dashboards/overview.yaml"
    static let mkb = "templates/mkb/template.yaml", cluster = "clusters/mkb.yaml"
    static let overlay = "clusters/mkb/overrides/mkb-0001.yaml"

    static let cases: [Case] = [
        Case(name: "YAML that does not parse", changes: [base: "name: [base\n"], file: base, line: 2, message: "not valid YAML"),
        Case(name: "misspelt field", changes: with(base, replacing: "currency:", by: "curency:"), file: base, line: 3,
             message: "unknown field 'curency'"),
        Case(name: "name differs from folder", changes: with(base, replacing: "name: base", by: "name: basis"), file: base,
             line: 1, message: "named 'basis' but lives in templates/base"),
        Case(name: "unknown parent", changes: with(mkb, replacing: "extends: base", by: "extends: basis"), file: mkb, line: 0,
             message: "extends 'basis', which does not exist"),
        Case(name: "inheritance cycle", changes: with(base, replacing: "currency: EUR", by: "extends: mkb"), file: mkb, line: 0,
             message: "inheritance cycle"),
        Case(name: "root without currency", changes: with(base, replacing: "currency: EUR\n", by: ""), file: base, line: 0,
             message: "needs currency and fiscalYearStart"),
        Case(name: "not a currency", changes: with(base, replacing: "currency: EUR", by: "currency: EURO"), file: base, line: 3,
             message: "not an ISO 4217 currency code"),
        Case(name: "month 13", changes: with(base, replacing: "fiscalYearStart: 1", by: "fiscalYearStart: 13"), file: base,
             line: 4, message: "fiscalYearStart must be a month"),
        Case(name: "wrong field type", changes: with(base, replacing: "fiscalYearStart: 1", by: "fiscalYearStart: january"),
             file: base, line: 4, message: "must be a whole number"),
        Case(name: "duplicate account code", changes: with(accounts, replacing: "10201,Bank", by: "10101,Bank"), file: accounts,
             line: 5, message: "account '10101' is defined twice"),
        Case(name: "bad account type", changes: with(accounts, replacing: "10201,Bank,asset", by: "10201,Bank,cash"), file: accounts,
             line: 5, message: "column 'type' must be one of"),
        Case(name: "missing CSV column", changes: with(accounts, replacing: "code,name,type,normal,", by: "code,name,type,"),
             file: accounts, line: 1, message: "missing column 'normal'"),
        Case(name: "CSV row with too few fields", changes: with(accounts, replacing: "10101,Kas,asset,debit,BLimKasKas,,cash", by: "10101,Kas"),
             file: accounts, line: 4, message: "expected 7 fields, found 2"),
        Case(name: "unknown RGS code", changes: with(accounts, replacing: "BLimKasKas", by: "BLimKasXyz"), file: accounts, line: 4,
             message: "RGS code 'BLimKasXyz' does not exist"),
        Case(name: "control role twice", changes: with(accounts, replacing: "14590,Tussenrekening,asset,debit,BVorTusTov,,suspense",
                                                        by: "14590,Tussenrekening,asset,debit,BVorTusTov,,cash"),
             file: accounts, line: 7, message: "control role cash is given to 10101 and 14590"),
        Case(name: "control role missing", changes: with(mkb, replacing: "indicators: [bank.unprocessed-lines]",
                                                          by: "indicators: [bank.unprocessed-lines]\n  accounts: [\"10201\"]"),
             file: mkb, line: 0, message: "no account has control role bank"),
        Case(name: "account with an unknown VAT code", changes: with(accounts, replacing: "WOmzNohOlh,V21", by: "WOmzNohOlh,V99"),
             file: accounts, line: 12, message: "names VAT code V99"),
        Case(name: "VAT code without accounts", changes: with(vat, replacing: "    payableAccount: \"16201\"\n", by: ""), file: vat,
             line: 2, message: "VAT code V21 has no payableAccount"),
        Case(name: "VAT account not in the chart", changes: with(vat, replacing: "\"16201\"", by: "\"99999\""), file: vat, line: 2,
             message: "payableAccount 99999 is not in the chart"),
        Case(name: "VAT code without return box", changes: with(vat, replacing: "    box: 1a\n", by: ""), file: vat, line: 2,
             message: "VAT code V21 has no return box"),
        Case(name: "unknown VAT kind", changes: with(vat, replacing: "kind: sales", by: "kind: salez"), file: vat, line: 5,
             message: "field 'kind': 'salez' is not one of"),
        Case(name: "VAT rate not a number", changes: with(vat, replacing: "rate: \"21\"\n    kind: sales", by: "rate: high\n    kind: sales"),
             file: vat, line: 4, message: "field 'rate' must be a number"),
        Case(name: "journal account not in the chart", changes: with(journals, replacing: "\"10201\"", by: "\"10299\""),
             file: journals, line: 5, message: "journal BNK: account 10299 is not in the chart"),
        Case(name: "unknown journal kind", changes: with(journals, replacing: "kind: bank", by: "kind: bank-account"),
             file: journals, line: 7, message: "is not one of"),
        Case(name: "report line that selects nothing", changes: with(pl, replacing: "rgs: [WOmz]", by: "rgs: [WOmzXyz]"), file: pl,
             line: 0, message: "line 'revenue' selects no account"),
        Case(name: "P&L account on no line", changes: with(pl, replacing: "rgs: [WOmz]", by: "rgs: [WOmzNohOlh]"), file: pl,
             line: 0, message: "report profit-and-loss: account 80305 is on no line"),
        Case(name: "P&L account on two lines", changes: with(pl, replacing: "types: [expense]", by: "types: [expense, revenue]"),
             file: pl, line: 0, message: "account 80301 is on 2 lines (revenue, costs)"),
        Case(name: "balance-sheet account on a P&L", changes: with(pl, replacing: "types: [expense]", by: "types: [expense, asset]"),
             file: pl, line: 0, message: "account 10101 is on 1 lines (costs)"),
        Case(name: "formula naming an unknown line", changes: with(pl, replacing: "revenue - costs", by: "revenu - costs"), file: pl,
             line: 0, message: "refers to 'revenu'"),
        Case(name: "line with a selection and a formula", changes: with(pl, replacing: "    formula: revenue - costs",
                                                                         by: "    formula: revenue - costs\n    types: [revenue]"),
             file: pl, line: 12, message: "needs exactly one of"),
        Case(name: "unknown report kind", changes: with(pl, replacing: "kind: profit-and-loss", by: "kind: income"), file: pl, line: 3,
             message: "'income' is not one of"),
        Case(name: "report that is not YAML", changes: ["templates/base/reports/notes.txt": "x"],
             file: "templates/base/reports/notes.txt", line: 0, message: "must be a .yaml file"),
        Case(name: "widget on an unknown report", changes: with(dash, replacing: "report: profit-and-loss", by: "report: balans"),
             file: dash, line: 0, message: "shows report 'balans'"),
        Case(name: "widget on an unknown line", changes: with(dash, replacing: "line: revenue", by: "line: omzet"), file: dash,
             line: 0, message: "shows line 'omzet'"),
        Case(name: "indicator the monitor does not know", changes: ["templates/base/indicators.yaml":
                                                                    "indicators:\n  - id: bank.unprocesed-lines\n    threshold: 3\n"],
             file: "templates/base/indicators.yaml", line: 2, message: "indicator 'bank.unprocesed-lines' is not in the monitor's catalogue"),
        Case(name: "threshold not a number", changes: ["templates/base/indicators.yaml": "indicators:\n  - id: x\n    threshold: many\n"],
             file: "templates/base/indicators.yaml", line: 3, message: "must be a number"),
        Case(name: "setting that is a list", changes: ["templates/base/settings.yaml": "settings:\n  a: [1, 2]\n"],
             file: "templates/base/settings.yaml", line: 2, message: "must be a single value"),
        Case(name: "removing what is not inherited", changes: with(mkb, replacing: "[bank.unprocessed-lines]", by: "[no.such]"),
             file: mkb, line: 5, message: "remove: indicators 'no.such' is not inherited from 'base'"),
        Case(name: "cluster on an unknown template", changes: with(cluster, replacing: "template: mkb", by: "template: horeca"),
             file: cluster, line: 0, message: "uses template 'horeca', which does not exist"),
        Case(name: "wave with two sizes", changes: with(cluster, replacing: "count: 2", by: "count: 2\n      percent: 10"),
             file: cluster, line: 8, message: "needs exactly one of count, percent or administrations"),
        Case(name: "wave over 100%", changes: with(cluster, replacing: "percent: 100", by: "percent: 150"), file: cluster, line: 10,
             message: "percent must be between 1 and 100"),
        Case(name: "bad ignore rule", changes: with(cluster, replacing: "settings:bank.*", by: "bank.*"), file: cluster, line: 17,
             message: "must be kind:pattern"),
        Case(name: "unknown drift policy", changes: with(cluster, replacing: "drift: revert", by: "drift: overwrite"), file: cluster,
             line: 12, message: "field 'drift'"),
        Case(name: "window on day 32", changes: with(cluster, replacing: "[28, 29, 30, 31]", by: "[28, 32]"), file: cluster, line: 14,
             message: "needs monthDays 1–31"),
        Case(name: "overlay for another administration", changes: with(overlay, replacing: "administration: mkb-0001",
                                                                        by: "administration: mkb-0002"),
             file: overlay, line: 1, message: "the override is for 'mkb-0002'"),
        Case(name: "overlay removing what is not there", changes: with(overlay, replacing: "administration: mkb-0001",
                                                                        by: "administration: mkb-0001\nremove:\n  settings: [no.such]"),
             file: overlay, line: 3, message: "remove: settings 'no.such' is not in the cluster's template"),
        Case(name: "symbolic link", changes: [:], file: accounts, line: 0, message: "symbolic link", links: [accounts]),
        Case(name: "file in the wrong place", changes: ["clusters/mkb/notes.yaml": "x: 1\n"], file: "clusters/mkb/notes.yaml",
             line: 0, message: "unexpected file in clusters/"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) {
        var files = MemorySource.valid
        for (path, contents) in c.changes { files[path] = contents }
        let problems = TemplateSet.load(from: MemorySource(files: files, links: c.links)).validate()
        let match = problems.first { $0.file == c.file && $0.message.contains(c.message) && (c.line == nil || $0.line == c.line) }
        #expect(match != nil, "expected \(c.file):\(c.line ?? 0): …\(c.message)…; got \(problems.map(\.description))")
    }

    @Test func theValidRepositoryHasNoProblems() {
        #expect(TemplateSet.load(from: MemorySource(files: MemorySource.valid)).validate().map(\.description) == [])
    }
}
