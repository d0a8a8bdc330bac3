import Core
import Foundation
import Store
import Testing
import TestSupport
import Workflow
import Workspace

@Suite struct AuditAndUserTests {
    func workspace() throws -> (Workspace, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-wf-\(UUID().uuidString)").path
        return (try Workspace.initialize(dir, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600), dir)
    }

    /// Tampers with the database the way an attacker with file access would: the sqlite3 tool, triggers dropped.
    func tamper(_ dir: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [dir + "/ledgerops.sqlite", "DROP TRIGGER IF EXISTS audit_log_is_append_only; "
            + "DROP TRIGGER IF EXISTS audit_log_is_never_deleted; " + sql]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    func verify(_ ws: Workspace) async throws -> (seq: Int64, reason: String)? {
        AuditLog.verify(try await ws.store.read { tx in try tx.auditRecords() })
    }

    @Test func rolesAreCheckedAndChangesAudited() async throws {
        let (ws, dir) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let users = UserService(store: ws.store)
        // The first user is added by the bootstrap actor; after that, roles apply.
        #expect(try await users.authorize(nil, needs: .admin) == "bootstrap")
        try await users.save(User(name: "anna", email: "anna@bureau.example", role: .admin), by: "bootstrap", at: "t1")
        try await users.save(User(name: "bas", email: "bas@bureau.example", role: .reviewer), by: "anna", at: "t2")
        try await users.save(User(name: "cor", email: "cor@bureau.example", role: .accountant, team: "noord"), by: "anna", at: "t3")
        #expect(try await users.authorize("anna", needs: .admin) == "anna")
        #expect(try await users.authorize("bas", needs: .accountant) == "bas")
        await #expect(throws: WorkflowError.self) { try await users.authorize("cor", needs: .reviewer) }
        await #expect(throws: WorkflowError.self) { try await users.authorize(nil, needs: .viewer) }
        await #expect(throws: WorkflowError.self) { try await users.authorize("nobody", needs: .viewer) }
        await #expect(throws: WorkflowError.self) {
            try await users.save(User(name: "dirk", email: "ANNA@bureau.example", role: .viewer), by: "anna", at: "t4")
        }
        #expect(try await users.user(email: "Cor@Bureau.example")?.name == "cor")
        try await ws.createAdministration(id: "m1", name: "M1", cluster: "mkb", openYear: 2026)
        try await users.assign("cor", to: "m1", by: "anna", at: "t5")
        await #expect(throws: WorkflowError.self) { try await users.assign("bas", to: "m1", by: "anna", at: "t6") }
        #expect(try await ws.ledger.administrations().first?.responsible == "cor")
        let records = try await ws.store.read { tx in try tx.auditRecords() }
        #expect(records.map(\.action) == ["user.added", "user.added", "user.added", "user.assigned"])
        #expect(records.map(\.actor) == ["bootstrap", "anna", "anna", "anna"])
        #expect(try await verify(ws) == nil)
        // The database refuses to edit or delete the log.
        await #expect(throws: (any Error).self) {
            try await ws.store.write { tx in try tx.append(records[0]) }
        }
    }

    @Test(arguments: [
        ("an edited record", "UPDATE audit_log SET payload = '{\"role\":\"admin\"}' WHERE seq = 2;", Int64(2), "was edited"),
        ("a deleted record", "DELETE FROM audit_log WHERE seq = 2;", Int64(3), "was deleted"),
        ("two swapped records", "UPDATE audit_log SET seq = 99 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
            + "UPDATE audit_log SET seq = 3 WHERE seq = 99;", Int64(2), "reordered"),
    ])
    func verifyFindsTampering(_ what: String, _ sql: String, _ seq: Int64, _ reason: String) async throws {
        let (ws, dir) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let users = UserService(store: ws.store)
        for (i, name) in ["anna", "bas", "cor", "dirk"].enumerated() {
            try await users.save(User(name: name, email: "\(name)@bureau.example", role: i == 0 ? .admin : .viewer),
                                 by: i == 0 ? "bootstrap" : "anna", at: "t\(i)")
        }
        #expect(try await verify(ws) == nil)
        try tamper(dir, sql)
        let broken = try #require(try await verify(ws), "\(what) went unnoticed")
        #expect(broken.seq == seq && broken.reason.contains(reason), "\(what): \(broken)")
    }
}
