import Budgeting
import Core

/// Budgets as terminal tables.
enum BudgetOutput {
    static func table(_ t: BudgetService.Table, only: Set<String>?) -> String {
        let digits = t.currency.minorDigits
        var table = TextTable(["account", "name"] + (1...12).map { "p\($0)" } + ["year"], rightAligned: Set(2...14))
        for row in t.rows where only?.contains(row.account) ?? true {
            table.add([row.account, String(row.name.prefix(28))] + (row.months + [row.total]).map { Money.formatGrouped($0, digits: digits) })
        }
        return "Budget '\(t.version)' \(t.year) — \(t.administration) (\(t.currency)), revenue positive\n" + table.render()
    }

    static func drivers(_ r: DriverResult, digits: Int) -> String {
        func m(_ v: Int64) -> String { Money.formatGrouped(v, digits: digits) }
        var cash = TextTable(["month", "result", "depreciation", "receivables", "payables", "investments", "borrowing",
                              "repayments", "cash flow", "cash"], rightAligned: Set(1...9))
        for (i, f) in r.cashFlows.enumerated() {
            cash.add(["\(i + 1)", m(f.result), m(f.depreciation), m(f.receivables), m(f.payables), m(f.investments),
                      m(f.borrowing), m(f.repayments), m(f.total), m(r.balanceSheets[i + 1][r.cashAccount] ?? 0)])
        }
        var sheet = TextTable(["account", "opening", "year end"], rightAligned: [1, 2])
        let end = r.balanceSheets[12], start = r.balanceSheets[0]
        for code in Set(end.keys).union(start.keys).sorted() { sheet.add([code, m(start[code] ?? 0), m(end[code] ?? 0)]) }
        return "\nCash flow of the driver model (indirect; adds up to the change in cash)\n" + cash.render()
            + "\n\nBalance sheet of the driver model (debit positive; balances to zero)\n" + sheet.render()
    }
}
