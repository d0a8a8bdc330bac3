import Core
import Foundation

extension TemplateRenderer {
    /// What a rendered template must satisfy to configure an administration.
    mutating func check(_ r: Rendered, template: String) {
        let file = set.templates[template]?.file ?? "templates/\(template)/template.yaml"
        let accounts = r.accounts.values.map(\.value)
        let codes = Set(r.accounts.keys)
        // Accounts: known RGS codes, and a chart the ledger can run (control roles, VAT codes of accounts).
        for a in r.accounts.values.sorted(by: { $0.value.code < $1.value.code }) {
            if let rgs = a.value.rgsCode, RGSReference.codes[rgs] == nil {
                problems.append(TemplateError(a.file, a.line, "account \(a.value.code): RGS code '\(rgs)' does not exist in RGS MKB 3.7",
                                              hint: "use a level-4 RGS code, or leave rgs empty"))
            }
            if let v = a.value.vatCode, r.vatCodes[v] == nil {
                problems.append(TemplateError(a.file, a.line, "account \(a.value.code) names VAT code \(v), which the template lacks"))
            }
        }
        for a in r.accounts.values {
            guard let old = a.value.renamedFrom else { continue }
            if let still = r.accounts[old] {
                problems.append(TemplateError(a.file, a.line, "account \(a.value.code) is renamed from \(old), which the "
                    + "template still defines (at \(still.file):\(still.line))", hint: "remove the old row when renumbering"))
            }
        }
        for role in ControlRole.allCases {
            let holders = r.accounts.values.filter { $0.value.control == role }.sorted { $0.value.code < $1.value.code }
            if holders.count > 1 {
                problems.append(TemplateError(holders[1].file, holders[1].line, "control role \(role.rawValue) is given to "
                    + holders.map(\.value.code).joined(separator: " and "), hint: "give each role to one account"))
            } else if holders.isEmpty && ControlRole.required.contains(role) {
                problems.append(TemplateError(file, 0, "template '\(template)': no account has control role \(role.rawValue)"))
            }
        }
        // VAT codes: accounts that exist, and a return box.
        for v in r.vatCodes.values.sorted(by: { $0.value.code < $1.value.code }) {
            let code = v.value
            for (field, account) in [("payableAccount", code.payableAccount), ("receivableAccount", code.receivableAccount)] {
                if let account, !codes.contains(account) {
                    problems.append(TemplateError(v.file, v.line, "VAT code \(code.code): \(field) \(account) is not in the chart"))
                }
            }
            if !code.rate.isZero {
                if (code.kind == .sales || code.kind == .reverseCharge) && code.payableAccount == nil {
                    problems.append(TemplateError(v.file, v.line, "VAT code \(code.code) has no payableAccount",
                                                  hint: "a \(code.kind.rawValue) code at \(code.rate)% must post its VAT somewhere"))
                }
                if (code.kind == .purchase || code.kind == .reverseCharge) && code.receivableAccount == nil {
                    problems.append(TemplateError(v.file, v.line, "VAT code \(code.code) has no receivableAccount",
                                                  hint: "input VAT needs an account to be deducted from"))
                }
            }
            if code.box == nil && code.kind != .exempt && code.kind != .purchase {
                problems.append(TemplateError(v.file, v.line, "VAT code \(code.code) has no return box",
                                              hint: "name the box of the VAT return it feeds (1a, 2a, 4b…)"))
            }
            if code.kind == .purchase && code.box == nil && code.deductibleBox == nil && !code.rate.isZero {
                problems.append(TemplateError(v.file, v.line, "VAT code \(code.code) has no return box",
                                              hint: "purchase VAT is deducted in box 5b"))
            }
        }
        for j in r.journals.values {
            if let account = j.value.account, !codes.contains(account) {
                problems.append(TemplateError(j.file, j.line, "journal \(j.value.code): account \(account) is not in the chart"))
            }
        }
        // Reports: every selection selects something; formulas and ratios name lines of the same report.
        for report in r.reports.values.sorted(by: { $0.value.id < $1.value.id }) {
            var ids = Set<String>()
            for line in report.value.lines where !ids.insert(line.id).inserted {
                problems.append(TemplateError(report.file, 0, "report \(report.value.id): line '\(line.id)' appears twice"))
            }
            for problem in report.value.placementProblems(accounts.sorted { $0.code < $1.code }) {
                let what = problem.lines.isEmpty ? "is on no line"
                    : "is on \(problem.lines.count) lines (\(problem.lines.joined(separator: ", ")))"
                problems.append(TemplateError(report.file, 0, "report \(report.value.id): account \(problem.account) \(what)",
                                              hint: problem.lines.isEmpty ? "widen a line's accounts, rgs or types to take it"
                                                  : "narrow the lines so exactly one takes it"))
            }
            for line in report.value.lines {
                if let selector = line.selector, !accounts.contains(where: selector.selects) {
                    problems.append(TemplateError(report.file, 0, "report \(report.value.id): line '\(line.id)' selects no account",
                                                  hint: "check its accounts ranges, rgs prefixes and types against the chart"))
                }
                if let formula = line.formula {
                    for name in Self.identifiers(in: formula) where !ids.contains(name) {
                        problems.append(TemplateError(report.file, 0, "report \(report.value.id): line '\(line.id)' refers to "
                            + "'\(name)', which is not a line of this report"))
                    }
                }
                if let ratio = line.ratio {
                    for name in [ratio.numerator, ratio.denominator] where !ids.contains(name) {
                        problems.append(TemplateError(report.file, 0, "report \(report.value.id): ratio '\(line.id)' refers to "
                            + "'\(name)', which is not a line of this report"))
                    }
                }
            }
        }
        // Indicators: thresholds only for indicators the monitor knows, in their unit's terms.
        for i in r.indicators.values.sorted(by: { $0.value.id < $1.value.id }) where IndicatorCatalogue.byID[i.value.id] == nil {
            let near = IndicatorCatalogue.all.map(\.id).filter { $0.hasPrefix(String(i.value.id.prefix { $0 != "." })) }
            problems.append(TemplateError(i.file, i.line, "indicator '\(i.value.id)' is not in the monitor's catalogue",
                                          hint: near.isEmpty ? "see docs/indicators.md" : "its area has " + near.joined(separator: ", ")))
        }
        for d in r.dashboards.values.sorted(by: { $0.value.id < $1.value.id }) {
            for w in d.value.widgets {
                guard let report = r.reports[w.report]?.value else {
                    problems.append(TemplateError(d.file, 0, "dashboard \(d.value.id): widget '\(w.id)' shows report '\(w.report)', "
                        + "which the template lacks"))
                    continue
                }
                if !report.lines.contains(where: { $0.id == w.line }) {
                    problems.append(TemplateError(d.file, 0, "dashboard \(d.value.id): widget '\(w.id)' shows line '\(w.line)', "
                        + "which report \(w.report) lacks"))
                }
            }
        }
    }

    /// Line ids in a formula such as `a - (b + c-d)`: ids may hold dashes, so operators need spaces around them.
    static func identifiers(in formula: String) -> [String] {
        formula.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ").map(String.init).filter { $0 != "+" && $0 != "-" && !$0.isEmpty }
    }
}
