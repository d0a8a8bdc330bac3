import Foundation
import Testing

/// The template repository end to end: seeded by `init`, read through libgit2, checked with the git CLI.
@Suite struct CLITemplateTests {
    /// The SHA-256 of each shipped cluster's rendered configuration. A change to the shipped templates changes
    /// these on purpose: update them in the same commit, after reading `ledgerops template diff`.
    static let golden: [String: String] = [
        "mkb": "463439bc6504f7607a5df3a66d2d00dcb6ee90524e0d722f60e98943ddeb7c8b",
        "landbouw": "00d23756ef1bf5573424fdfc111ecce19c58e3241ae252ae265c5ad28efd1f6a",
        "horeca": "03d1541f5c6fc360832980c252f3ef8dc7c2af8a09a0791057ec88851a86157e",
    ]

    static func git(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theShippedTemplatesValidateAndHashAsCommitted() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let valid = try cli.run(["template", "validate", "--dir", CLI.projectRoot], workspaceOption: false)
        #expect(valid.status == 0, "\(valid.stderr)")
        for (cluster, hash) in Self.golden {
            let out = try cli.run(["template", "show", cluster, "--dir", CLI.projectRoot, "--hash"], workspaceOption: false)
            #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == hash, "cluster \(cluster): \(out.stderr)")
        }
    }

    @Test func initSeedsTheRepositoryAndAdministrationsRecordTheirRevision() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let created = try cli.ok(["init", "--templates", CLI.projectRoot])
        #expect(created.contains("templates.git seeded from"))
        let repo = cli.workspace + "/templates.git"
        let head = try Self.git(["--git-dir", repo, "rev-parse", "main"])
        #expect(try Self.git(["--git-dir", repo, "log", "--format=%an <%ae> %s", "main"]) == "LedgerOps <init> Seed templates from the LedgerOps project")
        #expect(try Self.git(["--git-dir", repo, "show", "main:templates/base/template.yaml"]).contains("name: base"))
        #expect(try Self.git(["--git-dir", repo, "ls-tree", "--name-only", "main"]) == "clusters\ntemplates")
        #expect(try cli.ok(["template", "validate"]).contains("valid"))
        let out = try cli.ok(["admin", "create", "h1", "--name", "Hotel", "--cluster", "horeca", "--year", "2026"])
        #expect(out.contains("in cluster horeca: template horeca at \(head.prefix(7))"))
        let shown = try cli.ok(["template", "show", "horeca", "--hash"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(shown == Self.golden["horeca"])
        let log = try cli.ok(["template", "log"])
        #expect(log.hasPrefix(String(head.prefix(7))) && log.contains("LedgerOps <init>"))
    }

    @Test func aWorkspaceCanTrackAnotherRepository() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let upstream = cli.directory + "/upstream"
        _ = try Self.git(["init", "-q", "-b", "main", upstream])
        _ = try Self.git(["-C", upstream, "config", "user.name", "Anna"])
        _ = try Self.git(["-C", upstream, "config", "user.email", "anna@bureau.example"])
        _ = try Self.git(["-C", upstream, "config", "commit.gpgsign", "false"])
        for folder in ["templates", "clusters"] {
            let copy = Process()
            copy.executableURL = URL(fileURLWithPath: "/bin/cp")
            copy.arguments = ["-R", CLI.projectRoot + "/" + folder, upstream + "/" + folder]
            try copy.run()
            copy.waitUntilExit()
        }
        _ = try Self.git(["-C", upstream, "add", "-A"])
        _ = try Self.git(["-C", upstream, "commit", "-q", "-m", "Templates"])
        let head = try Self.git(["-C", upstream, "rev-parse", "HEAD"])
        let out = try cli.ok(["init", "--source", "file://" + upstream])
        #expect(out.contains("tracking file://\(upstream) main at \(head.prefix(7))"))
        #expect(try cli.ok(["template", "validate"]).contains("valid"))
        // A change upstream shows up in a diff between the two revisions.
        let settings = upstream + "/templates/base/settings.yaml"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        try (text + "  test.added-setting: 5\n").write(toFile: settings, atomically: true, encoding: .utf8)
        _ = try Self.git(["-C", upstream, "commit", "-q", "-am", "Add a setting"])
        let next = try Self.git(["-C", upstream, "rev-parse", "HEAD"])
        // The workspace's repository is a normal bare repository: fetch into it with git and diff.
        _ = try Self.git(["--git-dir", cli.workspace + "/templates.git", "fetch", "-q", "file://" + upstream, "main:main"])
        let diff = try cli.ok(["template", "diff", head, next])
        #expect(diff.contains("+ setting test.added-setting: 5"))
    }

