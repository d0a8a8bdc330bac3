import Core
import Ledger

/// Renders an open-items report. Amounts show as owed: receivables as the customer owes them, payables as we
/// owe them (the ledger stores payables as credits, so their sign is turned for display).
enum OpenItemsOutput {
    static func render(_ report: OpenItemsReport, listItems: Bool) -> String {
        let d = report.currency.minorDigits
        func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: d) }
        var out: [String] = ["Open items \(report.administration) on \(report.today) (\(report.currency)), age in days"]
        for side in OpenItemSide.allCases {
            let sign: Int64 = side == .payable ? -1 : 1
            func f(_ v: Int64) -> String { Money.formatGrouped(sign * v, digits: d) }
            let totals = report.relations.filter { $0.side == side }
            guard !totals.isEmpty else { continue }
            var table = TextTable(["relation", "name", "outstanding", "overdue"] + AgeingBucket.allCases.map(\.rawValue),
                                  rightAligned: Set(2...7))
            for t in totals {
                table.add([t.relation, String(t.name.prefix(30)), f(t.outstanding), f(t.overdue)] + t.buckets.map(f))
            }
            table.separator()
            let buckets = report.bucketTotals(side)
            table.add(["", "Total", f(report.total(side)), f(totals.reduce(0) { $0 + $1.overdue })]
                + AgeingBucket.allCases.map { f(buckets[$0] ?? 0) })
            out.append("")
            out.append(side == .receivable ? "Receivables (debiteuren): owed to us" : "Payables (crediteuren): owed by us")
            out.append(table.render())
        }
        if listItems {
            var table = TextTable(["relation", "invoice", "date", "due", "original", "outstanding", "days overdue"],
                                  rightAligned: [4, 5, 6])
            for i in report.items {
                let sign: Int64 = i.item.side == .payable ? -1 : 1
                table.add([i.item.relation, i.item.invoice, i.item.date.description, i.item.dueDate.description,
                           f(sign * i.item.original), f(sign * i.item.outstanding), String(i.daysOverdue)])
            }
            out.append("")
            out.append(table.render())
        }
        if report.items.isEmpty { out.append("No open items.") }
        return out.joined(separator: "\n")
    }
}
