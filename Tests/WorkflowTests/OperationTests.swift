import Core
import Foundation
import Reconciler
import Store
import Testing
import Workflow
import Workspace

/// Regression tests for issue 18's findings: the controls around distribution as a bureau leaving the timer running
/// meets them. Each failed on the code before (noted per test).
@Suite struct OperationTests {
    static let account = "46999,Nieuw,expense,debit,WBedAlkOal,,\n"

    /// Finding 1 — the timer applied inside a window and to a suspended administration (it called distribute
    /// without a day; apply checked windows only when given one).
    @Test func theTimerWaitsForAWindowAndLeavesSuspendedAdministrationsAlone() async throws {
        let f = try await OpsFixture(mkb: 3, at: "2027-01-26T10:00:00Z")  // btw-aangifte: Jan 25–31
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        let id = try await f.proposeAndApprove()
        try await f.reconciler.setSuspended(true, admin: "m2")
        let tick = f.tick("timer-a")
        #expect(try await tick.run().distributed == [id])
        var progress = try await f.distribution().progressOf(id)
        #expect(progress.state == .waiting && progress.applied == 0 && progress.failed == 0)
        #expect(progress.reason == "waiting for window 'btw-aangifte' of mkb until 2027-02-01" && progress.waitingUntil == "2027-02-01")
        // A reviewer cannot step past it either: the clock decides, not a business day.
        progress = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("cli"))
        #expect(progress.state == .waiting && progress.applied == 0)
        // Nor does the reconciler's apply, given the window's day.
        let plan = try await f.reconciler.plan("m1", at: try await f.proposals.proposal(id).toRevision)
        await #expect(throws: ReconcilerService.Refusal.self) {
            try await f.reconciler.apply(plan, now: "t", day: f.time.clock.today())
        }
        #expect(try await f.applies(id).isEmpty)
        // The window opens: the timer carries it on, past the suspended administration, which it lists.
        f.time.set("2027-02-01T08:00:00Z")
        _ = try await tick.run()
        progress = try await f.distribution().progressOf(id)
        #expect(progress.state == .waiting && progress.applied == 2 && progress.suspended == 1)
        #expect(progress.suspendedAdministrations == ["m2"] && progress.reason?.contains("1 suspended (m2)") == true)
        // Apply itself refuses a suspended administration, whoever calls it.
        let m2 = try await f.reconciler.plan("m2", at: try await f.proposals.proposal(id).toRevision)
        await #expect(throws: ReconcilerService.Refusal.self) {
            try await f.reconciler.apply(m2, now: "t", day: f.time.clock.today())
        }
        // Resumed: the next tick finishes it.
        try await f.reconciler.setSuspended(false, admin: "m2")
        _ = try await tick.run()
        #expect(try await f.distribution().progressOf(id).state == .done)
        #expect(try await f.applies(id) == ["m1": 1, "m2": 1, "m3": 1])
        // Waiting was audited once, not at every tick.
        let waits = try await f.audit().filter { $0.action == "distribution.waiting" }
        #expect(waits.count == 2)
    }

    /// Finding 2 — maxFailures was counted per wave: two of three failed canaries rolled on, and each later wave
    /// could fail two more.
    @Test func maxFailuresCountsAcrossTheDistribution() async throws {
        let f = try await OpsFixture(mkb: 7)
        defer { f.remove() }
        // The database refuses the new account in m1 and m2 (canary) and m5 (the last wave).
        injectFailures(f.directory, admins: ["m1", "m2", "m5"], code: "46998")
        try f.change("templates/mkb/accounts.csv") { $0 + "46998,Tijdelijk,expense,debit,WBedAlkOal,,\n" }
        let id = try await f.proposeAndApprove()
        let progress = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("t"))
        // Two canary failures are within maxFailures 2, so it rolled on; the third, in a later wave, stops it.
        #expect(progress.state == .paused && progress.failed == 3 && progress.applied == 4)
        #expect(progress.reason?.contains("more than maxFailures 2") == true)
        #expect(progress.failures["m5"]?.isEmpty == false)
        // The failures show as Failed in status, and a pass keeps them so.
        #expect(try await f.status("m1") == "Failed")
        _ = try await f.reconciler.pass(now: f.time.clock.stamp())
        #expect(try await f.status("m5") == "Failed")
        let record = try await f.reconciler.records().first { $0.administration == "m5" }
        #expect(record?.message?.contains("applying proposal \(id) failed") == true)
        // The cause fixed, a reviewer resumes: the failures are retried and it finishes.
        healApplies(f.directory)
        let done = try await f.distribution().distribute(id, by: "fleur", owner: LeaseOwner("t2"))
        #expect(done.state == .done && done.applied == 7 && done.failed == 0)
        #expect(try await f.applies(id).values.allSatisfy { $0 == 1 })
    }

    /// Finding 4 — a branch proposal superseded a distribution in flight (19 of 50 applied), and the reviewers'
    /// decisions were lost.
    @Test func nothingSupersedesADistributionInFlight() async throws {
        let f = try await OpsFixture(mkb: 5)
        defer { f.remove() }
        try f.change("clusters/mkb.yaml") { $0.replacingOccurrences(of: "  maxFailures: 2\n", with: "  maxFailures: 2\n  pauseAfter: canary\n") }
        try await f.workspace.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: "m4")
        try f.change("templates/base/settings.yaml") { $0.replacingOccurrences(of: "payment.term-days: 30", with: "payment.term-days: 21") }
        let id = try await f.proposeAndApprove()  // decides m4's conflict: template
        #expect(try await f.proposals.proposal(id).decisions == ["m4|settings:payment.term-days": "template"])
        let paused = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("t"))
        #expect(paused.state == .paused && paused.applied == 3 && paused.reason?.contains("pauseAfter") == true)
        // A branch touching mkb, then a landbouw commit: neither takes the paused distribution back.
        let main = try f.workspace.templates.resolve("main")
        let old = String(decoding: try f.workspace.templates.read("templates/mkb/accounts.csv", at: "main") ?? [], as: UTF8.self)
        _ = try f.workspace.templates.commit([.write(path: "templates/mkb/accounts.csv", contents: Array((old + Self.account).utf8))],
                                             on: "feature", message: "On a branch\n", author: OpsFixture.bas, parents: [main.hex])
        let branch = try await f.proposals.proposeAll(branch: "feature", by: "anna", at: "t")
        #expect(branch.proposals.isEmpty && branch.waiting == ["mkb": id])
        #expect(try await f.proposals.proposal(id).state == .distributing)
        // Resumed by a reviewer past the canary gate: it finishes, the decision kept.
        let done = try await f.distribution().distribute(id, by: "fleur", owner: LeaseOwner("t2"))
        #expect(done.state == .done && done.applied == 5)
        let live = try await f.workspace.store.read { tx in try tx.liveConfiguration("m4") }
        #expect(live?.settings["payment.term-days"] == .number(.init(mantissa: 21, scale: 0)))
        // Now the branch is proposed.
        #expect(try await f.proposals.proposeAll(branch: "feature", by: "anna", at: "t").proposals.count == 1)
    }

    /// Finding 5 — two timers on one workspace both started the distribution (both leased as "timer") and applied
    /// eleven administrations twice.
    @Test func twoTimersNeverApplyTwice() async throws {
        let f = try await OpsFixture(mkb: 6)
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        let id = try await f.proposeAndApprove()
        let (a, b) = (f.tick("timer-a"), f.tick("timer-b"))
        async let first = a.run()
        async let second = b.run()
        let outcomes = try await [first, second]
        #expect(outcomes.filter(\.leader).count == 1)
        #expect(try await f.applies(id) == Dictionary(uniqueKeysWithValues: (1...6).map { ("m\($0)", 1) }))
        // The leader stops renewing (it died): once its lease runs out the standby leads.
        let standby = outcomes[0].leader ? b : a
        #expect(try await standby.run().leader == false)
        f.time.advance(61)
        #expect(try await standby.run().leader == true)
        // Two people distributing at once: one gets the lease, the other is told who holds it.
        try f.change("templates/mkb/settings.yaml") { $0 + "  test.flag: true\n" }
        let next = try await f.proposeAndApprove()
        async let x = try? f.distribution().distribute(next, by: "esther", owner: LeaseOwner("x"))
        async let y = try? f.distribution().distribute(next, by: "fleur", owner: LeaseOwner("y"))
        _ = await (x, y)
        #expect(try await f.applies(next).values.allSatisfy { $0 == 1 })
    }

    /// A distributor whose lease expired and was taken over cannot apply any more (fencing).
    @Test func anExpiredLeaseFencesItsHolderOff() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        let id = try await f.proposeAndApprove()
        let fenced = try await f.workspace.store.write { tx -> (Int64?, Int64?, Bool, Bool) in
            try tx.startDistribution(id, items: [("m1", 0)])
            let a = try tx.takeLease(id, owner: "a", now: "2026-05-28T10:00:00Z", until: "2026-05-28T10:01:00Z")
            let refused = try tx.takeLease(id, owner: "b", now: "2026-05-28T10:00:30Z", until: "2026-05-28T10:01:30Z")
            let b = try tx.takeLease(id, owner: "b", now: "2026-05-28T10:01:01Z", until: "2026-05-28T10:02:01Z")
            let aRenews = try tx.renewLease(id, owner: "a", token: a ?? 0, now: "2026-05-28T10:01:02Z", until: "2026-05-28T10:03:00Z")
            let bRenews = try tx.renewLease(id, owner: "b", token: b ?? 0, now: "2026-05-28T10:01:02Z", until: "2026-05-28T10:03:00Z")
            return (refused, b.map { $0 - (a ?? 0) }, aRenews, bRenews)
        }
        #expect(fenced.0 == nil && fenced.1 == 1 && !fenced.2 && fenced.3)
    }

    /// Finding 8 — a killed distributor blocked for 600 s with no way to break its lease.
    @Test func anAdminBreaksADeadDistributorsLease() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        let id = try await f.proposeAndApprove()
        _ = try await f.workspace.store.write { tx in
            try tx.startDistribution(id, items: [("m1", 0)])
            _ = try tx.takeLease(id, owner: "cli@dead:4242:x", now: "2026-05-28T10:00:00Z", until: "2026-05-28T10:10:00Z")
        }
        do {
            _ = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("cli"))
            Issue.record("a held lease must refuse")
        } catch let e as WorkflowError {
            #expect(e.code == "leased" && e.message.contains("cli@dead:4242:x") && e.message.contains("2026-05-28T10:10:00Z"))
        }
        let holder = try await f.distribution().unlock(id, by: "anna")
        #expect(holder.owner == "cli@dead:4242:x")
        #expect(try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("cli")).state == .done)
        let unlocked = try await f.audit().first { $0.action == "distribution.unlocked" }
        #expect(unlocked?.actor == "anna" && unlocked?.payload.contains("cli@dead:4242:x") == true)
    }

    /// Finding 7 — an account the template drops that has postings stays deactivated; status showed Drifted with
    /// `active: false → false` from then on.
    @Test func anItemEqualOnBothSidesIsInSync() async throws {
        let f = try await OpsFixture(mkb: 1)
        defer { f.remove() }
        try f.change("templates/mkb/accounts.csv") { $0 + Self.account }
        _ = try await f.distribution().distribute(try await f.proposeAndApprove(), by: "esther", owner: LeaseOwner("t"))
        try await f.postOn("46999", admin: "m1")
        try f.change("templates/mkb/accounts.csv") { $0.replacingOccurrences(of: Self.account, with: "") }
        let id = try await f.proposeAndApprove()
        #expect(try await f.proposals.proposal(id).affected.first?.items.map(\.action) == [.deactivate])
        _ = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("t"))
        #expect(try await f.workspace.ledger.accounts("m1").first { $0.code == "46999" }?.active == false)
        _ = try await f.reconciler.pass(now: f.time.clock.stamp())
        #expect(try await f.status("m1") == "Synced")
        #expect(try await f.reconciler.plan("m1").items.isEmpty)
    }

    /// A local edit made after the review conflicts at apply: the administration is set aside, a reviewer decides it
    /// while the proposal distributes, and resuming applies it.
    @Test func aConflictFoundAtApplyIsDecidedAndResumed() async throws {
        let f = try await OpsFixture(mkb: 2)
        defer { f.remove() }
        try f.change("templates/base/settings.yaml") { $0.replacingOccurrences(of: "payment.term-days: 30", with: "payment.term-days: 21") }
        let id = try await f.proposeAndApprove()
        try await f.workspace.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: "m2")
        let first = try await f.distribution().distribute(id, by: "esther", owner: LeaseOwner("t"))
        #expect(first.state == .paused && first.conflicts == 1 && first.applied == 1 && first.reason?.contains("conflict") == true)
        try await f.proposals.decide(id, administration: "m2", item: "settings:payment.term-days", take: "local", by: "fleur", at: "t")
        let done = try await f.distribution().distribute(id, by: "fleur", owner: LeaseOwner("t"))
        #expect(done.state == .done && done.applied == 2)
        let live = try await f.workspace.store.read { tx in try tx.liveConfiguration("m2") }
        #expect(live?.settings["payment.term-days"] == .number(.init(mantissa: 45, scale: 0)))
        #expect(try await f.status("m2") == "Drifted")
    }
}