    @Test func templateDiffAndProposalShowReadFieldByField() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["user", "add", "anna", "--email", "anna@bureau.example", "--role", "admin"])
        try cli.ok(["admin", "create", "m1", "--name", "M1", "--cluster", "mkb", "--year", "2026", "--as", "anna"])
        let repo = cli.workspace + "/templates.git", clone = cli.directory + "/clone"
        let head = try Self.git(["--git-dir", repo, "rev-parse", "main"])
        _ = try Self.git(["clone", "-q", repo, clone])
        for (path, old, new) in [("templates/base/reports/profit-and-loss.yaml", "label: Netto-omzet", "label: Omzet"),
                                 ("templates/base/vat.yaml", "    validFrom: 2012-10-01\n  - code: V9",
                                  "    validFrom: 2012-10-01\n    validTo: 2026-12-31\n  - code: V9"),
                                 ("clusters/mkb.yaml", "maxFailures: 2", "maxFailures: 0")] {
            let file = clone + "/" + path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains(old), "\(path)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
        }
        _ = try Self.git(["-C", clone, "-c", "user.name=Bas", "-c", "user.email=bas@bureau.example", "commit", "-qam", "Readable"])
        _ = try Self.git(["-C", clone, "push", "-q", "origin", "main"])
        let diff = try cli.ok(["template", "diff", head, "main", "--cluster", "mkb", "--as", "anna"])
        #expect(diff == """
            cluster mkb:
              policy maxFailures: 2 → 0 — any failure pauses the distribution
              ~ VAT code V21: validTo: — → 2026-12-31
              ~ report profit-and-loss: line revenue: label: "Netto-omzet" → "Omzet"

            """)
        #expect(try cli.ok(["propose", "--as", "anna"]).contains("Proposal 1"))
        let shown = try cli.ok(["proposal", "show", "1", "--as", "anna"])
        #expect(shown.contains("""
                update reports:profit-and-loss
                  line revenue: label: "Netto-omzet" → "Omzet"
            """))
        #expect(shown.contains("      validTo: — → 2026-12-31"))
    }
}

@Suite struct CLIReconcileTests {
    @Test func localEditsShowAsDriftInStatusAndDiff() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        try cli.ok(["admin", "create", "m1", "--name", "M1", "--cluster", "mkb", "--year", "2026"])
        try cli.ok(["admin", "create", "m2", "--name", "M2", "--cluster", "mkb", "--year", "2026"])
        #expect(try cli.ok(["reconcile", "--once"]).contains("Synced 2; 2 changed"))
        #expect(try cli.ok(["reconcile"]).contains("Synced 2; 0 changed, 2 skipped unchanged"))
        try cli.ok(["setting", "set", "m1", "payment.term-days", "45"])
        try cli.ok(["account", "edit", "m2", "45105", "--name", "Huur kantoor"])
        #expect(try cli.ok(["reconcile"]).contains("Drifted 2; 2 changed, 0 skipped"))
        let status = try cli.ok(["status"])
        #expect(status.contains("Drifted 2") && status.contains("settings:payment.term-days"))
        let diff = try cli.ok(["diff", "m2"])
        #expect(diff.contains("? drift accounts:45105") && diff.contains("name: Huur kantoor → Betaalde huur"))
        #expect(!diff.contains("\u{1B}["))  // plain when piped
        let json = try cli.ok(["diff", "m1", "--json"])
        #expect(json.contains("\"action\" : \"drift\""))
        try cli.ok(["admin", "suspend", "m1"])
        #expect(try cli.ok(["reconcile"]).contains("Suspended 1"))
        let refused = try cli.run(["account", "add", "m1", "45105", "--name", "x", "--type", "expense"])
        #expect(refused.status == 1 && refused.stderr.contains("account 45105 already exists"))
    }
}

@Suite struct CLIUserAuditTests {
    @Test func usersRolesAndTheAuditLog() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.ok(["init", "--templates", CLI.projectRoot])
        #expect(try cli.ok(["user", "add", "anna", "--email", "anna@bureau.example", "--role", "admin"]).contains("Saved admin anna"))
        let anonymous = try cli.run(["user", "add", "bas", "--email", "bas@bureau.example", "--role", "reviewer"])
        #expect(anonymous.status == 1 && anonymous.stderr.contains("say who you are: --as USER or LEDGEROPS_USER"))
        try cli.ok(["user", "add", "bas", "--email", "bas@bureau.example", "--role", "reviewer", "--as", "anna"])
        let byEnv = try cli.run(["user", "add", "cor", "--email", "cor@bureau.example", "--role", "accountant"],
                                environment: ["LEDGEROPS_USER": "bas"])
        #expect(byEnv.status == 1 && byEnv.stderr.contains("bas is a reviewer; this needs a admin"))
        try cli.ok(["user", "add", "cor", "--email", "cor@bureau.example", "--role", "accountant", "--as", "anna"])
        try cli.ok(["user", "team", "cor", "noord", "--as", "anna"])
        let list = try cli.ok(["user", "list", "--as", "bas"])
        #expect(list.contains("cor") && list.contains("accountant  noord"), "\(list)")
        #expect(try cli.ok(["audit", "verify"]).contains("audit log intact: 4 records"))
        #expect(try cli.ok(["audit", "--as", "bas"]).contains("user.changed  cor"))
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        tamper.arguments = [cli.workspace + "/ledgerops.sqlite",
                            "DROP TRIGGER audit_log_is_append_only; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3;"]
        try tamper.run()
        tamper.waitUntilExit()
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 1 && broken.stderr.contains("the audit log is broken at record 3: record 3 was edited"))
    }
}
