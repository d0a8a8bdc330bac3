import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops post`: posts entries from a JSON file or stdin.
struct Post: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Post an entry (or an array of entries, all or none) from JSON.",
        discussion: """
            Entry JSON: {"journal": "MEM", "date": "2026-03-14", "description": "…", "source": "…", "reference": "…",
              "lines": [{"account": "…", "debit": "121.00"}, {"account": "…", "credit": "121.00"}]}
            Line fields: account, debit | credit, currency, rate, baseAmount, vatCode, vatAmount, relation,
            costCentre, invoice, dueDate, description. Amounts are decimal strings.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Option(name: .shortAndLong, help: "Entry JSON file (default: stdin).") var file: String?
    @Flag(help: "Print the posted entries as JSON.") var json = false

    func run() async throws {
        try await face {
                try await global.authorize(.accountant)
            let data: Data
            if let file {
                guard let d = FileManager.default.contents(atPath: file) else {
                    throw LedgerError("missing-file", file, "the file does not exist or cannot be read")
                }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            let ledger = try global.openWorkspace().ledger
            let currency = try await ledger.summary(admin).administration.currency
            let drafts = try EntryDocument.parseMany(data, currency: currency)
            let results = try await ledger.post(drafts, to: admin)
            if json { return try printJSON(results) }
            for r in results {
                let e = r.entry
                let amount = Money.formatGrouped(e.totalDebit, digits: currency.minorDigits)
                print((r.created ? "Posted" : "Already posted") + " entry \(e.number) in \(admin): \(e.date) "
                    + "\(e.journal) \"\(e.description)\" \(amount) \(currency), \(e.lines.count) lines, period "
                    + "\(e.year)-\(e.period < 10 ? "0" : "")\(e.period)")
            }
        }
    }
}
