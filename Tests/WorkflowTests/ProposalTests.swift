import Core
import Foundation
import GitSource
import Reconciler
import Store
import Testing
import TestSupport
import Workflow
import Workspace

extension WorkflowClock {
    /// A fixed instant outside every shipped cluster's window (2026-05-28), so tests do not depend on the day they run.
    static let test = WorkflowClock(now: { Date(timeIntervalSince1970: 1_780_000_000) })
}

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
        try append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n")
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
        try append(ws, "templates/base/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n")
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

@Suite struct ReviewTests {
    @Test func fourEyesApprovalsAndRejection() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let users = UserService(store: ws.store)
        for name in ["dirk", "esther"] {
            try await users.save(User(name: name, email: "\(name)@bureau.example", role: .reviewer), by: "bootstrap", at: "t")
        }
        let service = ProposalService(workspace: ws)
        try t.append(ws, "templates/horeca/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n")  // Bas authors it
        let p = try #require(try await service.propose(by: "dirk", at: "t1"))
        await #expect(throws: WorkflowError.self) { try await service.review(p.id, approve: true, comment: "ok", by: "dirk", at: "t2") }
        do { try await service.review(p.id, approve: true, comment: "ok", by: "bas", at: "t2") } catch let e as WorkflowError {
            #expect(e.code == "four-eyes" && e.message.contains("bas authored commit"))
        }
        await #expect(throws: WorkflowError.self) { try await service.review(p.id, approve: true, comment: " ", by: "esther", at: "t2") }
        // horeca needs two approvals.
        let once = try await service.review(p.id, approve: true, comment: "Looks right", by: "esther", at: "t3")
        #expect(once.state == .open)
        await #expect(throws: WorkflowError.self) { try await service.review(p.id, approve: true, comment: "again", by: "esther", at: "t4") }
        try await users.save(User(name: "fleur", email: "fleur@bureau.example", role: .reviewer), by: "bootstrap", at: "t")
        let twice = try await service.review(p.id, approve: true, comment: "Agreed", by: "fleur", at: "t5")
        #expect(twice.state == .approved && twice.reviews.count == 2)
        // An approved proposal is never superseded: a newer horeca commit waits for it, a landbouw one is its own.
        try t.append(ws, "templates/horeca/settings.yaml", "  test.flag: true\n")
        try t.append(ws, "templates/landbouw/settings.yaml", "  test.flag: true\n")
        let outcome = try await service.proposeAll(by: "dirk", at: "t6")
        let next = try #require(outcome.proposals.first)
        #expect(outcome.proposals.count == 1 && outcome.waiting == ["horeca": p.id])
        #expect(next.clusters == ["landbouw"] && next.supersedes.isEmpty && next.reviews.isEmpty)
        #expect(try await service.proposal(p.id).state == .approved)
        let rejected = try await service.review(next.id, approve: false, comment: "Not now", by: "esther", at: "t7")
        #expect(rejected.state == .rejected)
        let actions = try await ws.store.read { tx in try tx.auditRecords() }.map(\.action)
        #expect(actions.suffix(3) == ["review.approved", "proposal.created", "review.rejected"])
    }

    @Test func conflictsAndBlockedItemsNeedADecisionBeforeApproval() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await UserService(store: ws.store).save(User(name: "esther", email: "esther@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t")
        try await ws.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: "m1")
        let old = String(decoding: try ws.templates.read("templates/base/settings.yaml", at: "main")!, as: UTF8.self)
        try ws.templates.commit([.write(path: "templates/base/settings.yaml", contents: Array(
            old.replacingOccurrences(of: "payment.term-days: 30", with: "payment.term-days: 21").utf8))],
            message: "Terms\n", author: ProposalTests.bas)
        let service = ProposalService(workspace: ws)
        let p = try #require(try await service.propose(by: "anna", at: "t1"))
        #expect(p.undecided == ["m1|settings:payment.term-days"])
        do { try await service.review(p.id, approve: true, comment: "ok", by: "esther", at: "t2") } catch let e as WorkflowError {
            #expect(e.code == "undecided")
        }
        await #expect(throws: WorkflowError.self) {
            try await service.decide(p.id, administration: "m1", item: "settings:payment.term-days", take: "maybe", by: "esther", at: "t3")
        }
        try await service.decide(p.id, administration: "m1", item: "settings:payment.term-days", take: "local", by: "esther", at: "t3")
        #expect(try await service.proposal(p.id).undecided.isEmpty)
        #expect(try await service.review(p.id, approve: true, comment: "Keep m1's terms", by: "esther", at: "t4").state == .open)
    }
}

