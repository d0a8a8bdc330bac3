import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Templates
import Workflow
import Workspace

extension WorkflowSimulation {
    /// A branch from the tracked branch with one account added, proposed as a branch.
    mutating func branchProposal() async throws {
        let repo = f.workspace.templates
        let main = try repo.resolve("main").hex
        let name = "feature-\(step)"
        let code = "47\(int(100...999))"
        let old = String(decoding: try repo.read("templates/mkb/accounts.csv", at: "main") ?? [], as: UTF8.self)
        guard !old.contains("\n\(code),") else { return }
        _ = try repo.commit([.write(path: "templates/mkb/accounts.csv",
                                    contents: Array(Self.appendRow(old, "\(code),Tak \(code),expense,debit,WBedAlkOal,,").utf8))],
                            on: name, message: "Sim branch\n", author: OpsFixture.bas, parents: [main])
        // The tracked branch may move on meanwhile: proposing then needs a merge by a user with an e-mail.
        if chance(0.5) { try await commit() }
        _ = try await f.proposals.proposeAll(branch: name, by: "anna", at: f.time.clock.stamp(),
                                             commitTime: Int64(f.time.clock.now().timeIntervalSince1970))
    }

    mutating func localEdit() async throws {
        guard let admin = pick(admins) else { return }
        if chance(0.5) {
            try await f.workspace.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: Int64(int(10...60)), scale: 0)),
                                                    in: admin)
        } else {
            let accounts = try await f.workspace.ledger.accounts(admin).filter { $0.code.hasPrefix("4") }
            guard let account = pick(accounts) else { return }
            let name = "Lokaal \(step)"
            _ = try await f.workspace.ledger.editAccount(account.code, in: admin) { $0.name = name }
        }
    }

    mutating func post() async throws {
        guard let admin = pick(admins) else { return }
        let accounts = try await f.workspace.ledger.accounts(admin).filter { $0.active && $0.code.hasPrefix("4") && $0.control == nil }
        guard let account = pick(accounts) else { return }
        try await f.postOn(account.code, admin: admin)
    }

    mutating func budget() async throws {
        guard let admin = pick(admins) else { return }
        let accounts = try await f.workspace.ledger.accounts(admin).filter { $0.code.hasPrefix("4") }
        guard let account = pick(accounts) else { return }
        let period = int(1...12)
        try await f.workspace.store.write { tx in
            try tx.setBudget(admin, version: "sim", year: 2026, period: period, account: account.code, amount: 500)
        }
    }

    mutating func suspendOrResume() async throws {
        guard let admin = pick(admins) else { return }
        let suspend = !suspended.contains(admin)
        try await f.reconciler.setSuspended(suspend, admin: admin)
        if suspend { suspended.insert(admin) } else { suspended.remove(admin) }
    }

    /// A reviewer decides every open item (template or local at random, blocked ones acknowledged) and approves,
    /// with a second reviewer where the cluster needs two; now and then a rejection instead.
    mutating func review() async throws {
        let open = try await f.proposals.proposals().filter { $0.state == .open }
        guard let p = pick(open) else { return }
        let stamp = f.time.clock.stamp()
        if chance(0.08) {
            _ = try await f.proposals.review(p.id, approve: false, comment: "not now", by: "esther", at: stamp)
            return
        }
        for key in p.undecided {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let item = p.affected.first { $0.administration == parts[0] }?.items.first { $0.key.description == parts[1] }
            let take: String? = item?.action == .blocked ? nil : (chance(0.5) ? "template" : "local")
            try await f.proposals.decide(p.id, administration: parts[0], item: parts[1], take: take, by: "esther", at: stamp)
        }
        let reviewed = try await f.proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: stamp)
        if reviewed.state == .open { _ = try await f.proposals.review(p.id, approve: true, comment: "ok", by: "fleur", at: stamp) }
    }

    /// A person starts or resumes a distribution; now and then the process dies at a random apply.
    mutating func distribute() async throws {
        let candidates = try await f.proposals.proposals().filter { $0.state == .approved || $0.state == .distributing }
        guard let p = pick(candidates) else { return }
        var service = f.distribution()
        if mutation == .distributeWithAFixedDay {
            // The rule broken on purpose: windows judged on a fixed day, not the clock's (the old timer's bug).
            service = DistributionService(workspace: f.workspace, clock: WorkflowClock(now: { Date(timeIntervalSince1970: 1_780_000_000) }))
        }
        let killAt = chance(0.5) ? int(1...3) : 0, inside = chance(0.5)
        var probe: (@Sendable (DistributionService.ProbePoint) throws -> Void)?
        if killAt > 0 {
            probe = { point in
                switch point {
                case let .insideApply(_, index): if inside && index == killAt { throw DistributionService.Interrupted() }
                case let .afterApply(_, index): if !inside && index == killAt { throw DistributionService.Interrupted() }
                }
            }
        }
        _ = try await service.distribute(p.id, by: pick(["esther", "fleur"]) ?? "esther", owner: LeaseOwner("cli-\(step)"),
                                         commitTime: Int64(f.time.clock.now().timeIntervalSince1970), probe: probe)
    }

    /// One timer ticks, or both at once.
    mutating func tick() async throws {
        let a = f.tick("timer-a"), b = f.tick("timer-b")
        if chance(0.3) {
            async let x = a.run()
            async let y = b.run()
            let outcomes = try await [x, y]
            if outcomes.filter(\.leader).count > 1 { violations.append("step \(step): two timers led at once") }
        } else {
            _ = try await (chance(0.5) ? a : b).run()
        }
    }

    mutating func advanceTime() {
        let seconds: [TimeInterval] = [30, 90, 600, 3_600, 6 * 3_600, 86_400, 3 * 86_400]
        f.time.advance(pick(seconds) ?? 60)
    }

    mutating func rollback() async throws {
        let done = try await f.proposals.proposals().filter { $0.state == .distributed }
        guard let p = pick(done) else { return }
        _ = try await f.proposals.rollback(p.id, by: "anna", at: f.time.clock.stamp(),
                                           commitTime: Int64(f.time.clock.now().timeIntervalSince1970))
    }

    mutating func skip() async throws {
        let running = try await f.proposals.proposals().filter { $0.state == .distributing }
        guard let p = pick(running) else { return }
        let items = try await f.distribution().items(p.id).filter { [.failed, .suspended, .conflict].contains($0.state) }
        guard let item = pick(items) else { return }
        try await f.distribution().skip(p.id, administration: item.administration, reason: "sim", by: "esther")
    }

    mutating func unlock() async throws {
        let running = try await f.proposals.proposals().filter { $0.state == .distributing }
        guard let p = pick(running) else { return }
        try await f.distribution().unlock(p.id, by: "anna")
    }

    mutating func abort() async throws {
        let running = try await f.proposals.proposals().filter { $0.state == .distributing }
        guard chance(0.5), let p = pick(running) else { return }
        try await f.distribution().abort(p.id, by: "anna")
    }
}
