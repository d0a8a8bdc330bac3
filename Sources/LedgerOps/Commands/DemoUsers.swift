import Foundation
import Workflow
import Workspace

/// The demo's users, made when a demo workspace is first served: one per role, the demo's accountants in two
/// teams (each responsible for the administrations the demo gave them), all with one printed demo password.
enum DemoUsers {
    static let password = "ledgerops-demo"

    static func ensure(_ workspace: Workspace, at time: String) async throws {
        let users = UserService(store: workspace.store)
        guard try await users.users().isEmpty else { return }
        let access = AccessService(store: workspace.store)
        let people: [(String, Role, String?)] = [
            ("ada", .admin, nil), ("rita", .reviewer, nil), ("ruben", .reviewer, nil), ("vera", .viewer, nil),
            ("anouk", .accountant, "noord"), ("bas", .accountant, "noord"), ("charlotte", .accountant, "noord"),
            ("dirk", .accountant, "zuid"), ("esther", .accountant, "zuid"),
        ]
        for (name, role, team) in people {
            try await users.save(User(name: name, email: "\(name)@bureau.example", role: role, team: team), by: "bootstrap", at: time)
            try await access.setPassword(name, password, by: "bootstrap", at: time)
        }
        say("Demo users (password \(password)): ada (admin), rita and ruben (reviewers), vera (viewer), "
            + "anouk, bas, charlotte (team noord) and dirk, esther (team zuid), accountants\n"
            + "The CLI now asks who you are: export LEDGEROPS_USER=ada")
    }
}

/// Writes a line to standard output at once (not held in a buffer while a server runs).
func say(_ text: String) {
    fflush(nil)  // what print() still holds goes first
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
