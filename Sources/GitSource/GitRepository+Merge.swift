import CLibGit2

extension GitRepository {
    /// Merges `theirs` into `ours` the way `git merge --no-ff` would, without touching any branch: the merge commit
    /// (parents `ours`, `theirs`) is written and kept reachable under `refs/ledgerops/merges/`, so it can be
    /// reviewed before a branch is moved to it. A merge with conflicting changes writes nothing and names the paths.
    public func merge(_ theirs: String, into ours: String, message: String, author: GitSignature) throws(GitError)
        -> GitObjectID
    {
        try withHandle { repo throws(GitError) -> GitObjectID in
            let ourCommit = try Self.commit(repo, ours)
            defer { git_commit_free(ourCommit) }
            let theirCommit = try Self.commit(repo, theirs)
            defer { git_commit_free(theirCommit) }
            var options = git_merge_options()
            try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "cannot prepare a merge")
            var index: OpaquePointer?
            try check(git_merge_commits(&index, repo, ourCommit, theirCommit, &options),
                      "cannot merge \(theirs) into \(ours)")
            defer { git_index_free(index) }
            if git_index_has_conflicts(index) != 0 {
                let paths = try Self.conflictingPaths(index!)
                throw GitError("\(theirs) and \(ours) change the same lines of \(paths.joined(separator: ", ")); "
                    + "merge them by hand and commit the result")
            }
            var treeID = git_oid()
            try check(git_index_write_tree_to(&treeID, index, repo), "cannot write the merged tree")
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, repo, &treeID), "cannot read the merged tree")
            defer { git_tree_free(tree) }
            let signature = try Self.signature(author)
            defer { git_signature_free(signature) }
            var parents: [OpaquePointer?] = [ourCommit, theirCommit]
            var id = git_oid()
            let code = parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&id, repo, nil, signature, signature, "UTF-8", message, tree, buffer.count,
                                  buffer.baseAddress)
            }
            try check(code, "cannot write the merge commit")
            let merged = GitObjectID(&id)
            // Unreferenced objects are pruned by `git gc`; a proposal may wait longer than that for its review.
            var reference: OpaquePointer?
            try check(git_reference_create(&reference, repo, "refs/ledgerops/merges/\(merged.hex)", &id, 1,
                                           "ledgerops: merge \(theirs) into \(ours)"), "cannot keep the merge commit")
            git_reference_free(reference)
            return merged
        }
    }

    /// The paths an index holds conflicts for, each once, sorted.
    static func conflictingPaths(_ index: OpaquePointer) throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try check(git_index_conflict_iterator_new(&iterator, index), "cannot list the merge conflicts")
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: Set<String> = []
        var ancestor: UnsafePointer<git_index_entry>?
        var our: UnsafePointer<git_index_entry>?
        var their: UnsafePointer<git_index_entry>?
        while git_index_conflict_next(&ancestor, &our, &their, iterator) == 0 {
            for entry in [ancestor, our, their] {
                if let entry, let path = entry.pointee.path { paths.insert(String(cString: path)) }
            }
        }
        return paths.sorted()
    }
}
