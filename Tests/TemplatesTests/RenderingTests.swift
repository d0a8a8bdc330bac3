import Core
import Foundation
import GitSource
import Templates
import Testing
import TestSupport

@Suite struct RenderingTests {
    @Test func inheritanceOverridesRemovesAndOverlays() throws {
        let set = TemplateSet.load(from: MemorySource(files: MemorySource.valid))
        let base = try set.render(template: "base")
        let mkb = try set.render(template: "mkb")
        #expect(base.accounts.count == 12 && mkb.accounts.count == 13)
        #expect(mkb.accounts.first { $0.code == "45105" }?.name == "Huur bedrijfsruimte")
        #expect(base.indicators.map(\.id) == ["bank.unprocessed-lines"] && mkb.indicators.isEmpty)
        #expect(mkb.settings["payment.term-days"] == .number(DecimalNumber(mantissa: 30, scale: 0)))
        #expect(mkb.settings["dunning.enabled"] == .flag(true) && mkb.settings["vat.period"] == .text("quarter"))
        let one = try set.render(cluster: "mkb", administration: "mkb-0001")
        #expect(one.settings["payment.term-days"] == .number(DecimalNumber(mantissa: 14, scale: 0)))
        #expect(try set.render(cluster: "mkb", administration: "mkb-0002") == mkb)
        let cluster = try #require(set.clusters["mkb"])
        #expect(cluster.requiredApprovals == 2 && cluster.drift == .revert && cluster.waves.map(\.name) == ["canary", "rest"])
        #expect(cluster.windows.first?.months == [1, 4, 7, 10])
    }

    @Test func theHashIgnoresSpellingAndFollowsContent() throws {
        let original = try TemplateSet.load(from: MemorySource(files: MemorySource.valid)).render(template: "mkb").sha256
        var respelled = MemorySource.valid
        respelled["templates/base/settings.yaml"] = "# comments change nothing\nsettings:\n    vat.period:   quarter\n"
            + "    dunning.enabled: true\n    payment.term-days: 30.0\n"
        respelled["templates/base/vat.yaml"] = respelled["templates/base/vat.yaml"]!.replacingOccurrences(of: "rate: \"21\"", with: "rate: 21")
        #expect(try TemplateSet.load(from: MemorySource(files: respelled)).render(template: "mkb").sha256 == original)
        var changed = MemorySource.valid
        changed["templates/base/settings.yaml"] = "settings:\n  payment.term-days: 31\n  vat.period: quarter\n  dunning.enabled: true\n"
        #expect(try TemplateSet.load(from: MemorySource(files: changed)).render(template: "mkb").sha256 != original)
        #expect(original.count == 64)
    }

    @Test func rendersFromAGitRevision() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-tpl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let repo = try GitRepository.create(at: dir, bare: true)
        let author = GitSignature(name: "Anna", email: "anna@bureau.example", time: 1_767_225_600)
        let first = try repo.commit(MemorySource.valid.map { .write(path: $0.key, contents: Array($0.value.utf8)) },
                                    message: "Seed\n", author: author)
        let second = try repo.commit([.write(path: "templates/base/settings.yaml",
                                             contents: Array("settings:\n  payment.term-days: 21\n".utf8))],
                                     message: "Shorter terms\n", author: author)
        let before = TemplateSet.load(from: try GitTreeSource(repository: repo, revision: first.hex))
        let after = TemplateSet.load(from: try GitTreeSource(repository: repo, revision: "main"))
        #expect(before.validate().isEmpty && after.validate().isEmpty)
        #expect(try before.render(template: "mkb").settings["payment.term-days"]?.description == "30")
        #expect(try after.render(template: "mkb").settings["payment.term-days"]?.description == "21")
        #expect(try GitTreeSource(repository: repo, revision: "main").commit == second)
    }

    @Test func aFolderSourceRefusesLinksEscapesAndHugeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-tpl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (path, contents) in MemorySource.valid {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: full, atomically: true, encoding: .utf8)
        }
        #expect(TemplateSet.load(from: DirectorySource(root: dir)).validate().isEmpty)
        try String(repeating: "# padding\n", count: 120_000).write(toFile: dir + "/templates/base/settings.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/templates/mkb/vat.yaml", withDestinationPath: "/etc/hostname")
        let problems = TemplateSet.load(from: DirectorySource(root: dir)).validate().map(\.description)
        #expect(problems.contains { $0.hasPrefix("templates/base/settings.yaml: the file is") && $0.contains("the limit is 1048576") })
        #expect(problems.contains { $0.hasPrefix("templates/mkb/vat.yaml: the file is a symbolic link") })
        #expect(throws: TemplateError.self) { try DirectorySource(root: dir).read("../etc/passwd") }
        #expect(throws: TemplateError.self) { try DirectorySource(root: dir).read("/etc/passwd") }
    }
}
