import Core
import Foundation
import GitSource
import Templates

/// Templates read from git: a cold resolve + read + render + hash of every cluster at a revision, and one file
/// read at each of 1,000 revisions of a generated history, side by side with `git` doing the same reads.
struct TemplateBench {
    let directory: String
    let projectRoot: String
    let tiny: Bool

    /// The rows to print, and the median cold render (seconds) for the target check.
    func run() throws -> (rows: [(String, String, String)], coldMedian: Double) {
        let clock = ContinuousClock()
        var rows: [(String, String, String)] = []
        let path = directory + "/templates.git"
        let seed = try GitRepository.create(at: path, bare: true)
        try seed.commitDirectory(projectRoot, folders: ["templates", "clusters"], message: "Seed\n",
                                 author: GitSignature(name: "Bench", email: "bench@example", time: 1_767_225_600))

        // 1. Cold: a new repository handle, resolve, read every file, render and hash every cluster.
        var samples: [Double] = []
        var hashes: [String] = []
        for _ in 0..<(tiny ? 2 : 20) {
            let start = clock.now
            let repo = try GitRepository.open(path)
            let set = TemplateSet.load(from: try GitTreeSource(repository: repo, revision: "main"))
            hashes = try set.clusters.keys.sorted().map { try set.render(cluster: $0).sha256 }
            samples.append(seconds(clock.now - start))
        }
        samples.sort()
        let coldMedian = samples[samples.count / 2]
        rows.append(("cold resolve + read + render + hash, \(hashes.count) clusters", "median of \(samples.count)",
                     String(format: "%.1f ms (min %.1f ms)", samples[samples.count / 2] * 1000, samples[0] * 1000)))

        // 2. One file at each of N revisions of a generated history.
        let revisions = tiny ? 50 : 1_000
        let history = try GitRepository.create(at: directory + "/history.git", bare: true)
        var ids: [GitObjectID] = []
        for i in 0..<revisions {
            ids.append(try history.commit([.write(path: "templates/base/settings.yaml",
                                                  contents: Array("settings:\n  revision: \(i)\n".utf8))],
                                          message: "Revision \(i)\n",
                                          author: GitSignature(name: "Bench", email: "bench@example", time: 1_767_225_600 + Int64(i))))
        }
        let readStart = clock.now
        var bytes = 0
        for id in ids { bytes += try history.read("templates/base/settings.yaml", at: id.hex)?.count ?? 0 }
        let ours = seconds(clock.now - readStart)
        rows.append(("read one file at \(revisions) revisions (libgit2, one process)", "\(bytes) bytes",
                     String(format: "%.1f ms", ours * 1000)))
        if let git = ChildProcess.find("git") {
            let showStart = clock.now
            for id in ids {
                let r = try ChildProcess.run(git, ["--git-dir", directory + "/history.git", "show",
                                                   "\(id.hex):templates/base/settings.yaml"], measuringMemory: false)
                guard r.status == 0 else { throw BenchError("git show failed: \(r.errors)") }
            }
            let show = seconds(clock.now - showStart)
            rows.append(("the same reads with `git show`, one process each", "",
                         String(format: "%.1f ms (%.0fx ours)", show * 1000, show / ours)))
            let list = directory + "/revisions.txt"
            try ids.map { "\($0.hex):templates/base/settings.yaml" }.joined(separator: "\n").appending("\n")
                .write(toFile: list, atomically: true, encoding: .utf8)
            let batchStart = clock.now
            let r = try ChildProcess.run("/bin/sh", ["-c", "\(git) --git-dir \(directory)/history.git cat-file --batch < \(list)"],
                                         measuringMemory: false)
            guard r.status == 0 else { throw BenchError("git cat-file failed: \(r.errors)") }
            let batch = seconds(clock.now - batchStart)
            rows.append(("the same reads with `git cat-file --batch`, one process", "",
                         String(format: "%.1f ms (%.2fx ours)", batch * 1000, batch / ours)))
        }
        return (rows, coldMedian)
    }
}