@Suite struct DistributionTests {
    @Test func anApprovedProposalReachesEveryAdministrationAndIsAuditedOnce() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await UserService(store: ws.store).save(User(name: "esther", email: "esther@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t")
        try await ws.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: "m2")
        let old = String(decoding: try ws.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        try ws.templates.commit([.write(path: "templates/mkb/accounts.csv", contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                message: "New account\n", author: ProposalTests.bas)
        let proposals = ProposalService(workspace: ws)
        let p = try #require(try await proposals.propose(by: "anna", at: "t1"))
        let distribution = DistributionService(workspace: ws, clock: .test)
        await #expect(throws: WorkflowError.self) {
            try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("cli"))
        }
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t2")
        let result = try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("cli"))
        #expect(result == .init(state: .done, applied: 2, failed: 0, conflicts: 0, pending: 0))
        #expect(try await proposals.proposal(p.id).state == .distributed)
        for admin in ["m1", "m2"] {
            #expect(try await ws.ledger.accounts(admin).contains { $0.code == "46999" })
            #expect(try await ws.ledger.appliedConfiguration(admin)?.revision == p.toRevision)
        }
        // m2's local setting is drift, not overwritten.
        let live = try await ws.store.read { tx in try tx.liveConfiguration("m2") }
        #expect(live?.settings["payment.term-days"] == .number(.init(mantissa: 45, scale: 0)))
        // Running it again does nothing more.
        await #expect(throws: WorkflowError.self) {
            try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("cli"))
        }
        let audit = try await ws.store.read { tx in try tx.auditRecords() }
        #expect(audit.filter { $0.action == "apply" }.map(\.subject).sorted() == ["m1", "m2"])
        #expect(AuditLog.verify(audit) == nil)
        let history = try await ws.store.read { tx in try tx.appliedHistory("m1") }
        #expect(history.filter { $0.revision == p.toRevision }.count == 1)
    }

    @Test func wavesFollowTheClusterFile() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let set = try ws.templateSet()
        let plans = (1...10).map { i in
            Plan(administration: "mkb-\(String(format: "%04d", i))", cluster: "mkb", revision: "r", desiredHash: "",
                 liveHash: "", items: [PlanItem(key: ItemKey(kind: .settings, key: "x"), action: .update, changes: [])])
        }
        let p = Proposal(id: 1, state: .approved, fromRevision: nil, toRevision: "r", branch: nil, proposer: "anna",
                         createdAt: "t", commits: [], clusters: ["mkb"], plans: plans, supersedes: [])
        let waves = DistributionService.waves(p, set: set)
        let byWave = Dictionary(grouping: waves.keys, by: { waves[$0]! }).mapValues { $0.count }
        let cluster = try #require(set.clusters["mkb"])
        #expect(byWave[0] == cluster.waves[0].count)  // the canary count
        #expect(byWave.values.reduce(0, +) == 10)
    }
}

@Suite struct RollbackTests {
    @Test func aRollbackIsARevertCommitProposedAndDistributedLikeAnyChange() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let users = UserService(store: ws.store)
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t")
        try await users.save(User(name: "esther", email: "esther@bureau.example", role: .reviewer), by: "anna", at: "t")
        let before = try await ws.ledger.appliedConfiguration("m1")!.config
        try t.append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n")
        let proposals = ProposalService(workspace: ws), distribution = DistributionService(workspace: ws, clock: .test)
        let p = try #require(try await proposals.propose(by: "anna", at: "t1"))
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t2")
        _ = try await distribution.distribute(p.id, by: "anna", owner: LeaseOwner("t"))
        #expect(try await ws.ledger.accounts("m1").contains { $0.code == "46999" })
        let revert = try #require(try await proposals.rollback(p.id, by: "anna", at: "t4", commitTime: 1_767_400_000))
        let head = try ws.templates.log(limit: 1)[0]
        #expect(head.author.email == "anna@bureau.example" && head.summary.hasPrefix("Revert proposal \(p.id)"))
        #expect(revert.commits.map(\.id) == [head.id.hex])
        _ = try await proposals.review(revert.id, approve: true, comment: "undo", by: "esther", at: "t5")
        _ = try await distribution.distribute(revert.id, by: "anna", owner: LeaseOwner("t"))
        #expect(!(try await ws.ledger.accounts("m1")).contains { $0.code == "46999" })
        let after = try await ws.ledger.appliedConfiguration("m1")!.config
        #expect(after == before)
    }
}

