import Core
import Foundation
import Mustache
import Reporting

/// Renders reports and the VAT return as a terminal table, CSV, JSON or an HTML page.
enum ReportOutput {
    static func render(_ reports: [Report], format: OutputFormat, detail: Bool) throws -> String {
        switch format {
        case .json: return try json(reports.count == 1 ? reports[0] as any Encodable : reports)
        case .csv: return reports.map(csv).joined(separator: "\n")
        case .table: return reports.map { table($0, detail: detail) }.joined(separator: "\n\n") + "\n"
        case .html: return try HTMLPage.render(reports: reports, detail: detail)
        }
    }

    static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func table(_ r: Report, detail: Bool) -> String {
        let d = r.currency.minorDigits
        var t = TextTable(["line"] + r.columns.map { label($0, of: r) }, rightAligned: Set(1...r.columns.count))
        for row in r.rows {
            if row.subtotal { t.separator() }
            t.add([(row.subtotal ? "" : "  ") + row.label] + row.values.map { $0.text(digits: d) })
            if detail {
                for a in row.accounts {
                    t.add(["      \(a.account) \(a.name.prefix(40))"] + a.amounts.map { Money.formatGrouped($0, digits: d) })
                }
            }
        }
        let missing = r.columns.filter { !$0.available }.map(\.label)
        return "\(r.title) — \(r.administration) (\(r.currency))\n" + t.render()
            + (missing.isEmpty ? "" : "\n– no books for " + missing.joined(separator: ", "))
    }

    /// A balance sheet stands at a date; the other reports cover a range.
    static func label(_ c: ReportColumn, of r: Report) -> String {
        guard r.kind == .balanceSheet else { return c.label }
        return switch c.kind {
        case .period, .yearToDate: "\(c.to)"
        case .priorPeriod: "prior \(c.to)"
        case .priorYear: "prior year \(c.to)"
        case .budget: "budget"
        case .difference: "actual − budget"
        case .differencePercent: "difference %"
        }
    }

    static func csv(_ r: Report) -> String {
        let d = r.currency.minorDigits
        var out = (["report", "line", "account", "label"] + r.columns.map { "\($0.kind.rawValue) \($0.from)..\($0.to)" })
            .map(TrialBalanceOutput.csvField).joined(separator: ",") + "\n"
        for row in r.rows {
            out += ([r.layout, row.id, "", TrialBalanceOutput.csvField(row.label)]
                + row.values.map { $0.text(digits: d, grouped: false) }).joined(separator: ",") + "\n"
            for a in row.accounts {
                out += ([r.layout, row.id, a.account, TrialBalanceOutput.csvField(a.name)]
                    + a.amounts.map { Money.format($0, digits: d) }).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func render(_ v: VATReturn, format: OutputFormat) throws -> String {
        let d = v.currency.minorDigits
        func money(_ a: Int64?) -> String { a.map { Money.formatGrouped($0, digits: d) } ?? "" }
        func whole(_ a: Int64?) -> String { a.map { Money.formatGrouped($0, digits: 0) } ?? "" }
        switch format {
        case .json: return try json(v)
        case .html: return try HTMLPage.render(vatReturn: v)
        case .csv:
            var out = "box,label,turnover,vat,filed_turnover,filed_vat\n"
            for b in v.boxes {
                out += [b.id, TrialBalanceOutput.csvField(b.label), b.turnover.map { Money.format($0, digits: d) } ?? "",
                        b.vat.map { Money.format($0, digits: d) } ?? "", b.filedTurnover.map(String.init) ?? "",
                        b.filedVAT.map(String.init) ?? ""].joined(separator: ",") + "\n"
            }
            out += "\nicp_relation,name,vat_number,country,amount\n"
            for l in v.icp {
                out += [l.relation, TrialBalanceOutput.csvField(l.name), l.vatNumber ?? "", l.country ?? "",
                        Money.format(l.amount, digits: d)].joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var t = TextTable(["box", "", "turnover", "VAT", "filed turnover", "filed VAT"], rightAligned: [2, 3, 4, 5])
            for b in v.boxes {
                if b.id == "5a" { t.separator() }
                t.add([b.id, String(b.label.prefix(58)), money(b.turnover), money(b.vat), whole(b.filedTurnover),
                       whole(b.filedVAT)])
            }
            var out = "VAT return \(v.administration) \(v.from) – \(v.to) (\(v.currency))\n" + t.render() + "\n"
            out += v.payable >= 0 ? "To pay: \(money(v.payable)) (filed: \(whole(v.filedPayable)))\n"
                : "To reclaim: \(money(-v.payable)) (filed: \(whole(-v.filedPayable)))\n"
            if !v.icp.isEmpty {
                var icp = TextTable(["customer", "name", "VAT number", "amount"], rightAligned: [3])
                for l in v.icp { icp.add([l.relation, String(l.name.prefix(40)), l.vatNumber ?? "–", money(l.amount)]) }
                out += "\nICP listing (intra-EU supplies)\n" + icp.render() + "\n"
            }
            for w in v.warnings { out += "warning: \(w)\n" }
            return out
        }
    }
}
