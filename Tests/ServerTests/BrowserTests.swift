import Foundation
import GitSource
import Testing
import TestSupport
import Workflow

/// A real browser: headless Chromium, driven by `scripts/browser_test.py` over the DevTools protocol, signs in as a
/// reviewer, opens a proposal, approves it and starts its distribution; the CLI then finds the administrations
/// `Synced`. Screenshots land in `.build/screenshots/`. Without Chromium the test is skipped
/// locally and fails on CI (`make test` installs it).
@Suite(.enabled(if: Peer("chromium").shouldRun, "skipped: chromium is not installed (CI installs it and fails without it)"))
struct BrowserTests {
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aReviewerApprovesAndDistributesInChromium() async throws {
        let python = TestLedger.projectRoot + "/.build/browser-venv/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python),
                     "the browser test's venv is missing: `bash scripts/install-deps.sh peers` makes it")
        let f = try await ServerFixture()
        defer { f.stop() }
        let old = String(decoding: try f.workspace.templates.read("templates/mkb/accounts.csv", at: "main")!, as: UTF8.self)
        try f.workspace.templates.commit([.write(path: "templates/mkb/accounts.csv",
                                                 contents: Array((old + "46999,Nieuw,expense,debit,WBedAlkOal,,\n").utf8))],
                                         message: "New account\n",
                                         author: GitSignature(name: "Ada", email: "ada@bureau.example", time: 1_795_000_000))
        let p = try #require(try await ProposalService(workspace: f.workspace).propose(by: "ada", at: "t1"))
        let shots = TestLedger.projectRoot + "/.build/screenshots"
        let browser = try Self.run(python, [TestLedger.projectRoot + "/scripts/browser_test.py", "--base", "http://127.0.0.1:\(f.port)",
                                            "--proposal", String(p.id), "--reviewer", "rita",
                                            "--password", ServerFixture.password, "--out", shots])
        #expect(browser.status == 0, "the browser script: \(browser.output)")
        #expect(browser.output.contains(#""distribution": "done""#) && browser.output.contains(#""applied": 2"#), "\(browser.output)")
        for name in ["proposal.png", "distributed.png", "monitor.png"] {
            #expect(FileManager.default.fileExists(atPath: shots + "/" + name), "screenshot \(name)")
        }
        // The CLI, a separate process on the same workspace, sees them Synced at the new revision.
        let cli = TestLedger.projectRoot + "/.build/debug/ledgerops"
        _ = try Self.run(cli, ["reconcile", "--workspace", f.directory, "--as", "ada"])
        let status = try Self.run(cli, ["status", "--workspace", f.directory, "--as", "ada", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]] ?? []
        for admin in ["m1", "m2"] {
            #expect(rows.first { $0["administration"] as? String == admin }?["status"] as? String == "Synced", "\(admin): \(status.output)")
        }
    }
}