@Suite struct DistributionControlTests {
    /// Three administrations whose database refuses the new account: their applies fail.
    @Test func failuresPauseTheDistributionResumeFinishesAbortStops() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await UserService(store: ws.store).save(User(name: "esther", email: "esther@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t")
        for id in ["m3", "m4", "m5"] { try await ws.createAdministration(id: id, name: id, cluster: "mkb", openYear: 2026) }
        let proposals = ProposalService(workspace: ws), distribution = DistributionService(workspace: ws, clock: .test)
        // The database refuses the new account in m1, m2 and m3 (the canary wave).
        injectFailures(dir, admins: ["m1", "m2", "m3"], code: "46998")
        try t.append(ws, "templates/mkb/accounts.csv", "46998,Tijdelijk,expense,debit,WBedAlkOal,,\n")
        let second = try #require(try await proposals.propose(by: "anna", at: "t4"))
        _ = try await proposals.review(second.id, approve: true, comment: "ok", by: "esther", at: "t5")
        let paused = try await distribution.distribute(second.id, by: "anna", owner: LeaseOwner("t"))
        // maxFailures 2 counts across the distribution: three failed canaries stop it before the other waves.
        #expect(paused.state == .paused && paused.failed == 3 && paused.applied == 0 && paused.pending == 2)
        #expect(paused.failures.keys.sorted() == ["m1", "m2", "m3"] && paused.reason?.contains("maxFailures 2") == true)
        #expect(paused.failures["m1"]?.contains("the disk refused the write") == true)
        // The timer never carries a paused distribution on.
        let tick = WorkflowTick(proposals: proposals, distribution: distribution, owner: LeaseOwner("timer"))
        #expect(try await tick.run().distributed.isEmpty)
        // Resuming retries the failures, with their reason kept; they fail again and it pauses again.
        let again = try await distribution.distribute(second.id, by: "anna", owner: LeaseOwner("t"))
        #expect(again.state == .paused && again.failed == 3 && again.pending == 2)
        let attempts = try await distribution.items(second.id).filter { $0.state == .failed }.map(\.attempts)
        #expect(attempts == [2, 2, 2])
        // A commit for mkb now waits for this distribution rather than superseding it.
        try t.append(ws, "templates/mkb/settings.yaml", "  test.flag: true\n")
        let waiting = try await proposals.proposeAll(by: "anna", at: "t7")
        #expect(waiting.proposals.isEmpty && waiting.waiting == ["mkb": second.id])
        // Only explicitly skipped administrations let it finish.
        for id in ["m1", "m2", "m3"] {
            try await distribution.skip(second.id, administration: id, reason: "journal TMP still books on 46998", by: "esther")
        }
        let resumed = try await distribution.distribute(second.id, by: "anna", owner: LeaseOwner("t"))
        #expect(resumed.state == .done && resumed.applied == 2 && resumed.skipped == 3 && resumed.failed == 0)
        healApplies(dir)
        let audit = try await ws.store.read { tx in try tx.auditRecords() }.map(\.action)
        #expect(audit.contains("distribution.paused") && audit.filter { $0 == "apply.failed" }.count == 6)
        #expect(audit.filter { $0 == "distribution.skipped" }.count == 3)
        // The waiting change is proposed now, and aborted before it runs.
        let third = try #require(try await proposals.propose(by: "anna", at: "t8"))
        _ = try await proposals.review(third.id, approve: true, comment: "ok", by: "esther", at: "t9")
        try await distribution.abort(third.id, by: "anna")
        await #expect(throws: WorkflowError.self) {
            try await distribution.distribute(third.id, by: "anna", owner: LeaseOwner("t"))
        }
    }

    @Test func aBranchProposalMovesTheTrackedBranch() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await UserService(store: ws.store).save(User(name: "esther", email: "esther@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t")
        let old = String(decoding: try ws.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        let main = try ws.templates.resolve("main")
        let tip = try ws.templates.commit([.write(path: "templates/mkb/accounts.csv", contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                          on: "feature", message: "On a branch\n", author: ProposalTests.bas, parents: [main.hex])
        let proposals = ProposalService(workspace: ws)
        let p = try #require(try await proposals.propose(branch: "feature", by: "anna", at: "t1"))
        #expect(p.branch == "feature" && p.toRevision == tip.hex && p.affected.count == 2)
        #expect(try ws.templates.resolve("main") == main)  // not moved by proposing
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t2")
        _ = try await DistributionService(workspace: ws, clock: .test).distribute(p.id, by: "anna", owner: LeaseOwner("t"))
        // git itself sees main at the branch's commit.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["--git-dir", dir + "/templates.git", "rev-parse", "main"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == tip.hex)
    }
}

@Suite struct WorkflowTickTests {
    @Test func theTimerProposesNewCommitsAndCarriesApprovedOnesOn() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await UserService(store: ws.store).save(User(name: "esther", email: "esther@bureau.example", role: .reviewer),
                                                    by: "bootstrap", at: "t")
        let proposals = ProposalService(workspace: ws)
        let tick = WorkflowTick(proposals: proposals, distribution: DistributionService(workspace: ws, clock: .test))
        let idle = try await tick.run()
        #expect(idle.leader && idle.proposed.isEmpty && idle.distributed.isEmpty)
        try t.append(ws, "templates/mkb/accounts.csv", "46999,Nieuw,expense,debit,WBedAlkOal,,\n")
        let first = try await tick.run()
        let id = try #require(first.proposed.first)
        let proposer = try await proposals.proposal(id).proposer
        #expect(first.distributed.isEmpty && proposer == "reconciler")
        let quiet = try await tick.run()  // nothing new, nothing approved
        #expect(quiet.proposed.isEmpty && quiet.distributed.isEmpty)
        _ = try await proposals.review(id, approve: true, comment: "ok", by: "esther", at: "t4")
        let carried = try await tick.run()
        #expect(carried.proposed.isEmpty && carried.distributed == [id])
        #expect(try await proposals.proposal(id).state == .distributed)
    }
}
