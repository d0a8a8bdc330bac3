import Core
import Foundation
import GitSource
import Ledger
import Reconciler
import Store
import Templates
import Testing
import TestSupport
import Workspace

/// DESIGN §5 row by row, and the safety rules, on real workspaces: templates.git and a SQLite store.
struct ReconcilerFixture {
    let directory: String
    let workspace: Workspace
    var reconciler: ReconcilerService { ReconcilerService(workspace: workspace) }
    var ledger: LedgerService { workspace.ledger }
    static let author = GitSignature(name: "Anna", email: "anna@bureau.example", time: 1_767_300_000)

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-rec-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func create(_ id: String, cluster: String) async throws {
        try await workspace.createAdministration(id: id, name: id, cluster: cluster, openYear: 2026)
    }

    /// Commits a change to one template file, as a bureau admin would.
    func change(_ path: String, _ edit: (String) -> String) throws {
        let old = String(decoding: try workspace.templates.read(path, at: "main") ?? [], as: UTF8.self)
        try workspace.templates.commit([.write(path: path, contents: Array(edit(old).utf8))], message: "Change \(path)\n",
                                       author: Self.author)
    }

    func status(_ id: String) async throws -> String? {
        try await reconciler.records().first { $0.administration == id }?.status
    }

    func postOn(_ account: String, admin: String) async throws {
        let bank = try await ledger.accounts(admin).first { $0.control == .bank }!.code
        _ = try await ledger.post(EntryDraft(journal: "MEM", date: day("2026-03-01"), description: "x", lines: [
            EntryLineDraft(account: account, amount: 100), EntryLineDraft(account: bank, amount: -100)]), to: admin)
    }
}

@Suite struct ReconcilerTests {
    static let now = "2026-11-22T09:00:00Z"

