import Core
import Foundation
import GitSource
import Reconciler
import Store
import Testing
import TestSupport
import Workflow
import Workspace

@Suite struct ProposalTests {
    static let bas = GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000)

    func workspace() async throws -> (Workspace, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-prop-\(UUID().uuidString)").path
        let ws = try Workspace.initialize(dir, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        for (id, cluster) in [("m1", "mkb"), ("m2", "mkb"), ("h1", "horeca"), ("l1", "landbouw")] {
            try await ws.createAdministration(id: id, name: id, cluster: cluster, openYear: 2026)
        }
        try await UserService(store: ws.store).save(User(name: "bas", email: "bas@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t0")
        return (ws, dir)
    }

    func append(_ ws: Workspace, _ path: String, _ text: String, author: GitSignature = bas) throws {
        let old = String(decoding: try ws.templates.read(path, at: "main") ?? [], as: UTF8.self)
        try ws.templates.commit([.write(path: path, contents: Array((old + text).utf8))], message: "Change \(path)\n", author: author)
    }

    @Test func aCommitBecomesAProposalWithItsCommitsClustersAndPlans() async throws {
        let (ws, dir) = try await workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let service = ProposalService(workspace: ws)
        #expect(try await service.propose(by: "anna", at: "t1") == nil)
        try append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,,,\n")
        try append(ws, "templates/mkb/settings.yaml", "  test.flag: true\n",
                   author: GitSignature(name: "Eve", email: "eve@elsewhere.example", time: 1_767_300_100))
        let p = try #require(try await service.propose(by: "anna", at: "t2"))
        #expect(p.clusters == ["mkb"])
        #expect(p.commits.map(\.user) == [nil, "bas"])  // newest first; Eve is unknown
        #expect(Set(p.affected.map(\.administration)) == ["m1", "m2"])
        #expect(p.affected.allSatisfy { $0.items.map(\.key.description) == ["accounts:46999", "settings:test.flag"] })
        #expect(try await service.propose(by: "anna", at: "t3") == nil)  // already proposed and open
        let audit = try await ws.store.read { tx in try tx.auditRecords() }.map(\.action)
        #expect(audit.last == "proposal.created")
    }

    @Test func aChangeToBaseTouchesEveryClusterAndANewerCommitSupersedes() async throws {
        let (ws, dir) = try await workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let service = ProposalService(workspace: ws)
        try append(ws, "templates/base/accounts.csv", "46999,Nieuw,expense,debit,,,\n")
        let first = try #require(try await service.propose(by: "anna", at: "t1"))
        #expect(first.clusters == ["horeca", "landbouw", "mkb"] && first.affected.count == 4)
        try append(ws, "templates/horeca/settings.yaml", "  test.flag: true\n")
        let second = try #require(try await service.propose(by: "anna", at: "t2"))
        // The open proposal's change is proposed again with the newer one: nothing is lost.
        #expect(second.clusters == ["horeca", "landbouw", "mkb"] && second.supersedes == [first.id])
        #expect(second.commits.count == 2 && second.fromRevision == first.fromRevision)
        #expect(try await service.proposal(first.id).state == .superseded)
        #expect(try await service.proposals().map(\.state) == [.superseded, .open])
    }
}
