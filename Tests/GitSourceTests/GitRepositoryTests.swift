import Foundation
import GitSource
import Testing

@Suite struct GitRepositoryTests {
    /// A small history: five commits, a tag of each kind, a folder, a deletion and a rename.
    static func history() throws -> GitFixture {
        var f = try GitFixture()
        try f.commit(["templates/base/template.yaml": "name: base\n", "README.md": "# templates\n"], "Seed templates")
        try f.commit(["templates/base/accounts.csv": "code,name\n1000,Kas\n"], "Add the chart")
        try f.git(["tag", "v1"])
        try f.commit(["templates/mkb/template.yaml": "extends: base\n", "clusters/mkb.yaml": "template: mkb\n"], "Add mkb")
        try f.git(["tag", "-a", "v2", "-m", "Release 2"], date: 1_767_300_000)
        try f.commit(["README.md": nil, "templates/base/accounts.csv": "code,name\n1000,Kas\n1100,Bank\n"], "Bank account")
        try f.git(["mv", "clusters/mkb.yaml", "clusters/small-business.yaml"])
        try f.commit([:], "Rename the mkb cluster\n\nWith a body.")
        return f
    }

    @Test func resolvesRevisionsAsGitRevParseDoes() throws {
        let f = try Self.history()
        defer { f.remove() }
        let repo = try GitRepository.open(f.directory)
        let head = try f.git(["rev-parse", "HEAD"])
        for revision in ["HEAD", "main", "HEAD~1", "main~3", "HEAD^", "v1", "v2", "refs/heads/main", head,
                         String(head.prefix(7)), String(head.prefix(12))] {
            #expect(try repo.resolve(revision).hex == f.git(["rev-parse", revision + "^{commit}"]), "\(revision)")
        }
        #expect(throws: GitError.self) { try repo.resolve("no-such-branch") }
        #expect(throws: GitError.self) { try repo.resolve("HEAD~9") }
    }