    @Test func inSyncPassesWriteNothingTheSecondTime() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try await f.create("mkb-0001", cluster: "mkb")  // has an overlay: intended, never drift
        let first = try await f.reconciler.pass(now: Self.now)
        #expect(first.counts[.synced] == 2 && first.changed == 2)
        let second = try await f.reconciler.pass(now: Self.now)
        #expect(second.changed == 0 && second.skipped == 2 && second.counts[.synced] == 2)
        #expect(try await f.reconciler.plan("mkb-0001").items.isEmpty)
    }

    @Test func aTemplateChangeIsPlannedAndApplied() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change("templates/base/accounts.csv") { $0 + "46999,Nieuwe kostenrekening,expense,debit,WBedAlkOal,I21,\n" }
        try f.change("templates/base/settings.yaml") { $0.replacingOccurrences(of: "payment.term-days: 30", with: "payment.term-days: 21") }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "OutOfSync")
        let plan = try await f.reconciler.plan("m1")
        #expect(plan.items.map { "\($0.action.rawValue) \($0.key)" } == ["add accounts:46999", "update settings:payment.term-days"])
        #expect(plan.items[1].changes == [FieldChange(field: "value", old: "30", new: "21")])
        #expect(try await f.reconciler.plan("m1").hash == plan.hash)  // deterministic
        let result = try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay)
        #expect(result.written == 2 && result.status == .synced)
        #expect(try await f.ledger.accounts("m1").contains { $0.code == "46999" })
        // Idempotent: planned again, nothing is left to write; the same plan applied twice is refused.
        let again = try await f.reconciler.plan("m1")
        #expect(again.items.isEmpty)
        #expect(try await f.reconciler.apply(again, now: Self.now, day: windowFreeDay).written == 0)
        await #expect(throws: ReconcilerService.Refusal.self) { try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay) }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Synced")
        let history = try await f.workspace.store.read { tx in try tx.appliedHistory("m1") }
        let head = try f.workspace.templates.resolve("main").hex
        #expect(history.count == 3 && history.last?.revision == head)
    }

    @Test func aLocalEditIsDriftReportedOrReverted() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")      // drift: report
        try await f.create("h1", cluster: "horeca")   // drift: revert
        for admin in ["m1", "h1"] { try await f.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: admin) }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Drifted")
        #expect(try await f.status("h1") == "Drifted")
        let report = try await f.reconciler.plan("m1")
        #expect(report.items.map(\.action) == [.drift])
        #expect(try await f.reconciler.apply(report, now: Self.now, day: windowFreeDay).written == 0)
        let revert = try await f.reconciler.plan("h1")
        #expect(revert.items.map(\.action) == [.revert])
        #expect(try await f.reconciler.apply(revert, now: Self.now, day: windowFreeDay).written == 1)
        let live = try await f.workspace.store.read { tx in try tx.liveConfiguration("h1") }
        #expect(live?.settings["payment.term-days"] != .number(.init(mantissa: 45, scale: 0)))
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("h1") == "Synced")
        #expect(try await f.status("m1") == "Drifted")
    }

    @Test func bothSidesChangedIsAConflict() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try await f.ledger.setSetting("payment.term-days", to: .number(.init(mantissa: 45, scale: 0)), in: "m1")
        try f.change("templates/base/settings.yaml") { $0.replacingOccurrences(of: "payment.term-days: 30", with: "payment.term-days: 21") }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Conflict")
        let plan = try await f.reconciler.plan("m1")
        #expect(plan.items.map(\.action) == [.conflict])
        #expect(plan.items[0].changes == [FieldChange(field: "value", old: "45", new: "21")])
        // Applying leaves the conflict for a decision: it stays a conflict.
        _ = try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay)
        #expect(try await f.reconciler.plan("m1").items.map(\.action) == [.conflict])
    }

    @Test func removingAnAccountWithPostingsDeactivatesIt() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change("templates/base/accounts.csv") { $0 + "46999,Tijdelijk,expense,debit,WBedAlkOal,,\n46998,Ongebruikt,expense,debit,WBedAlkOal,,\n" }
        _ = try await f.reconciler.apply(try await f.reconciler.plan("m1"), now: Self.now, day: windowFreeDay)
        try await f.postOn("46999", admin: "m1")
        try f.change("templates/base/accounts.csv") { text in
            text.split(separator: "\n").filter { !$0.hasPrefix("4699") }.joined(separator: "\n") + "\n"
        }
        let plan = try await f.reconciler.plan("m1")
        #expect(plan.items.map { "\($0.action.rawValue) \($0.key)" } == ["remove accounts:46998", "deactivate accounts:46999"])
        _ = try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay)
        let accounts = try await f.ledger.accounts("m1")
        #expect(!accounts.contains { $0.code == "46998" })
        #expect(accounts.first { $0.code == "46999" }?.active == false)
    }

    @Test func aTypeChangeWithPostingsIsBlockedUntilAcknowledged() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        let account = "45105"
        try await f.postOn(account, admin: "m1")
        try f.change("templates/base/accounts.csv") {
            $0.replacingOccurrences(of: "45105,Betaalde huur,expense,debit,WBedHuiBeh,I21,",
                                    with: "45105,Betaalde huur,asset,debit,BVorOvaVoh,,")
        }
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Blocked")
        let blocked = try await f.reconciler.plan("m1")
        #expect(blocked.items.map(\.action) == [.blocked])
        #expect(try await f.reconciler.apply(blocked, now: Self.now, day: windowFreeDay).written == 0)
        #expect(try await f.ledger.accounts("m1").first { $0.code == account }?.type == .expense)
        let acknowledged = try await f.reconciler.plan("m1", acknowledged: [ItemKey(kind: .accounts, key: account)])
        #expect(acknowledged.items.map(\.action) == [.update])
        _ = try await f.reconciler.apply(acknowledged, now: Self.now, day: windowFreeDay)
        #expect(try await f.ledger.accounts("m1").first { $0.code == account }?.type == .asset)
    }

    @Test func ignoredItemsNeverDiffer() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")  // ignores settings:bank.*
        try await f.ledger.setSetting("bank.import-format", to: .text("mt940"), in: "m1")
        #expect(try await f.reconciler.plan("m1").items.isEmpty)
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Synced")
    }

    @Test func aLiveChangeAfterPlanningStopsTheApply() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change("templates/base/accounts.csv") { $0 + "46999,Nieuw,expense,debit,WBedAlkOal,,\n" }
        let plan = try await f.reconciler.plan("m1")
        try await f.ledger.setSetting("dunning.levels", to: .number(.init(mantissa: 5, scale: 0)), in: "m1")
        let before = try await f.workspace.store.tableCounts()
        await #expect(throws: ReconcilerService.Refusal.self) { try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay) }
        do { _ = try await f.reconciler.apply(plan, now: Self.now, day: windowFreeDay) } catch let r as ReconcilerService.Refusal {
            #expect(r.code == "changed-since-plan" && r.description.contains("changed since the plan was made"))
        }
        #expect(try await f.workspace.store.tableCounts() == before)
        #expect(!(try await f.ledger.accounts("m1")).contains { $0.code == "46999" })
    }

    @Test func suspendedAdministrationsAreLeftAlone() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try await f.reconciler.setSuspended(true, admin: "m1")
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Suspended")
        try await f.reconciler.setSuspended(false, admin: "m1")
        _ = try await f.reconciler.pass(now: Self.now)
        #expect(try await f.status("m1") == "Synced")
    }
}

