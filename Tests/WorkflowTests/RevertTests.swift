import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Testing
import Workflow
import Workspace

/// Regression tests for issue 18's findings 3 and 6: renumbers move every reference and respect local edits;
/// rollback is a revert of the proposal's own commits.
@Suite struct RevertTests {
    static let account = "46999,Nieuw,expense,debit,WBedAlkOal,,\n"

    /// Finding 3 — a renumber failed on an account with budget rows (`FOREIGN KEY constraint failed … DELETE FROM
    /// account`) and silently overwrote a local edit of the account's name.
    @Test func aRenumberMovesBudgetRowsAndConflictsWithALocalEdit() async throws {
        let f = try await OpsFixture(mkb: 2)
        defer { f.remove() }
        try await f.postOn("45105", admin: "m1")
        try await f.workspace.store.write { tx in
            for period in 1...12 { try tx.setBudget("m1", version: "begroting", year: 2026, period: period, account: "45105", amount: 1_000) }
            guard var a = try tx.account("m2", code: "45105") else { return }
            a.name = "Huur kantoor Utrecht"
            try tx.upsert(a, admin: "m2")
        }
        try f.change("templates/base/accounts.csv") { OpsFixture.renumbering($0, "45105", to: "45110") }
        let p = try #require(try await f.proposals.propose(by: "anna", at: "t"))
        let items = Dictionary(uniqueKeysWithValues: p.affected.map { ($0.administration, $0.items.map(\.action)) })
        #expect(items["m1"] == [.renumber] && items["m2"] == [.conflict])
        #expect(p.undecided == ["m2|accounts:45110"])
        try await f.proposals.decide(p.id, administration: "m2", item: "accounts:45110", take: "template", by: "esther", at: "t")
        _ = try await f.proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t")
        _ = try await f.proposals.review(p.id, approve: true, comment: "ok", by: "fleur", at: "t")  // base: horeca needs two
        let done = try await f.distribution().distribute(p.id, by: "esther", owner: LeaseOwner("t"))
        #expect(done.state == .done && done.applied == 2)
        let budget = try await f.workspace.store.read { tx in try tx.budgetMonths("m1", version: "begroting", year: 2026) }
        #expect(budget["45110"] == Array(repeating: 1_000, count: 12) && budget["45105"] == nil)
        #expect(try await f.workspace.ledger.accounts("m2").first { $0.code == "45110" }?.name == "Betaalde huur")
        #expect(try await f.status("m1") == "Synced")
        #expect(try await f.status("m2") == "Synced")
    }

