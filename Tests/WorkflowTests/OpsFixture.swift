import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Synchronization
import TestSupport
import Workflow
import Workspace

/// A wall clock a test moves by hand.
final class TestTime: Sendable {
    private let instant: Mutex<Date>

    init(_ iso: String) { instant = Mutex(ISO8601DateFormatter().date(from: iso) ?? Date(timeIntervalSince1970: 0)) }

    var clock: WorkflowClock { WorkflowClock(now: { [self] in instant.withLock { $0 } }) }

    func set(_ iso: String) { instant.withLock { $0 = ISO8601DateFormatter().date(from: iso) ?? $0 } }

    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A workspace with mkb administrations, an admin (anna), two reviewers and a template author (bas), for the
/// workflow's operation tests.
struct OpsFixture {
    let directory: String
    let workspace: Workspace
    let time: TestTime
    static let bas = GitSignature(name: "Bas", email: "bas@bureau.example", time: 1_767_300_000)

    init(mkb: Int = 2, others: Bool = false, at iso: String = "2026-05-28T10:00:00Z") async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-ops-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        time = TestTime(iso)
        for i in 1...mkb { try await workspace.createAdministration(id: "m\(i)", name: "m\(i)", cluster: "mkb", openYear: 2026) }
        if others {
            try await workspace.createAdministration(id: "h1", name: "h1", cluster: "horeca", openYear: 2026)
            try await workspace.createAdministration(id: "l1", name: "l1", cluster: "landbouw", openYear: 2026)
        }
        let users = UserService(store: workspace.store)
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t")
        for name in ["bas", "esther", "fleur"] {
            try await users.save(User(name: name, email: "\(name)@bureau.example", role: .reviewer), by: "anna", at: "t")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    var proposals: ProposalService { ProposalService(workspace: workspace) }
    var reconciler: ReconcilerService { ReconcilerService(workspace: workspace) }
    func distribution(lease: Int = 60) -> DistributionService {
        DistributionService(workspace: workspace, clock: time.clock, leaseSeconds: lease)
    }
    func tick(_ owner: String) -> WorkflowTick {
        WorkflowTick(proposals: proposals, distribution: distribution(), owner: LeaseOwner(owner))
    }

    /// Commits an edit of one template file, authored by Bas.
    func change(_ path: String, _ edit: (String) -> String) throws {
        let old = String(decoding: try workspace.templates.read(path, at: "main") ?? [], as: UTF8.self)
        try workspace.templates.commit([.write(path: path, contents: Array(edit(old).utf8))], message: "Change \(path)\n",
                                       author: Self.bas)
    }

    /// Proposes what is new and approves it (Esther); returns its id.
    func proposeAndApprove() async throws -> Int64 {
        guard let p = try await proposals.propose(by: "anna", at: time.clock.stamp()) else {
            throw WorkflowError("test", "nothing proposed")
        }
        for name in p.undecided {
            let parts = name.split(separator: "|").map(String.init)
            let item = p.affected.first { $0.administration == parts[0] }?.items.first { $0.key.description == parts[1] }
            try await proposals.decide(p.id, administration: parts[0], item: parts[1],
                                       take: item?.action == .blocked ? nil : "template", by: "esther",
                                       at: time.clock.stamp())
        }
        var reviewed = try await proposals.review(p.id, approve: true, comment: "ok", by: "esther", at: time.clock.stamp())
        if reviewed.state == .open {
            reviewed = try await proposals.review(p.id, approve: true, comment: "ok", by: "fleur", at: time.clock.stamp())
        }
        guard reviewed.state == .approved else { throw WorkflowError("test", "proposal \(p.id) is \(reviewed.state)") }
        return p.id
    }

    func audit() async throws -> [AuditRecord] { try await workspace.store.read { tx in try tx.auditRecords() } }

    /// How often each administration was applied in proposal `id`, from the audit log.
    func applies(_ id: Int64) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for r in try await audit() where r.action == "apply" && r.payload.contains("\"proposal\":\"\(id)\"") {
            result[r.subject, default: 0] += 1
        }
        return result
    }

    func status(_ admin: String) async throws -> String? {
        try await reconciler.records().first { $0.administration == admin }?.status
    }

    /// Posts 100 on `account` against the bank.
    func postOn(_ account: String, admin: String) async throws {
        let ledger = workspace.ledger
        guard let bank = try await ledger.accounts(admin).first(where: { $0.control == .bank })?.code else { return }
        _ = try await ledger.post(EntryDraft(journal: "MEM", date: try LocalDate(parsing: "2026-03-01"), description: "x", lines: [
            EntryLineDraft(account: account, amount: 100), EntryLineDraft(account: bank, amount: -100)]), to: admin)
    }

    /// The accounts CSV with `old` renumbered to `new` (`renamed_from`).
    static func renumbering(_ text: String, _ old: String, to new: String) -> String {
        var lines = text.split(separator: "\n").map(String.init)
        lines[0] += ",renamed_from"
        for i in 1..<lines.count {
            if lines[i].hasPrefix(old + ",") { lines[i] = new + lines[i].dropFirst(old.count) + "," + old } else { lines[i] += "," }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Makes the database refuse adding account `code` to `admins` (a trigger, as a full disk or a broken replica would
/// refuse a write): their applies fail until `healApplies` drops it.
func injectFailures(_ directory: String, admins: [String], code: String) {
    let list = admins.map { "'\($0)'" }.joined(separator: ", ")
    _ = sqlite3(directory + "/" + LedgerStore.fileName, """
        CREATE TRIGGER sim_failure BEFORE INSERT ON account WHEN NEW.admin_id IN (\(list)) AND NEW.code = '\(code)'
        BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;
        """)
}

/// Drops what `injectFailures` installed.
func healApplies(_ directory: String) { _ = sqlite3(directory + "/" + LedgerStore.fileName, "DROP TRIGGER IF EXISTS sim_failure;") }

/// Runs SQL on a database file with the sqlite3 CLI, as an operator (or an attacker) would; returns what it printed.
func sqlite3(_ db: String, _ sql: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [db, sql]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    guard (try? p.run()) != nil else { return "" }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
