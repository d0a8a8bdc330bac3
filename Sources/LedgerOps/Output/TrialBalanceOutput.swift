import Core
import Foundation
import Ledger

/// Renders a trial balance as a table, CSV or JSON.
enum TrialBalanceOutput {
    static func render(_ tb: TrialBalance, format: OutputFormat) throws -> String {
        let d = tb.currency.minorDigits
        switch format {
        case .html:
            func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: d) }
            let rows = tb.rows.map { r in [r.account, r.name, f(r.opening), f(r.debit), f(r.credit), f(r.closing)] }
                + [["", "Total", f(tb.totalOpening), f(tb.totalDebit), f(tb.totalCredit), f(tb.totalClosing)]]
            return try HTMLPage.render(title: "Trial balance \(tb.administration) \(tb.from) – \(tb.to) (\(tb.currency))",
                                       headers: ["account", "name", "opening", "debit", "credit", "closing"], rows: rows,
                                       numeric: [2, 3, 4, 5], total: true)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(tb)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            var out = "account,name,type,opening,debit,credit,closing\n"
            for r in tb.rows {
                out += [r.account, csvField(r.name), r.type.rawValue, Money.format(r.opening, digits: d),
                        Money.format(r.debit, digits: d), Money.format(r.credit, digits: d),
                        Money.format(r.closing, digits: d)].joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var table = TextTable(["account", "name", "opening", "debit", "credit", "closing"], rightAligned: [2, 3, 4, 5])
            func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: d) }
            for r in tb.rows {
                table.add([r.account, String(r.name.prefix(40)), f(r.opening), f(r.debit), f(r.credit), f(r.closing)])
            }
            table.separator()
            table.add(["", "Total", f(tb.totalOpening), f(tb.totalDebit), f(tb.totalCredit), f(tb.totalClosing)])
            let title = "Trial balance \(tb.administration) \(tb.from) – \(tb.to) (\(tb.currency))"
                + (tb.costCentre.map { ", cost centre \($0)" } ?? "")
            return title + "\n" + table.render()
        }
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
