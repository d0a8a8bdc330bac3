import Foundation
import Reconciler
import Templates
import Testing
import TestSupport
import Workflow

/// Cluster files as a template source: the shipped ones, edited per test.
struct ClusterFiles: TemplateSource {
    var files: [String: String]

    var name: String { "clusters" }

    func read(_ path: String) throws(TemplateError) -> [UInt8]? { files[path].map { Array($0.utf8) } }

    func files(under folder: String) throws(TemplateError) -> [String] {
        files.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
    }

    static func shipped() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in ["mkb", "horeca", "landbouw"] {
            files["clusters/\(name).yaml"] = try String(contentsOfFile: TestLedger.projectRoot + "/clusters/\(name).yaml",
                                                        encoding: .utf8)
        }
        return files
    }

    static func set(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> TemplateSet {
        var files = try shipped()
        edit(&files)
        return TemplateSet.load(from: ClusterFiles(files: files))
    }
}

/// Cluster policy a change alters, one readable item per changed field: what a reviewer must see beside the plans.
@Suite struct PolicyChangeTests {
    static func edit(_ files: inout [String: String], _ cluster: String, _ pairs: [(String, String)]) {
        for (old, new) in pairs { files["clusters/\(cluster).yaml"] = files["clusters/\(cluster).yaml"]?.replacingOccurrences(of: old, with: new) }
    }

    @Test func everyChangedFieldOfAClusterFileIsOneReadableItem() throws {
        let old = try ClusterFiles.set()
        let new = try ClusterFiles.set { f in
            Self.edit(&f, "mkb", [("requiredApprovals: 1", "requiredApprovals: 2"), ("maxFailures: 2", "maxFailures: 0"),
                                  ("count: 3", "administrations: [m1, m2]"), ("drift: report", "drift: revert"),
                                  ("months: [1, 4, 7, 10]", "months: [1, 4, 7, 10, 12]"),
                                  ("  - dashboards:*", "  - settings:payment.*")])
            Self.edit(&f, "horeca", [("requiredApprovals: 2", "requiredApprovals: 1")])
        }
        #expect(old.loadProblems.isEmpty && new.loadProblems.isEmpty)
        let changes = PolicyChange.between(old, new, clusters: ["mkb"])
        #expect(changes.allSatisfy { $0.cluster == "mkb" })
        #expect(changes.map(\.text) == [
            "requiredApprovals: 1 → 2",
            "maxFailures: 2 → 0 — any failure pauses the distribution",
            "wave canary: 3 administrations → m1, m2",
            "drift: report → revert — local changes are reverted on the next distribution",
            "window btw-aangifte: 25–31 of Jan, Apr, Jul, Oct → 25–31 of Jan, Apr, Jul, Oct, Dec — no changes are applied then",
            "ignore: — → settings:payment.* — the reconciler leaves matching items alone",
            "ignore: dashboards:* → — — matching items are reconciled again",
        ])
        #expect(PolicyChange.between(old, new, clusters: ["horeca", "mkb", "landbouw"]).filter { $0.cluster == "horeca" }
            .map(\.text) == ["requiredApprovals: 2 → 1 — fewer reviewers need to approve"])
        #expect(PolicyChange.between(old, old, clusters: ["mkb", "horeca", "landbouw"]).isEmpty)
    }

    @Test func wavesWindowsAndClustersComeAndGo() throws {
        let old = try ClusterFiles.set()
        let new = try ClusterFiles.set { f in
            Self.edit(&f, "landbouw", [("    - name: canary\n      count: 2\n    - name: rest\n      percent: 100",
                                        "    - name: rest\n      percent: 100\n    - name: canary\n      count: 2")])
            Self.edit(&f, "horeca", [("    - name: early\n      percent: 50\n", ""),
                                     ("    months: [1, 4, 7, 10]", "    months: [1, 4, 7, 10]\n  - name: jaarafsluiting\n"
                                      + "    monthDays: [1, 2, 3, 15]")])
            f["clusters/mkb.yaml"] = nil
        }
        #expect(new.loadProblems.isEmpty)
        let changes = PolicyChange.between(old, new, clusters: ["horeca", "landbouw", "mkb"])
        #expect(changes.map { "\($0.cluster) \($0.text)" } == [
            "horeca wave early: 50% of the cluster → —",
            "horeca window jaarafsluiting: — → 1–3, 15 of every month — no changes are applied then",
            "landbouw waves: canary, rest → rest, canary — the waves run in this order",
            "mkb cluster: mkb → — — the cluster file is removed",
        ])
        // A cluster new to the repository (or the first proposal) shows every field.
        let added = PolicyChange.between(nil, new, clusters: ["landbouw"])
        #expect(added.map(\.field) == ["template", "description", "requiredApprovals", "maxFailures", "wave rest", "wave canary",
                                       "drift", "window btw-aangifte", "ignore", "ignore", "ignore"])
        #expect(added.allSatisfy { $0.old == nil && $0.new != nil })
    }

    @Test func proposalsStoredBeforePolicyChangesStillDecode() throws {
        let p = Proposal(id: 1, state: .open, fromRevision: nil, toRevision: "b", branch: nil, proposer: "anna", createdAt: "t",
                         commits: [], clusters: ["mkb"], plans: [], supersedes: [],
                         policyChanges: [PolicyChange(cluster: "mkb", field: "maxFailures", old: "2", new: "0")])
        let encoded = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(Proposal.self, from: encoded) == p)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["policyChanges"] = nil
        let old = try JSONDecoder().decode(Proposal.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.policyChanges.isEmpty && old.clusters == ["mkb"])
    }

    @Test func aTwoLabelReportChangeIsASmallReadableProposal() async throws {
        let t = ProposalTests()
        let (ws, dir) = try await t.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "templates/base/reports/profit-and-loss.yaml"
        let old = String(decoding: try ws.templates.read(path, at: "main") ?? [], as: UTF8.self)
        let new = old.replacingOccurrences(of: "label: Netto-omzet", with: "label: Omzet")
            .replacingOccurrences(of: "label: Personeelskosten", with: "label: Lonen en salarissen")
        try ws.templates.commit([.write(path: path, contents: Array(new.utf8))], message: "Labels\n", author: ProposalTests.bas)
        let p = try #require(try await ProposalService(workspace: ws).propose(by: "anna", at: "t1"))
        #expect(p.affected.count == 4)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for plan in p.affected {
            let items = plan.items.filter { $0.key.description == "reports:profit-and-loss" }
            #expect(items.count == 1 && items.first?.changes.count == 2, "\(plan.administration)")
            #expect(items.flatMap { $0.changes.flatMap(\.readable) }.map(\.text) == [
                #"line personnel-costs: label: "Personeelskosten" → "Lonen en salarissen""#,
                #"line revenue: label: "Netto-omzet" → "Omzet""#,
            ])
            let bytes = try encoder.encode(items).count
            #expect(bytes < 600, "\(plan.administration): \(bytes) bytes")
        }
    }
}
