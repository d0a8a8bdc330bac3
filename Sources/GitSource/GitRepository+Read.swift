import CLibGit2

extension GitRepository {
    /// The commit a revision names: a branch, a tag, a full or short id, `HEAD`, `main~3`, `v1^`.
    public func resolve(_ revision: String) throws(GitError) -> GitObjectID {
        try withHandle { repo throws(GitError) in try Self.commitID(repo, revision) }
    }

    /// The contents of the file at `path` in `revision`, or nil when there is no file there.
    public func read(_ path: String, at revision: String) throws(GitError) -> [UInt8]? {
        try withHandle { repo throws(GitError) -> [UInt8]? in
            let tree = try Self.tree(repo, revision)
            defer { git_tree_free(tree) }
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, path)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, "cannot read \(path) at \(revision)")
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
            var blob: OpaquePointer?
            try check(git_blob_lookup(&blob, repo, git_tree_entry_id(entry)), "cannot read \(path) at \(revision)")
            defer { git_blob_free(blob) }
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
            // Copied out before the blob is freed.
            return Array(UnsafeRawBufferPointer(start: raw, count: size))
        }
    }

    /// Every entry under `path` (the whole tree when nil) at `revision`, depth first, sorted by path.
    public func list(_ path: String? = nil, at revision: String, recursive: Bool = true) throws(GitError) -> [GitTreeEntry] {
        try withHandle { repo throws(GitError) -> [GitTreeEntry] in
            var tree = try Self.tree(repo, revision)
            if let path, !path.isEmpty {
                var entry: OpaquePointer?
                let code = git_tree_entry_bypath(&entry, tree, path)
                git_tree_free(tree)
                if code == GIT_ENOTFOUND.rawValue { return [] }
                try check(code, "cannot list \(path) at \(revision)")
                defer { git_tree_entry_free(entry) }
                guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return [] }
                var subtree: OpaquePointer?
                try check(git_tree_lookup(&subtree, repo, git_tree_entry_id(entry)), "cannot list \(path)")
                tree = subtree!
            }
            defer { git_tree_free(tree) }
            var result: [GitTreeEntry] = []
            try Self.walk(repo, tree, prefix: path.map { $0.isEmpty ? "" : $0 + "/" } ?? "", recursive: recursive, into: &result)
            return result
        }
    }

    private static func walk(_ repo: OpaquePointer, _ tree: OpaquePointer, prefix: String, recursive: Bool,
                             into result: inout [GitTreeEntry]) throws(GitError) {
        for i in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, i) else { continue }
            let name = String(cString: git_tree_entry_name(entry))
            let mode = Int(git_tree_entry_filemode(entry).rawValue)
            let kind: GitTreeEntry.Kind = switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE: .tree
            case GIT_OBJECT_COMMIT: .submodule
            default: mode == 0o120000 ? .link : .blob
            }
            let id = GitObjectID(git_tree_entry_id(entry))
            result.append(GitTreeEntry(path: prefix + name, kind: kind, id: id, mode: mode))
            if recursive && kind == .tree {
                var subtree: OpaquePointer?
                try check(git_tree_lookup(&subtree, repo, git_tree_entry_id(entry)), "cannot read \(prefix + name)")
                defer { git_tree_free(subtree) }
                try walk(repo, subtree!, prefix: prefix + name + "/", recursive: true, into: &result)
            }
        }
    }

    // MARK: - Helpers shared by the extensions

    static func commitID(_ repo: OpaquePointer, _ revision: String) throws(GitError) -> GitObjectID {
        let commit = try commit(repo, revision)
        defer { git_commit_free(commit) }
        return GitObjectID(git_commit_id(commit))
    }

    /// The commit a revision peels to; the caller frees it.
    static func commit(_ repo: OpaquePointer, _ revision: String) throws(GitError) -> OpaquePointer {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, repo, revision), "revision '\(revision)' does not exist")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "revision '\(revision)' is not a commit")
        return commit!
    }

    /// The root tree of a revision; the caller frees it.
    static func tree(_ repo: OpaquePointer, _ revision: String) throws(GitError) -> OpaquePointer {
        let commit = try commit(repo, revision)
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commit), "cannot read the tree of \(revision)")
        return tree!
    }
}
