import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Templates
import Workflow
import Workspace

/// SplitMix64: a small, seedable generator, so a failing run can be repeated from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The workflow as a bureau lives it, in random order: template commits of every kind (on the tracked branch and on
/// branches), local edits, postings and budgets, suspensions, proposals, reviews and decisions, distributions
/// interrupted at random applies (a crash: the transaction in flight rolls back, the lease stays), two timers
/// racing, time passing through windows and lease expiries, rollbacks, skips and unlocks. After every step the
/// invariants are checked against the store and the audit log (`WorkflowSimulation+Invariants`).
struct WorkflowSimulation {
    /// A rule broken on purpose, to show the invariants catch it.
    enum Mutation { case none, distributeWithAFixedDay }

    let f: OpsFixture
    var rng: SeededGenerator
    let seed: UInt64
    let mutation: Mutation
    var step = 0
    var suspended: Set<String> = []
    var admins: [String] = []
    var violations: [String] = []
    var unexpected: [String] = []
    var counts: [String: Int] = [:]
    // Invariant bookkeeping: audit records seen, applies per proposal and administration, sets per revision.
    var lastSeq: Int64 = 0
    var lastHash = AuditLog.genesis
    var applied: [String: Int] = [:]
    var sets: [String: TemplateSet] = [:]
    var checked: [String: String] = [:]

    init(seed: UInt64, mutation: Mutation = .none, start: String = "2027-01-20T09:00:00Z") async throws {
        self.seed = seed
        self.mutation = mutation
        rng = SeededGenerator(seed: seed)
        f = try await OpsFixture(mkb: 4, others: true, at: start)
        try await f.workspace.createAdministration(id: "mkb-0001", name: "mkb-0001", cluster: "mkb", openYear: 2026)
        admins = ["m1", "m2", "m3", "m4", "mkb-0001", "h1", "l1"]
        _ = try await f.reconciler.pass(now: f.time.clock.stamp())
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[int(0...(items.count - 1))] }

    /// Runs `steps` random steps, checking the invariants after each; stops at the first violation.
    mutating func run(_ steps: Int) async throws {
        for _ in 0..<steps {
            step += 1
            let op = int(0...99)
            let name: String
            do {
                name = try await perform(op)
            } catch {
                unexpected.append("step \(step) (op \(op)): \(type(of: error)): \(error)")
                name = "error"
            }
            counts[name, default: 0] += 1
            try await checkInvariants()
            if !violations.isEmpty || !unexpected.isEmpty { return }
        }
    }

    /// One operation; errors a person meets in normal use (a refusal, a rule) are part of the game.
    mutating func perform(_ op: Int) async throws -> String {
        do {
            switch op {
            case 0..<9: try await commit(); return "commit"
            case 9..<11: try await branchProposal(); return "branch"
            case 11..<18: try await localEdit(); return "local-edit"
            case 18..<24: try await post(); return "post"
            case 24..<27: try await budget(); return "budget"
            case 27..<31: try await suspendOrResume(); return "suspend"
            case 31..<38: _ = try await f.proposals.proposeAll(by: "anna", at: f.time.clock.stamp()); return "propose"
            case 38..<52: try await review(); return "review"
            case 52..<61: try await distribute(); return "distribute"
            case 61..<64: return try await distributeAndKill()
            case 64..<77: try await tick(); return "tick"
            case 77..<85: advanceTime(); return "time"
            case 85..<88: try await rollback(); return "rollback"
            case 88..<92: try await skip(); return "skip"
            case 92..<94: try await unlock(); return "unlock"
            case 94..<99: _ = try await f.reconciler.pass(now: f.time.clock.stamp()); return "pass"
            default: try await abort(); return "abort"
            }
        } catch is WorkflowError { return "refused" } catch is ReconcilerService.Refusal {
            return "refused"
        } catch is LedgerError { return "refused" } catch is CoreError { return "refused" } catch is DistributionService.Interrupted {
            return "killed"
        }
    }

    // MARK: - Template commits

    mutating func commit() async throws {
        let kind = int(0...10)
        switch kind {
        case 0, 1: try edit("templates/\(pick(["base", "mkb", "horeca"]) ?? "base")/accounts.csv") { text, rng in
                let code = "47\(Int.random(in: 100...999, using: &rng))"
                guard !text.contains("\n\(code),") else { return text }
                return Self.appendRow(text, "\(code),Sim \(code),expense,debit,WBedAlkOal,,")
            }
        case 2:
            let n = int(1...99)
            try edit("templates/base/accounts.csv") { text, rng in Self.mapSimRow(text, &rng) { $0[1] = "Hernoemd \(n)" } }
        case 3: try edit("templates/base/accounts.csv") { text, rng in Self.mapSimRow(text, &rng) { $0[2] = $0[2] == "expense" ? "asset" : "expense" } }
        case 4: try edit("templates/base/accounts.csv") { text, rng in Self.renumber(text, &rng) }
        case 5: try edit("templates/base/accounts.csv") { text, rng in Self.mapSimRow(text, &rng) { $0 = [] } }
        case 6: try edit("templates/base/reports/profit-and-loss.yaml") { text, rng in
                text.replacingOccurrences(of: #"label: Netto-omzet[^\n]*"#, with: "label: Netto-omzet \(Int.random(in: 1...9, using: &rng))",
                                          options: .regularExpression)
            }
        case 7: try edit("templates/base/vat.yaml") { text, rng in
                text.replacingOccurrences(of: #"validTo: 20\d\d-12-31"#, with: "validTo: 20\(Int.random(in: 18...30, using: &rng))-12-31",
                                          options: .regularExpression)
            }
        case 8: try edit("clusters/mkb/overrides/mkb-0001.yaml") { text, rng in
                text.replacingOccurrences(of: #"payment.term-days: \d+"#, with: "payment.term-days: \(Int.random(in: 7...30, using: &rng))",
                                          options: .regularExpression)
            }
        default: try edit("clusters/\(pick(["mkb", "horeca", "landbouw"]) ?? "mkb").yaml") { text, rng in Self.policy(text, &rng) }
        }
    }

