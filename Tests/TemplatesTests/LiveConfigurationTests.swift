import Core
import Foundation
import Ledger
import Templates
import Testing
import TestSupport
import Workspace

/// An administration created from a template holds exactly the rendered configuration: live equals last-applied.
@Suite struct LiveConfigurationTests {
    @Test(arguments: ["mkb", "landbouw", "horeca"])
    func liveEqualsAppliedAfterCreation(_ cluster: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-live-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try Workspace.initialize(dir, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        let applied = try await ws.createAdministration(id: "\(cluster)-0001", name: "X", cluster: cluster, openYear: 2026)
        let live = try #require(try await ws.store.read { tx in try tx.liveConfiguration("\(cluster)-0001") })
        #expect(live == applied.config)
        #expect(live.sha256 == applied.hash)
        #expect(applied.revision == (try ws.templates.resolve("main").hex))
        #expect(try await ws.ledger.appliedConfiguration("\(cluster)-0001") == applied)
    }
}
