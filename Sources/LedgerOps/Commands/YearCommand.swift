import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops year open`: opens a fiscal year.
struct YearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year", abstract: "Fiscal years.", subcommands: [Open.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a fiscal year with its periods.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Fiscal year (the calendar year it starts in).") var year: Int

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                try await global.openWorkspace().ledger.openYear(year, in: admin)
                print("Opened fiscal year \(year) in \(admin)")
            }
        }
    }
}

/// `ledgerops close-year`: the year-end closing.
struct CloseYear: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-year",
        abstract: "Close a fiscal year: result to equity, balances into next year's opening, the year locked.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Fiscal year.") var year: Int

    func run() async throws {
        try await face {
                try await global.authorize(.accountant)
            let ledger = try global.openWorkspace().ledger
            let currency = try await ledger.summary(admin).administration.currency
            let r = try await ledger.closeYear(year, in: admin)
            let amount = Money.formatGrouped(r.result.magnitude > 0 ? abs(r.result) : 0, digits: currency.minorDigits)
            print("Closed \(year) in \(admin): " + (r.result >= 0 ? "profit" : "loss") + " \(amount) \(currency) to equity"
                + (r.closingEntry.map { " (entry \($0))" } ?? "") + "; opening balance \(r.nextYear)"
                + (r.openingEntry.map { " posted as entry \($0)" } ?? " empty") + "; \(year) is locked")
        }
    }
}
