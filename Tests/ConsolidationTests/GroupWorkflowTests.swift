import Consolidation
import Core
import Foundation
import GitSource
import Testing
import TestSupport
import Workflow

/// Group files change through propose → review → distribute: consolidation reads a group as reviewed, never as
/// merely committed.
@Suite struct GroupWorkflowTests {
    static func file(ownership: String) -> String {
        """
        name: ax
        title: A and X
        currency: EUR
        parent: a
        members:
          - administration: x
            ownership: \(ownership)
            investment: "04701"
            acquired: 2026-01-01

        """
    }

    func commit(_ g: GroupBooks, _ text: String) throws {
        try g.workspace.templates.commit([.write(path: "groups/ax.yaml", contents: Array(text.utf8))], on: "main",
                                         message: "Group ax\n", author: GroupBooks.author)
    }

    @Test func aGroupChangeIsProposedReviewedAndOnlyThenConsolidated() async throws {
        let g = try GroupBooks()
        defer { g.remove() }
        let users = UserService(store: g.workspace.store)
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t")
        try await users.save(User(name: "esther", email: "esther@bureau.example", role: .reviewer), by: "anna", at: "t")
        try await g.administration("a", currency: "EUR", year: 2026)
        try await g.administration("x", currency: "EUR", year: 2026)
        try await g.post("a", "2026-01-01", [("04701", 1000), ("10201", 500), ("05011", -1500)], kind: .opening)
        try await g.post("x", "2026-01-01", [("10201", 1000), ("05011", -1000)], kind: .opening)
        let year = day("2026-01-01")...day("2026-12-31")
        let proposals = ProposalService(workspace: g.workspace)
        let distribution = DistributionService(workspace: g.workspace)
        func approveAndDistribute(_ id: Int64) async throws {
            _ = try await proposals.review(id, approve: true, comment: "ok", by: "esther", at: "t2")
            let done = try await distribution.distribute(id, by: "anna", owner: LeaseOwner("t"))
            #expect(done.state == .done)
        }

        try commit(g, Self.file(ownership: "100"))
        await #expect(throws: ConsolidationError.self) { try await g.service.consolidate("ax", range: year) }
        let added = try #require(try await proposals.propose(by: "anna", at: "t1"))
        #expect(added.clusters.isEmpty && added.plans.isEmpty)
        #expect(added.groupChanges.map(\.action) == [.added] && added.groupChanges[0].group == "ax")
        await #expect(throws: ConsolidationError.self) { try await g.service.consolidate("ax", range: year) }
        try await approveAndDistribute(added.id)
        let first = try await g.service.consolidate("ax", range: year)
        #expect(first.revision == added.toRevision && first.nonControllingResult == 0)
        #expect(!first.closing.adjustments.contains { $0.kind == .nonControllingInterest })

        // A change: reviewed before it counts.
        try commit(g, Self.file(ownership: "80"))
        let changed = try #require(try await proposals.propose(by: "anna", at: "t4"))
        #expect(changed.groupChanges.first?.details == ["member x: ownership 100% → 80%"])
        #expect(try await g.service.consolidate("ax", range: year).revision == added.toRevision)
        try await approveAndDistribute(changed.id)
        let second = try await g.service.consolidate("ax", range: year)
        #expect(second.revision == changed.toRevision)
        let investment = try #require(second.closing.adjustments.first { $0.kind == .investment })
        #expect(investment.lines.contains { $0.account == "05601" && $0.amount == -20_000 })  // 20% of 1,000.00
        let audit = try await g.workspace.store.read { tx in try tx.auditRecords() }
        #expect(audit.filter { $0.action == "group.applied" }.count == 2)

        // A broken group file is refused at proposal time, naming the file.
        try commit(g, Self.file(ownership: "0"))
        await #expect {
            try await proposals.propose(by: "anna", at: "t5")
        } throws: { error in
            "\(error)".contains("groups/ax.yaml") && "\(error)".contains("ownership")
        }
    }
}