    /// Every column that holds an account code is moved by a renumbering: the schema's foreign keys plus a short
    /// list of summaries; a column named like an account that is in neither fails here, so no table is forgotten.
    @Test func everyAccountColumnIsMovedByARenumbering() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        let moved = Set(try await f.workspace.store.read { tx in try tx.accountReferences() }.map { "\($0.table).\($0.column)" })
        let db = f.directory + "/" + LedgerStore.fileName
        let columns = sqlite3(db, """
            SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND (c.name = 'account' OR c.name LIKE '%\\_account' ESCAPE '\\')
            """).split(separator: "\n").map(String.init)
        #expect(!columns.isEmpty)
        // Columns that name something else than this administration's ledger account.
        let elsewhere: Set<String> = []
        for column in columns where !elsewhere.contains(column) {
            #expect(moved.contains(column), "\(column) holds an account code but a renumbering would not move it")
        }
        #expect(moved.contains("budget_amount.account") && moved.contains("entry_line.account") && moved.contains("balance.account"))
    }

    /// Finding 6 — rollback restored whole files as of the proposal's start (undoing later, unrelated proposals),
    /// ran on proposals never distributed, and left a renumber un-inverted.
    @Test func aRollbackRevertsOnlyItsOwnCommits() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        let first = try await f.proposeAndApprove()
        _ = try await f.distribution().distribute(first, by: "esther", owner: LeaseOwner("t"))
        try f.change("templates/mkb/settings.yaml") { $0 + "  test.flag: true\n" }
        let second = try await f.proposeAndApprove()
        _ = try await f.distribution().distribute(second, by: "esther", owner: LeaseOwner("t"))
        // Never distributed: refused.
        try f.change("templates/mkb/settings.yaml") { $0 + "  test.other: true\n" }
        let open = try #require(try await f.proposals.propose(by: "anna", at: "t"))
        await #expect(throws: WorkflowError.self) { try await f.proposals.rollback(open.id, by: "anna", at: "t", commitTime: 1_780_000_000) }
        _ = try await f.proposals.review(open.id, approve: false, comment: "no", by: "esther", at: "t")
        // The first one's revert keeps the second's change.
        let revert = try #require(try await f.proposals.rollback(first, by: "anna", at: "t", commitTime: 1_780_000_000))
        // The later proposal's setting stays; the rejected one's commit is still in the template, as any rejected change.
        let items = revert.affected.first?.items.map { "\($0.action.rawValue) \($0.key)" } ?? []
        #expect(items.contains("remove accounts:46999") && !items.contains { $0.contains("test.flag") })
        let settings = String(decoding: try f.workspace.templates.read("templates/mkb/settings.yaml", at: "main") ?? [], as: UTF8.self)
        #expect(settings.contains("test.flag: true"))
        _ = try await f.proposals.review(revert.id, approve: true, comment: "undo", by: "esther", at: "t")
        _ = try await f.distribution().distribute(revert.id, by: "esther", owner: LeaseOwner("t"))
        #expect(!(try await f.workspace.ledger.accounts("m1")).contains { $0.code == "46999" })
        // Reverting it again changes nothing: refused.
        do {
            _ = try await f.proposals.rollback(first, by: "anna", at: "t", commitTime: 1_780_000_100)
            Issue.record("a rollback that changes nothing must be refused")
        } catch let e as WorkflowError { #expect(e.code == "nothing-to-revert") }
    }

    @Test func aRollbackInvertsARenumber() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        try await f.postOn("45105", admin: "m1")
        try f.change("templates/base/accounts.csv") { OpsFixture.renumbering($0, "45105", to: "45110") }
        let id = try await f.proposeAndApprove()
        _ = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("t"))
        #expect(try await f.workspace.ledger.accounts("m1").contains { $0.code == "45110" })
        let revert = try #require(try await f.proposals.rollback(id, by: "anna", at: "t", commitTime: 1_780_000_000))
        #expect(revert.affected.first?.items.map { "\($0.action.rawValue) \($0.key)" } == ["renumber accounts:45105"])
        _ = try await f.proposals.review(revert.id, approve: true, comment: "undo", by: "esther", at: "t")
        _ = try await f.proposals.review(revert.id, approve: true, comment: "undo", by: "fleur", at: "t")
        _ = try await f.distribution().distribute(revert.id, by: "esther", owner: LeaseOwner("t"))
        let accounts = try await f.workspace.ledger.accounts("m1")
        #expect(accounts.contains { $0.code == "45105" } && !accounts.contains { $0.code == "45110" })
        let entry = try #require(try await f.workspace.ledger.entries("m1").last)
        #expect(entry.lines.map(\.account).contains("45105"))
        _ = try await f.reconciler.pass(now: "t2")
        #expect(try await f.status("m1") == "Synced")
    }

    /// On a workspace tracking a remote, the revert is pushed there, or refused with nothing moved; a fetch that
    /// cannot fast-forward fails the pass visibly.
    @Test func aRollbackOnARemoteIsPushedOrRefused() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        let remote = f.directory + "/remote.git", clone = f.directory + "/clone"
        try git(["clone", "-q", "--bare", f.directory + "/templates.git", remote])
        let ws = try Workspace.initialize(f.directory + "/tracking", remote: "file://" + remote, time: 1_767_225_600)
        try await ws.createAdministration(id: "t1", name: "t1", cluster: "mkb", openYear: 2026)
        let users = UserService(store: ws.store)
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t")
        try await users.save(User(name: "esther", email: "esther@bureau.example", role: .reviewer), by: "anna", at: "t")
        try git(["clone", "-q", remote, clone])
        try git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-q", "--allow-empty", "-m", "x"])
        try (try String(contentsOfFile: clone + "/templates/mkb/accounts.csv", encoding: .utf8) + Self.account)
            .write(toFile: clone + "/templates/mkb/accounts.csv", atomically: true, encoding: .utf8)
        try git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-qam", "New account"])
        try git(["-C", clone, "push", "-q", "origin", "main"])
        let reconciler = ReconcilerService(workspace: ws), proposals = ProposalService(workspace: ws)
        _ = try await reconciler.pass(now: "t")
        let p = try #require(try await proposals.propose(by: "anna", at: "t"))
        _ = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: "t")
        _ = try await DistributionService(workspace: ws, clock: f.time.clock).distribute(p.id, by: "esther", owner: LeaseOwner("t"))
        // The remote moved on meanwhile: the revert's push is not a fast-forward, so it is refused and nothing moves here.
        try git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-q", "--allow-empty", "-m", "y"])
        try git(["-C", clone, "push", "-q", "origin", "main"])
        let before = try ws.templates.resolve("main").hex
        do {
            _ = try await proposals.rollback(p.id, by: "anna", at: "t", commitTime: 1_780_000_000)
            Issue.record("a revert the remote refuses must not land locally")
        } catch let e as WorkflowError { #expect(e.code == "push-refused") }
        #expect(try ws.templates.resolve("main").hex == before)
        // After a pass fetched the remote, the rollback is pushed: the remote's main is the workspace's.
        _ = try await reconciler.pass(now: "t")
        _ = try await proposals.rollback(p.id, by: "anna", at: "t", commitTime: 1_780_000_100)
        let local = try ws.templates.resolve("main").hex
        #expect(try output(["--git-dir", remote, "rev-parse", "main"]) == local)
        // A local commit the remote lacks: the next fetch cannot fast-forward, and the pass fails visibly.
        try ws.templates.commit([.write(path: "templates/mkb/notes.txt", contents: Array("local\n".utf8))],
                                message: "Local only\n", author: OpsFixture.bas)
        try git(["-C", clone, "pull", "-q", "--ff-only"])
        try git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-q", "--allow-empty", "-m", "z"])
        try git(["-C", clone, "push", "-q", "origin", "main"])
        do {
            _ = try await reconciler.pass(now: "t")
            Issue.record("a diverged branch must fail the pass")
        } catch let e as ReconcilerService.Refusal { #expect(e.code == "diverged") }
    }

    func git(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args.joined(separator: " "))")
    }

    func output(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
