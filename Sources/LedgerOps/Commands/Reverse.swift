import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops reverse`: reverses a posted entry.
struct Reverse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reverse a posted entry with a new, opposite entry.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Entry number.") var entry: Int64
    @Option(help: "Date of the reversal (default: the original's date).") var date: String?

    func run() async throws {
        try await face {
                try await global.authorize(.accountant)
            let reversal = try await global.openWorkspace().ledger.reverse(
                entry: entry, in: admin, on: try parseDate(date, field: "--date"))
            print("Reversed entry \(entry) with entry \(reversal.number) on \(reversal.date)")
        }
    }
}
