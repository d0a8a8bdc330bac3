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
                try await global.authorize(.viewer)
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
