import ArgumentParser
import Core
import Foundation
import Ledger

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
                try await global.authorize(.viewer)
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
