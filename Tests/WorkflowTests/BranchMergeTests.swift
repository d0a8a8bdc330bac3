import Foundation
import GitSource
import Testing
import Workflow
import Workspace

/// Branch proposals when the tracked branch moved on after the branch forked: the merge is made through libgit2,
/// reviewed as it will land, and the tracked branch moves to it only when what was reviewed still holds.
@Suite struct BranchMergeTests {
    static let commitTime: Int64 = 1_767_400_000

    func workspace() async throws -> (Workspace, String) {
        let (ws, dir) = try await ProposalTests().workspace()
        let users = UserService(store: ws.store)
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t")
        try await users.save(User(name: "esther", email: "esther@bureau.example", role: .reviewer), by: "anna", at: "t")
        return (ws, dir)
    }

    /// Commits `path` with `text` appended, on `branch` (forked from `parent` when it does not exist yet).
    @discardableResult
    func append(_ ws: Workspace, _ path: String, _ text: String, on branch: String = "main", parent: GitObjectID? = nil)
        throws -> GitObjectID
    {
        let base = parent?.hex ?? branch
        let old = String(decoding: try ws.templates.read(path, at: base) ?? [], as: UTF8.self)
        return try ws.templates.commit([.write(path: path, contents: Array((old + text).utf8))], on: branch,
                                       message: "Change \(path) on \(branch)\n", author: ProposalTests.bas,
                                       parents: parent.map { [$0.hex] })
    }

    /// The git CLI's answer, trimmed.
    func git(_ dir: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["--git-dir", dir + "/templates.git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw WorkflowError("git", "git \(arguments) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aBranchTheTrackedBranchMovedAwayFromIsMergedReviewedAndLandsAsAMergeCommit() async throws {
        let (ws, dir) = try await workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fork = try ws.templates.resolve("main")
        let tip = try append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n", on: "feature", parent: fork)
        let moved = try append(ws, "templates/mkb/settings.yaml", "  test.flag: true\n")
        let proposals = ProposalService(workspace: ws)
        await #expect(throws: WorkflowError.self) {  // a merge needs an author with an email
            try await proposals.propose(branch: "feature", by: "ghost", at: "t1", commitTime: Self.commitTime)
        }
        let p = try #require(try await proposals.propose(branch: "feature", by: "anna", at: "t1", commitTime: Self.commitTime))
        #expect(p.branchHead == tip.hex && p.toRevision != tip.hex)
        #expect(try await proposals.proposal(p.id).branchHead == tip.hex)  // kept with the proposal
        // Reviewers see both sides as they will land.
        #expect(p.affected.allSatisfy { $0.items.map(\.key.description) == ["accounts:46999", "settings:test.flag"] })
        #expect(p.commits.first?.authorEmail == "anna@bureau.example" && p.commits.count == 3)
        #expect(try ws.templates.resolve("main") == moved)  // proposing moves nothing
        #expect(try await proposals.propose(branch: "feature", by: "anna", at: "t2", commitTime: Self.commitTime) == nil)
        // The proposer authored the merge: four eyes still hold.
        await #expect(throws: WorkflowError.self) {
            try await proposals.review(p.id, approve: true, comment: "mine", by: "anna", at: "t3")
        }
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t3")
        let result = try await DistributionService(workspace: ws, clock: .test).distribute(p.id, by: "anna", owner: LeaseOwner("t"), commitTime: Self.commitTime)
        #expect(result.state == .done && result.applied == 2)
        // git itself: main is the merge of its own commit and the branch's, holding both changes.
        #expect(try git(dir, "rev-list", "--parents", "-n", "1", "main") == "\(p.toRevision) \(moved.hex) \(tip.hex)")
        #expect(try git(dir, "show", "main:templates/mkb/accounts.csv").contains("46999,Nieuw"))
        #expect(try git(dir, "show", "main:templates/mkb/settings.yaml").contains("test.flag: true"))
        for admin in ["m1", "m2"] {
            #expect(try await ws.ledger.accounts(admin).contains { $0.code == "46999" })
            #expect(try await ws.ledger.appliedConfiguration(admin)?.revision == p.toRevision)
        }
    }

    @Test func aBranchThatConflictsWithTheTrackedBranchIsRefusedNamingTheFileAndWritesNothing() async throws {
        let (ws, dir) = try await workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fork = try ws.templates.resolve("main")
        try append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n", on: "feature", parent: fork)
        let moved = try append(ws, "templates/mkb/accounts.csv", "46999,Anders,expense,debit,WBedAlkOal,,\n")
        let proposals = ProposalService(workspace: ws)
        do {
            _ = try await proposals.propose(branch: "feature", by: "anna", at: "t1", commitTime: Self.commitTime)
            Issue.record("a conflicting merge was proposed")
        } catch let error as WorkflowError {
            #expect(error.code == "merge-conflict" && error.message.contains("templates/mkb/accounts.csv"))
        }
        #expect(try await proposals.proposals().isEmpty)
        #expect(try ws.templates.resolve("main") == moved)
        #expect(try git(dir, "for-each-ref", "refs/ledgerops/").isEmpty)
    }

    @Test func aTrackedBranchThatMovesAfterReviewIsMergedOnlyWhenItLeavesTheReviewedClustersAlone() async throws {
        let (ws, dir) = try await workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fork = try ws.templates.resolve("main")
        let tip = try append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n", on: "feature", parent: fork)
        let proposals = ProposalService(workspace: ws), distribution = DistributionService(workspace: ws, clock: .test)
        let p = try #require(try await proposals.propose(branch: "feature", by: "anna", at: "t1", commitTime: Self.commitTime))
        #expect(p.toRevision == tip.hex && p.branchHead == nil)  // a fast-forward needs no merge
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t2")
        // main gains a change to a cluster this proposal reviewed: refused, nothing moved or applied.
        let mkb = try append(ws, "templates/mkb/settings.yaml", "  test.flag: true\n")
        do {
            _ = try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("t"),
                                                  commitTime: Self.commitTime)
            Issue.record("an unreviewed change was distributed")
        } catch let error as WorkflowError {
            #expect(error.code == "moved" && error.message.contains("mkb") && error.message.contains("propose feature again"))
        }
        #expect(try ws.templates.resolve("main") == mkb)
        #expect(try await ws.ledger.appliedConfiguration("m1")?.revision == fork.hex)
        #expect(try await proposals.proposal(p.id).state == .approved)
        // Put back as it was, plus a change to another cluster only: merged, and the reviewed change lands.
        let old = try ws.templates.read("templates/mkb/settings.yaml", at: fork.hex)!
        try ws.templates.commit([.write(path: "templates/mkb/settings.yaml", contents: old)], message: "Undo\n",
                                author: ProposalTests.bas)
        let horeca = try append(ws, "templates/horeca/settings.yaml", "  test.flag: true\n")
        let result = try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("t"),
                                                       commitTime: Self.commitTime)
        #expect(result.state == .done && result.applied == 2)
        let parents = try git(dir, "rev-list", "--parents", "-n", "1", "main").split(separator: " ").map(String.init)
        #expect(parents.count == 3 && parents[1] == horeca.hex && parents[2] == tip.hex)
        #expect(try git(dir, "log", "-1", "--format=%ae %s", "main") == "anna@bureau.example Merge branch 'feature' into main")
        #expect(try await ws.ledger.accounts("m1").contains { $0.code == "46999" })
        #expect(try await ws.ledger.appliedConfiguration("h1")?.revision == fork.hex)  // horeca waits for its own review
    }
}
