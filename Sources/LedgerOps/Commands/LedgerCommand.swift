import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops ledger`: one account's lines with a running balance.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Account ledger (grootboekkaart).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Account code.") var account: String
    @Option(help: "First day or period.") var from: String?
    @Option(help: "Last day or period.") var to: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
            let ledger = try global.openWorkspace().ledger
            let a = try await ledger.summary(admin).administration
            let range = try DateRange(from: from, to: to, today: try global.todayDate(),
                                      calendar: try FiscalCalendar(startMonth: a.fiscalYearStart))
            let l = try await ledger.accountLedger(admin, account: account, from: range.from, to: range.to)
            if json { return try printJSON(l) }
            let d = l.currency.minorDigits
            func f(_ v: Int64) -> String { v == 0 ? "" : Money.formatGrouped(v, digits: d) }
            var table = TextTable(["date", "entry", "jnl", "description", "relation", "debit", "credit", "balance"],
                                  rightAligned: [1, 5, 6, 7])
            table.add(["", "", "", "Opening balance", "", "", "", Money.formatGrouped(l.opening, digits: d)])
            for line in l.lines {
                table.add([line.date.description, String(line.entry), line.journal, String(line.description.prefix(40)),
                           line.relation ?? "", f(line.debit), f(line.credit), Money.formatGrouped(line.balance, digits: d)])
            }
            print("\(l.account.code) \(l.account.name) — \(admin) \(l.from) – \(l.to) (\(l.currency))")
            print(table.render())
        }
    }
}

/// `ledgerops open-items`: open receivables and payables with ageing.
struct OpenItems: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open-items", abstract: "Open items with ageing.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Option(help: "Only this relation.") var relation: String?
    @Option(help: "receivable or payable.") var side: String?
    @Flag(help: "List every item, not only totals per relation.") var items = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await face {
            let ledger = try global.openWorkspace().ledger
            var sideFilter: OpenItemSide?
            if let side {
                guard let s = OpenItemSide(rawValue: side) else {
                    throw LedgerError("invalid-field", "--side", "'\(side)' is not receivable or payable")
                }
                sideFilter = s
            }
            let report = try await ledger.openItems(admin, today: try global.todayDate(), relation: relation,
                                                    side: sideFilter)
            if json { return try printJSON(report) }
            print(OpenItemsOutput.render(report, listItems: items))
        }
    }
}

/// Renders an open-items report.
enum OpenItemsOutput {
    static func render(_ report: OpenItemsReport, listItems: Bool) -> String {
        let d = report.currency.minorDigits
        func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: d) }
        var out: [String] = ["Open items \(report.administration) on \(report.today) (\(report.currency)), age in days"]
        for side in OpenItemSide.allCases {
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
            out.append(side == .receivable ? "Receivables (debiteuren)" : "Payables (crediteuren)")
            out.append(table.render())
        }
        if listItems {
            var table = TextTable(["relation", "invoice", "date", "due", "original", "outstanding", "days overdue"],
                                  rightAligned: [4, 5, 6])
            for i in report.items {
                table.add([i.item.relation, i.item.invoice, i.item.date.description, i.item.dueDate.description,
                           f(i.item.original), f(i.item.outstanding), String(i.daysOverdue)])
            }
            out.append("")
            out.append(table.render())
        }
        if report.items.isEmpty { out.append("No open items.") }
        return out.joined(separator: "\n")
    }
}
