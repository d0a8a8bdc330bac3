import Consolidation
import Core
import Foundation
import GitSource
import Ledger
import Store
import TestSupport
import Workspace

/// A workspace with administrations on the shipped base chart, group files committed to its template repository
/// and applied as a reviewed distribution would, and rates — for consolidations read from real books.
struct GroupBooks {
    let directory: String
    let workspace: Workspace
    let chart: ChartOfAccounts
    var service: ConsolidationService { ConsolidationService(workspace: workspace) }
    var ledger: LedgerService { workspace.ledger }
    static let author = GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-group-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        chart = try ChartLoader.load(directory: TestLedger.baseChartDirectory)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func administration(_ id: String, currency: String, year: Int) async throws {
        _ = try await ledger.createAdministration(
            Administration(id: id, name: id.capitalized, currency: try CurrencyCode(currency)), chart: chart, openYear: year)
    }

    /// Commits group files and records their revision as the reviewed one.
    func commitGroups(_ files: [String: String]) async throws {
        let commit = try workspace.templates.commit(files.map { .write(path: "groups/\($0.key).yaml", contents: Array($0.value.utf8)) },
                                                    on: "main", message: "Groups\n", author: Self.author)
        try await workspace.store.write { tx in
            for name in files.keys { try tx.applyGroup(name, revision: commit.hex, proposal: nil, at: "t") }
        }
    }

    /// Posts a balanced entry of whole-unit amounts (× 100 minor units) on `date`.
    func post(_ admin: String, _ date: String, _ lines: [(String, Double)], kind: EntryKind = .standard,
              relation: (String, String)? = nil) async throws {
        _ = try await ledger.post(EntryDraft(
            journal: "MEM", date: day(date), description: "Entry", kind: kind,
            lines: lines.map { account, amount in
                EntryLineDraft(account: account, amount: Int64((amount * 100).rounded()),
                               relation: relation?.0 == account ? relation?.1 : nil)
            }), to: admin)
    }
}