@Suite struct ReconcilerPassTests {
    @Test func sharedTemplateDiffsGiveTheSamePlansAsPlanningOneByOne() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        for id in ["m1", "m2", "mkb-0001"] { try await f.create(id, cluster: "mkb") }
        try f.change("templates/base/accounts.csv") { $0 + "46999,Tijdelijk,expense,debit,WBedAlkOal,,\n" }
        for id in ["m1", "m2", "mkb-0001"] { _ = try await f.reconciler.apply(try await f.reconciler.plan(id), now: "t0", day: windowFreeDay) }
        _ = try await f.reconciler.pass(now: "t1")
        try await f.postOn("46999", admin: "m2")
        try await f.postOn("45105", admin: "m1")
        try f.change("templates/base/accounts.csv") { text in
            text.split(separator: "\n").filter { !$0.hasPrefix("46999") }.joined(separator: "\n") + "\n"
        }
        try f.change("templates/base/accounts.csv") {
            $0.replacingOccurrences(of: "45105,Betaalde huur,expense,debit,WBedHuiBeh,I21,",
                                    with: "45105,Betaalde huur,asset,debit,BVorOvaVoh,,")
        }
        let summary = try await f.reconciler.pass(now: "t2")
        #expect(summary.counts[.blocked] == 1 && summary.counts[.outOfSync] == 2)
        for record in try await f.reconciler.records() {
            #expect(record.planHash == (try await f.reconciler.plan(record.administration).hash), "\(record.administration)")
        }
        #expect(try await f.reconciler.plan("m2").items.map { "\($0.action.rawValue) \($0.key)" }
            == ["update accounts:45105", "deactivate accounts:46999"])
        #expect(try await f.reconciler.plan("m1").items.map { "\($0.action.rawValue) \($0.key)" }
            == ["blocked accounts:45105", "remove accounts:46999"])
    }
}

@Suite struct ReconcilerSafetyTests {
    @Test func aVATRateChangeIsNeverAppliedToAnExistingCode() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change("templates/base/vat.yaml") { $0.replacingOccurrences(of: "rate: \"9\"", with: "rate: \"10\"") }
        let plan = try await f.reconciler.plan("m1", acknowledged: [ItemKey(kind: .vatCodes, key: "V9"), ItemKey(kind: .vatCodes, key: "I9")])
        #expect(!plan.items.isEmpty && plan.items.allSatisfy { $0.action == .blocked && $0.key.kind == .vatCodes })
        #expect(plan.items[0].reason?.contains("end it with validTo and add a new code") == true)
        _ = try await f.reconciler.apply(plan, now: "t", day: windowFreeDay)
        let v9 = try await f.workspace.store.read { tx in try tx.vatCodes("m1").first { $0.code == "V9" } }
        #expect(v9?.rate == DecimalNumber(mantissa: 9, scale: 0))
    }

    @Test func distributionWindowsForbidApplying() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try f.change("templates/base/accounts.csv") { $0 + "46999,Nieuw,expense,debit,WBedAlkOal,,\n" }
        let plan = try await f.reconciler.plan("m1")
        let cluster = try #require(try f.workspace.templateSet().clusters["mkb"])
        let window = try #require(cluster.windows.first)
        let forbidden = try LocalDate(year: 2026, month: window.months.first ?? 1, day: window.monthDays[0])
        let before = try await f.workspace.store.tableCounts()
        await #expect(throws: ReconcilerService.Refusal.self) { try await f.reconciler.apply(plan, now: "t", day: forbidden) }
        #expect(try await f.workspace.store.tableCounts() == before)
        let allowed = try LocalDate(year: 2026, month: 6, day: 2)
        #expect(!window.forbids(allowed))
        #expect(try await f.reconciler.apply(plan, now: "t", day: allowed).written == 1)
    }
}

@Suite struct RenumberTests {
    @Test func renamedFromMovesTheAccountAndItsHistory() async throws {
        let f = try await ReconcilerFixture()
        defer { f.remove() }
        try await f.create("m1", cluster: "mkb")
        try await f.postOn("45105", admin: "m1")
        try f.change("templates/base/accounts.csv") { text in
            var lines = text.split(separator: "\n").map(String.init)
            lines[0] += ",renamed_from"
            for i in 1..<lines.count {
                lines[i] += lines[i].hasPrefix("45105,") ? ",45105" : ","
                if lines[i].hasPrefix("45105,") { lines[i] = "45110" + lines[i].dropFirst(5) }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        #expect(try f.workspace.templateSet().validate().isEmpty)
        let plan = try await f.reconciler.plan("m1")
        #expect(plan.items.map { "\($0.action.rawValue) \($0.key)" } == ["renumber accounts:45110"])
        #expect(plan.items[0].changes.first == FieldChange(field: "code", old: "45105", new: "45110"))
        _ = try await f.reconciler.apply(plan, now: "t", day: windowFreeDay)
        let accounts = try await f.ledger.accounts("m1")
        #expect(accounts.contains { $0.code == "45110" } && !accounts.contains { $0.code == "45105" })
        let entry = try await f.ledger.entries("m1").last!
        #expect(entry.lines.map(\.account).contains("45110"))
        let tb = try await f.ledger.trialBalance("m1", from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(tb.rows.first { $0.account == "45110" }?.debit == 100)
        #expect(try await f.reconciler.plan("m1").items.isEmpty)
        _ = try await f.reconciler.pass(now: "t2")
        #expect(try await f.status("m1") == "Synced")
    }
}

/// A day outside every shipped cluster's window (2026-05-28), so applies do not depend on the day the tests run.
let windowFreeDay = LocalDate(dayNumber: 20_601)