    /// Commits an edit of one file, authored by Bas; an edit the templates refuse is put back at once.
    mutating func edit(_ path: String, _ change: (String, inout SeededGenerator) -> String) throws {
        let repo = f.workspace.templates
        let old = String(decoding: try repo.read(path, at: "main") ?? [], as: UTF8.self)
        let new = change(old, &rng)
        guard new != old else { return }
        try repo.commit([.write(path: path, contents: Array(new.utf8))], message: "Sim: \(path)\n", author: OpsFixture.bas)
        if !(try f.workspace.templateSet().validate().isEmpty) {
            try repo.commit([.write(path: path, contents: Array(old.utf8))], message: "Sim: undo \(path)\n", author: OpsFixture.bas)
        }
    }

    static func appendRow(_ text: String, _ row: String) -> String {
        let header = text.split(separator: "\n").first.map(String.init) ?? ""
        let extra = header.hasSuffix(",renamed_from") ? "," : ""
        return text + row + extra + "\n"
    }

    /// Edits one simulated account's row (codes 47xxx–49xxx); an emptied row is removed.
    static func mapSimRow(_ text: String, _ rng: inout SeededGenerator, _ change: (inout [String]) -> Void) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sim = lines.indices.filter { i in ["47", "48", "49"].contains(String(lines[i].prefix(2))) }
        guard let i = sim.isEmpty ? nil : sim[Int.random(in: 0..<sim.count, using: &rng)] else { return text }
        var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        change(&fields)
        if fields.isEmpty { lines.remove(at: i) } else { lines[i] = fields.joined(separator: ",") }
        return lines.joined(separator: "\n")
    }

    /// Renumbers a simulated account one range up (47xxx → 48xxx → 49xxx) with `renamed_from`.
    static func renumber(_ text: String, _ rng: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !(lines.first ?? "").hasSuffix(",renamed_from") {
            lines = lines.enumerated().map { i, l in l.isEmpty ? l : l + (i == 0 ? ",renamed_from" : ",") }
        }
        let sim = lines.indices.filter { ["47", "48"].contains(String(lines[$0].prefix(2))) }
        guard !sim.isEmpty else { return lines.joined(separator: "\n") }
        let i = sim[Int.random(in: 0..<sim.count, using: &rng)]
        var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let old = fields[0]
        let new = String(Int(String(old.prefix(2)))! + 1) + old.dropFirst(2)
        guard !text.contains("\n\(new),") else { return text }
        fields[0] = new
        fields[fields.count - 1] = old
        lines[i] = fields.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    /// A cluster file's rollout or windows changed: canary size, maxFailures, drift, pauseAfter, a window.
    static func policy(_ text: String, _ rng: inout SeededGenerator) -> String {
        var t = text
        switch Int.random(in: 0...4, using: &rng) {
        case 0: t = t.replacingOccurrences(of: #"count: \d+"#, with: "count: \(Int.random(in: 1...3, using: &rng))", options: .regularExpression)
        case 1: t = t.replacingOccurrences(of: #"maxFailures: \d+"#, with: "maxFailures: \(Int.random(in: 0...2, using: &rng))",
                                           options: .regularExpression)
        case 2: t = t.contains("drift: report") ? t.replacingOccurrences(of: "drift: report", with: "drift: revert")
            : t.replacingOccurrences(of: "drift: revert", with: "drift: report")
        case 3: t = t.contains("pauseAfter:") ? t.replacingOccurrences(of: #"\n  pauseAfter: \w+"#, with: "", options: .regularExpression)
            : t.replacingOccurrences(of: #"(\n  maxFailures: \d+)"#, with: "$1\n  pauseAfter: canary", options: .regularExpression)
        default:
            // A window over a few days of every month, or none.
            let day = Int.random(in: 1...26, using: &rng)
            let window = "  - name: sim\n    forbid: true\n    monthDays: [\(day), \(day + 1), \(day + 2)]\n"
            if let range = t.range(of: #"  - name: sim\n    forbid: true\n    monthDays: \[[0-9, ]+\]\n"#, options: .regularExpression) {
                t.replaceSubrange(range, with: Bool.random(using: &rng) ? window : "")
            } else if t.contains("windows:\n") {
                t = t.replacingOccurrences(of: "windows:\n", with: "windows:\n" + window)
            } else {
                t = t.replacingOccurrences(of: "ignore:\n", with: "windows:\n" + window + "ignore:\n")
            }
        }
        return t
    }
}