    @Test func readsBlobsAndTreesAsGitShowAndLsTreeDo() throws {
        let f = try Self.history()
        defer { f.remove() }
        let repo = try GitRepository.open(f.directory)
        for revision in ["HEAD", "v1", "HEAD~2"] {
            for path in ["templates/base/accounts.csv", "templates/base/template.yaml", "README.md"] {
                let ours = try repo.read(path, at: revision)
                let exists = (try? f.git(["cat-file", "-e", "\(revision):\(path)"])) != nil
                #expect((ours != nil) == exists, "\(revision):\(path)")
                if let ours { #expect(String(decoding: ours, as: UTF8.self) == (try f.git(["show", "\(revision):\(path)"])) + "\n") }
            }
            let tree = try repo.list(at: revision)
            let files = tree.filter { $0.kind == .blob }.map(\.path)
            #expect(files == (try f.git(["ls-tree", "-r", "--name-only", revision])).split(separator: "\n").map(String.init))
            let all = try f.git(["ls-tree", "-r", "-t", revision]).split(separator: "\n").map { line in
                let parts = line.split(separator: "\t")
                let meta = parts[0].split(separator: " ")
                return "\(parts[1]) \(meta[2])"
            }
            #expect(tree.map { "\($0.path) \($0.id)" }.sorted() == all.sorted())
        }
        let folder = try repo.list("templates", at: "HEAD", recursive: false).map(\.path)
        #expect(folder == ["templates/base", "templates/mkb"])
        #expect(try repo.read("templates", at: "HEAD") == nil)
        #expect(try repo.read("missing.txt", at: "HEAD") == nil)
    }

    @Test func walksHistoryAsGitLogDoes() throws {
        let f = try Self.history()
        defer { f.remove() }
        let repo = try GitRepository.open(f.directory)
        let ours = try repo.log(from: "HEAD").map { "\($0.id) \($0.author.name) \($0.author.email) \($0.author.time) \($0.summary)" }
        let theirs = try f.git(["log", "--format=%H %an %ae %at %s"]).split(separator: "\n").map(String.init)
        #expect(ours == theirs)
        for path in ["templates/base/accounts.csv", "README.md", "clusters", "templates/mkb/template.yaml"] {
            let ours = try repo.log(path: path).map(\.id.hex)
            let theirs = try f.git(["log", "--format=%H", "--", path]).split(separator: "\n").map(String.init)
            #expect(ours == theirs, "\(path)")
        }
        #expect(try repo.log(limit: 2).count == 2)
        let message = try repo.log(limit: 1)[0].message
        #expect(message == (try f.git(["log", "-1", "--format=%B"])) + "\n")
    }

    @Test func listsChangedPathsAsGitDiffDoes() throws {
        let f = try Self.history()
        defer { f.remove() }
        let repo = try GitRepository.open(f.directory)
        for (a, b) in [("v1", "HEAD"), ("HEAD~1", "HEAD"), ("HEAD~4", "v2"), ("HEAD", "v1"), ("HEAD", "HEAD")] {
            let theirs = try f.git(["diff", "--name-only", "--no-renames", a, b]).split(separator: "\n").map(String.init)
            #expect(try repo.changedPaths(from: a, to: b) == theirs.sorted(), "\(a)..\(b)")
        }
        #expect(try repo.isAncestor("v1", of: "HEAD"))
        #expect(try !repo.isAncestor("HEAD", of: "v1"))
    }

    @Test func aCommitWeMakeIsWhatGitReads() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-git-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: target) }
        let repo = try GitRepository.create(at: target, bare: true)
        let author = GitSignature(name: "Bas Jansen", email: "bas@bureau.example", time: 1_767_229_200, offsetMinutes: 60)
        let first = try repo.commit([.write(path: "templates/base/template.yaml", contents: Array("name: base\n".utf8)),
                                     .write(path: "clusters/mkb.yaml", contents: Array("template: mkb\n".utf8))],
                                    message: "Seed\n", author: author)
        let second = try repo.commit([.delete(path: "clusters/mkb.yaml"),
                                      .write(path: "templates/base/template.yaml", contents: Array("name: base v2\n".utf8))],
                                     message: "Change base\n", author: author)
        let git = { (args: [String]) throws -> String in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["--git-dir", target] + args
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try git(["rev-parse", "main"]) == second.hex)
        #expect(try git(["log", "--format=%H %P %an <%ae> %at %ai %s", "main"]) == """
            \(second.hex) \(first.hex) Bas Jansen <bas@bureau.example> 1767229200 2026-01-01 02:00:00 +0100 Change base
            \(first.hex)  Bas Jansen <bas@bureau.example> 1767229200 2026-01-01 02:00:00 +0100 Seed
            """)
        #expect(try git(["show", "main:templates/base/template.yaml"]) == "name: base v2")
        #expect(try git(["ls-tree", "-r", "--name-only", "main"]) == "templates/base/template.yaml")
        #expect(try git(["fsck", "--strict"]).isEmpty)
        // A merge: two parents, in order.
        let side = try repo.commit([.write(path: "side.txt", contents: Array("x\n".utf8))], on: "side", message: "Side\n",
                                   author: author, parents: [first.hex])
        let merge = try repo.commit([.write(path: "side.txt", contents: Array("x\n".utf8))], message: "Merge side\n",
                                    author: author, parents: [second.hex, side.hex])
        #expect(try git(["log", "-1", "--format=%P", "main"]) == "\(second.hex) \(side.hex)")
        #expect(try repo.resolve("main") == merge)
        #expect(throws: GitError.self) {
            try repo.commit([.write(path: "../escape", contents: [])], message: "x", author: author)
        }
    }

    @Test func fetchesFromAFileRemoteAndFastForwards() throws {
        var source = try GitFixture()
        defer { source.remove() }
        try source.commit(["a.txt": "1\n"], "One")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-git-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: target) }
        let repo = try GitRepository.create(at: target, bare: true)
        let url = "file://" + source.directory
        let one = try source.git(["rev-parse", "HEAD"])
        #expect(try repo.fetch(from: url) == .fastForwarded(from: nil, to: GitObjectID(hex: one)))
        #expect(try repo.fetch(from: url) == .upToDate(GitObjectID(hex: one)))
        let two = try source.commit(["a.txt": "2\n", "b.txt": "b\n"], "Two")
        #expect(try repo.fetch(from: url) == .fastForwarded(from: GitObjectID(hex: one), to: GitObjectID(hex: two)))
        #expect(try repo.read("b.txt", at: "main").map { String(decoding: $0, as: UTF8.self) } == "b\n")
        // A local commit the remote lacks: nothing is moved.
        let local = try repo.commit([.write(path: "c.txt", contents: [0x63])], message: "Local\n",
                                    author: GitSignature(name: "X", email: "x@example", time: 1_767_300_000))
        let three = try source.commit(["a.txt": "3\n"], "Three")
        #expect(try repo.fetch(from: url) == .diverged(local: local, remote: GitObjectID(hex: three)))
        #expect(try repo.resolve("main") == local)
        #expect(throws: GitError.self) { try repo.fetch(from: "file:///no/such/repository") }
    }
}
