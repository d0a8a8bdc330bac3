public import Core
import Foundation
public import Ledger
public import Workspace

/// A fresh workspace with demo administrations made from the shipped cluster templates (so they carry the
/// templates' report layouts and thresholds), as `ledgerops demo` makes them.
public struct DemoWorkspace: Sendable {
    public let directory: String
    public let workspace: Workspace
    public let administrations: [String]
    public var ledger: LedgerService { workspace.ledger }

    public init(administrations count: Int, seed: UInt64 = 1, year: Int = 2026, through: LocalDate? = nil,
                volume: Int = 1) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-demo-\(UUID().uuidString)").path
        let workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        self.workspace = workspace
        administrations = try await workspace.demoGenerator().run(.init(administrations: count, seed: seed, year: year, through: through,
                                                        volume: volume)).administrations
    }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
