import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Templates
import Workflow
import Workspace

/// The reconciler over a bureau: N administrations (~330 accounts each) across the three clusters, with overlays on
/// 5%, local drift on 1%, and postings on the accounts a change removes or retypes.
struct ReconcilerBench {
    let administrations: Int
    let directory: String
    let projectRoot: String
    let binaryDirectory: String

    struct Result {
        var rows: [(String, String, String)]
        var unchanged: Double
        var planned: Double
        var peakMB: Double
        var distributed: Double
    }

    func run() async throws -> Result {
        let clock = ContinuousClock()
        var rows: [(String, String, String)] = []
        let ws = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let author = GitSignature(name: "Bench", email: "bench@example", time: 1_767_300_000)
        let clusters = ["mkb", "landbouw", "horeca"]
        let ids = (0..<administrations).map { i in "\(clusters[i % 3])-\(String(format: "%05d", i / 3 + 1))" }
        // Overlays on 5%.
        let overlaid = ids.enumerated().filter { $0.offset % 20 == 7 }.map(\.element)
        try ws.templates.commit(overlaid.map { id in
            let cluster = String(id.prefix { $0 != "-" })
            return .write(path: "clusters/\(cluster)/overrides/\(id).yaml",
                          contents: Array("administration: \(id)\nsettings:\n  payment.term-days: 14\n".utf8))
        }, message: "Overlays\n", author: author)
        // An account the later change removes; postings on it (and on one it retypes) for 1%.
        let removed = "46998", retyped = "45105"
        try ws.templates.commit([.write(path: "templates/base/accounts.csv", contents: Array(
            (String(decoding: try ws.templates.read("templates/base/accounts.csv", at: "main")!, as: UTF8.self)
                + "\(removed),Af te voeren rekening,expense,debit,WBedAlkOal,,\n").utf8))], message: "An account to remove later\n", author: author)
        let setupStart = clock.now
        let set = try ws.templateSet()
        for chunk in stride(from: 0, to: ids.count, by: 1_000) {
            let slice = ids[chunk..<min(chunk + 1_000, ids.count)]
            try await ws.createAdministrations(slice.map { ($0, $0, String($0.prefix { $0 != "-" })) }, openYear: 2026, in: set)
        }
        let created = seconds(clock.now - setupStart)
        let reconciler = ReconcilerService(workspace: ws)
        let withPostings = ids.enumerated().filter { $0.offset % 100 == 3 }.map(\.element)
        for id in withPostings {
            let bank = try await ws.ledger.accounts(id).first { $0.control == .bank }!.code
            _ = try await ws.ledger.post(EntryDraft(journal: "MEM", date: try LocalDate(parsing: "2026-03-01"), description: "x", lines: [
                EntryLineDraft(account: removed, amount: 100), EntryLineDraft(account: retyped, amount: 100),
                EntryLineDraft(account: bank, amount: -200)]), to: id)
        }
        // Local drift on 1%.
        let drifted = ids.enumerated().filter { $0.offset % 100 == 51 }.map(\.element)
        for id in drifted { try await ws.ledger.setSetting("dunning.levels", to: .number(.init(mantissa: 7, scale: 0)), in: id) }
        _ = try await reconciler.pass(now: "t1")
        rows.append(("set-up: \(administrations) administrations, \(overlaid.count) overlays, \(drifted.count) drifted, "
            + "\(withPostings.count) with postings", String(format: "created in %.1f s", created),
            String(format: "%.1f s", seconds(clock.now - setupStart))))

        // (a) A full pass with nothing changed.
        let quietStart = clock.now
        let quiet = try await reconciler.pass(now: "t2")
        let unchanged = seconds(clock.now - quietStart)
        rows.append(("(a) status pass, nothing changed", "\(quiet.skipped) skipped, \(quiet.changed) written",
                     String(format: "%.3f s", unchanged)))

        // (d) Distribute a one-account change to every administration: propose, approve, apply wave by wave, audited.
        let users = UserService(store: ws.store)
        try await users.save(User(name: "admin", email: "admin@bench.example", role: .admin), by: "bootstrap", at: "t")
        for name in ["reviewer", "second-reviewer"] {
            try await users.save(User(name: name, email: "\(name)@bench.example", role: .reviewer), by: "admin", at: "t")
        }
        try ws.templates.commit([.write(path: "templates/base/accounts.csv", contents: Array(
            (String(decoding: try ws.templates.read("templates/base/accounts.csv", at: "main")!, as: UTF8.self)
                + "46996,Bench-rekening,expense,debit,WBedAlkOal,,\n").utf8))], message: "One account\n", author: author)
        let proposals = ProposalService(workspace: ws)
        guard let proposal = try await proposals.propose(by: "admin", at: "t2") else { throw BenchError("nothing proposed") }
        // A cluster may require two approvals; the second reviewer only signs while the proposal is still open.
        var reviewed = try await proposals.review(proposal.id, approve: true, comment: "bench", by: "reviewer", at: "t2")
        if reviewed.state == .open {
            reviewed = try await proposals.review(proposal.id, approve: true, comment: "bench", by: "second-reviewer", at: "t2")
        }
        guard reviewed.state == .approved else { throw BenchError("proposal \(proposal.id) is \(reviewed.state.rawValue)") }
        let distributeStart = clock.now
        // A fixed day outside every window (2026-05-28): the bench must not wait for a window on the day it runs.
        let workflowClock = WorkflowClock(now: { Date(timeIntervalSince1970: 1_780_000_000) })
        let distributed = try await DistributionService(workspace: ws, clock: workflowClock).distribute(
            proposal.id, by: "admin", owner: LeaseOwner("bench"))
        let distributeTime = seconds(clock.now - distributeStart)
        guard distributed.applied == administrations, distributed.state == .done else {
            throw BenchError("distributed to \(distributed.applied) of \(administrations) (\(distributed))")
        }
        // Every cluster's every wave passed its health gate (each administration Synced, trial balances balanced).
        let gates = try await ws.store.read { tx in try tx.distribution(proposal.id)?.gatesPassed.count ?? 0 }
        let waves = Set(DistributionService.waves(reviewed, set: try ws.templateSet(at: reviewed.toRevision))
            .map { admin, wave in "\(reviewed.affected.first { $0.administration == admin }?.cluster ?? "")#\(wave)" }).count
        guard gates == waves else { throw BenchError("\(gates) health gates passed of \(waves) cluster waves") }
        rows.append(("(d) distribute a one-account change, audited, a health gate after each of \(waves) waves",
                     "\(distributed.applied) applied",
                     String(format: "%.2f s (%.2f ms per administration)", distributeTime,
                            distributeTime * 1000 / Double(administrations))))
        _ = try await reconciler.pass(now: "t2b")

        // (b) One commit: add an account, rename one, remove one, change a report; plan all.
        var accounts = String(decoding: try ws.templates.read("templates/base/accounts.csv", at: "main")!, as: UTF8.self)
        accounts = accounts.replacingOccurrences(of: "\(removed),Af te voeren rekening,expense,debit,WBedAlkOal,,\n", with: "")
            .replacingOccurrences(of: "\(retyped),Betaalde huur,expense,debit,WBedHuiBeh,I21,",
                                  with: "\(retyped),Betaalde huur,asset,debit,BVorOvaVoh,,")
            + "46997,Nieuwe kostenrekening,expense,debit,WBedAlkOal,I21,\n"
        // Renumber 45130 to 45131 (renamed_from): a new column, empty on every other row.
        accounts = accounts.split(separator: "\n").enumerated().map { i, row in
            i == 0 ? row + ",renamed_from" : row.hasPrefix("45130,") ? "45131" + row.dropFirst(5) + ",45130" : row + ","
        }.joined(separator: "\n") + "\n"
        let pl = String(decoding: try ws.templates.read("templates/base/reports/profit-and-loss.yaml", at: "main")!, as: UTF8.self)
        try ws.templates.commit([
            .write(path: "templates/base/accounts.csv", contents: Array(accounts.utf8)),
            .write(path: "templates/base/reports/profit-and-loss.yaml",
                   contents: Array(pl.replacingOccurrences(of: "title: ", with: "title: Resultatenrekening — ").utf8)),
        ], message: "Add, renumber, remove, retype, report\n", author: author)
        let planStart = clock.now
        let planned = try await reconciler.pass(now: "t3")
        let planTime = seconds(clock.now - planStart)
        let counts = SyncStatus.allCases.compactMap { s in planned.counts[s].map { "\(s.rawValue) \($0)" } }.joined(separator: ", ")
        rows.append(("(b) after a commit (add, renumber, remove, retype, report), plan all", counts,
                     String(format: "%.3f s", planTime)))
        guard planned.counts[.blocked] == withPostings.count else {
            throw BenchError("expected \(withPostings.count) blocked administrations, found \(planned.counts[.blocked] ?? 0)")
        }
        let records = try await reconciler.records()
        let driftFound = records.filter { drifted.contains($0.administration) }.allSatisfy {
            $0.status == SyncStatus.outOfSync.rawValue || $0.status == SyncStatus.drifted.rawValue || $0.status == SyncStatus.blocked.rawValue
        }
        guard driftFound else { throw BenchError("drift was not found on every drifted administration") }

        // (c) The same pass as a user runs it: a whole process, with its peak memory.
        let cli = try ChildProcess.run(binaryDirectory + "/ledgerops", ["reconcile", "--workspace", directory, "--as", "admin"])
        guard cli.status == 0 else { throw BenchError("ledgerops reconcile failed: \(cli.errors)") }
        rows.append(("(c) ledgerops reconcile, whole process", String(format: "peak %.0f MB", cli.peakMemoryMB),
                     String(format: "%.3f s", cli.seconds)))
        return Result(rows: rows, unchanged: unchanged, planned: planTime, peakMB: cli.peakMemoryMB, distributed: distributeTime)
    }
}
