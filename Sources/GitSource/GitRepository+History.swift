import CLibGit2

extension GitRepository {
    /// Commits reachable from `revision`, newest first (as `git log`); with `path`, only those that changed it
    /// against every parent (as `git log -- path` simplifies history).
    public func log(from revision: String = "HEAD", path: String? = nil, limit: Int? = nil, excluding: String? = nil)
        throws(GitError) -> [GitCommit]
    {
        try withHandle { repo throws(GitError) -> [GitCommit] in
            var walk: OpaquePointer?
            try check(git_revwalk_new(&walk, repo), "cannot walk history")
            defer { git_revwalk_free(walk) }
            git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
            var start = try Self.commitID(repo, revision).oid()
            try check(git_revwalk_push(walk, &start), "cannot walk from \(revision)")
            if let excluding {
                // `excluding..revision`: commits reachable from revision but not from excluding.
                var hidden = try Self.commitID(repo, excluding).oid()
                try check(git_revwalk_hide(walk, &hidden), "cannot walk from \(excluding)")
            }
            var result: [GitCommit] = []
            var oid = git_oid()
            while git_revwalk_next(&oid, walk) == 0 {
                var commit: OpaquePointer?
                try check(git_commit_lookup(&commit, repo, &oid), "cannot read commit")
                defer { git_commit_free(commit) }
                if let path, try !Self.changes(repo, commit!, path: path) { continue }
                result.append(Self.describe(commit!))
                if let limit, result.count >= limit { break }
            }
            return result
        }
    }

    /// Paths that differ between two revisions (added, removed or modified; a rename is its two paths), sorted.
    public func changedPaths(from old: String, to new: String) throws(GitError) -> [String] {
        try withHandle { repo throws(GitError) -> [String] in
            let oldTree = try Self.tree(repo, old)
            defer { git_tree_free(oldTree) }
            let newTree = try Self.tree(repo, new)
            defer { git_tree_free(newTree) }
            var diff: OpaquePointer?
            try check(git_diff_tree_to_tree(&diff, repo, oldTree, newTree, nil), "cannot compare \(old) with \(new)")
            defer { git_diff_free(diff) }
            var paths = Set<String>()
            for i in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, i) else { continue }
                if let p = delta.pointee.old_file.path { paths.insert(String(cString: p)) }
                if let p = delta.pointee.new_file.path { paths.insert(String(cString: p)) }
            }
            return paths.sorted()
        }
    }

    /// Whether `ancestor` is reachable from `descendant` (or is it).
    public func isAncestor(_ ancestor: String, of descendant: String) throws(GitError) -> Bool {
        try withHandle { repo throws(GitError) -> Bool in
            var a = try Self.commitID(repo, ancestor).oid()
            var d = try Self.commitID(repo, descendant).oid()
            if git_oid_equal(&a, &d) != 0 { return true }
            let code = git_graph_descendant_of(repo, &d, &a)
            try check(code, "cannot compare \(ancestor) with \(descendant)")
            return code == 1
        }
    }

    static func describe(_ commit: OpaquePointer) -> GitCommit {
        func signature(_ s: UnsafePointer<git_signature>) -> GitSignature {
            GitSignature(name: String(cString: s.pointee.name), email: String(cString: s.pointee.email),
                         time: Int64(s.pointee.when.time), offsetMinutes: Int(s.pointee.when.offset))
        }
        var parents: [GitObjectID] = []
        for i in 0..<git_commit_parentcount(commit) {
            if let p = git_commit_parent_id(commit, i) { parents.append(GitObjectID(p)) }
        }
        return GitCommit(id: GitObjectID(git_commit_id(commit)), author: signature(git_commit_author(commit)),
                         committer: signature(git_commit_committer(commit)),
                         message: String(cString: git_commit_message(commit)), parents: parents)
    }

    /// Whether `commit` changed `path` compared with each of its parents (a root commit changed what it holds).
    static func changes(_ repo: OpaquePointer, _ commit: OpaquePointer, path: String) throws(GitError) -> Bool {
        let own = try entryID(commit, path)
        let count = git_commit_parentcount(commit)
        if count == 0 { return own != nil }
        for i in 0..<count {
            var parent: OpaquePointer?
            try check(git_commit_parent(&parent, commit, i), "cannot read a parent commit")
            defer { git_commit_free(parent) }
            if try entryID(parent!, path) == own { return false }
        }
        return true
    }

    /// The id of the blob or tree at `path` in a commit, or nil.
    static func entryID(_ commit: OpaquePointer, _ path: String) throws(GitError) -> GitObjectID? {
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commit), "cannot read a tree")
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "cannot read \(path)")
        defer { git_tree_entry_free(entry) }
        return GitObjectID(git_tree_entry_id(entry))
    }
}
