import CLibGit2

extension GitRepository {
    /// Reverts what `from`..`to` changed on top of `branch`, three-way, the way `git revert from..to` would in one
    /// commit: changes made on the branch since `to` (by later commits) are kept. Returns nil when reverting would
    /// change nothing; a revert that collides with later changes writes nothing and names the paths. No branch
    /// moves: the commit (child of the branch's tip) is kept under `refs/ledgerops/reverts/`, to be pushed and then
    /// fast-forwarded to.
    public func revert(from: String, to: String, on branch: String, message: String, author: GitSignature)
        throws(GitError) -> GitObjectID?
    {
        try withHandle { repo throws(GitError) -> GitObjectID? in
            let head = try Self.commit(repo, "refs/heads/\(branch)")
            defer { git_commit_free(head) }
            let target = try Self.commit(repo, to)
            defer { git_commit_free(target) }
            let base = try Self.commit(repo, from)
            defer { git_commit_free(base) }
            var headTree: OpaquePointer?, targetTree: OpaquePointer?, baseTree: OpaquePointer?
            try check(git_commit_tree(&headTree, head), "cannot read \(branch)")
            defer { git_tree_free(headTree) }
            try check(git_commit_tree(&targetTree, target), "cannot read \(to)")
            defer { git_tree_free(targetTree) }
            try check(git_commit_tree(&baseTree, base), "cannot read \(from)")
            defer { git_tree_free(baseTree) }
            var options = git_merge_options()
            try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "cannot prepare a revert")
            // Ancestor: what the change made; ours: the branch now; theirs: what was there before the change.
            var index: OpaquePointer?
            try check(git_merge_trees(&index, repo, targetTree, headTree, baseTree, &options), "cannot revert \(to)")
            defer { git_index_free(index) }
            if git_index_has_conflicts(index) != 0 {
                let paths = try Self.conflictingPaths(index!)
                throw GitError("reverting \(String(to.prefix(7))) collides with later changes to "
                    + "\(paths.joined(separator: ", ")); revert it by hand and commit the result")
            }
            var treeID = git_oid()
            try check(git_index_write_tree_to(&treeID, index, repo), "cannot write the reverted tree")
            if git_oid_equal(&treeID, git_tree_id(headTree)) != 0 { return nil }
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, repo, &treeID), "cannot read the reverted tree")
            defer { git_tree_free(tree) }
            let signature = try Self.signature(author)
            defer { git_signature_free(signature) }
            var parents: [OpaquePointer?] = [head]
            var id = git_oid()
            let code = parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&id, repo, nil, signature, signature, "UTF-8", message, tree, 1, buffer.baseAddress)
            }
            try check(code, "cannot write the revert commit")
            let reverted = GitObjectID(&id)
            var reference: OpaquePointer?
            try check(git_reference_create(&reference, repo, "refs/ledgerops/reverts/\(reverted.hex)", &id, 1,
                                           "ledgerops: revert \(to)"), "cannot keep the revert commit")
            git_reference_free(reference)
            return reverted
        }
    }

    /// Pushes commit `revision` to `branch` at `url` (fast-forward only): what a workspace tracking a remote does with
    /// a commit it made itself, before moving its own branch, so the tracked branch never diverges from the remote.
    public func push(_ revision: String, to url: String, branch: String) throws(GitError) {
        let source = "refs/ledgerops/push/\(branch)"
        try withHandle { repo throws(GitError) in
            var oid = try Self.commitID(repo, revision).oid()
            var reference: OpaquePointer?
            try check(git_reference_create(&reference, repo, source, &oid, 1, "ledgerops: to push"), "cannot prepare the push")
            git_reference_free(reference)
        }
        try withHandle { repo throws(GitError) in
            var remote: OpaquePointer?
            try check(git_remote_create_anonymous(&remote, repo, url), "cannot use remote \(url)")
            defer { git_remote_free(remote) }
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "cannot prepare a push")
            let refspec = "\(source):refs/heads/\(branch)"
            let code = refspec.withCString { spec -> Int32 in
                var specs: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: spec)]
                return specs.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: 1)
                    return git_remote_push(remote, &array, &options)
                }
            }
            try check(code, "cannot push \(branch) to the remote (it may have moved on: fetch, then try again)")
            // The remote-tracking ref follows, so the next fetch finds the branches equal.
            var oid = try Self.commitID(repo, source).oid()
            var reference: OpaquePointer?
            try check(git_reference_create(&reference, repo, "refs/remotes/origin/\(branch)", &oid, 1, "ledgerops: pushed"),
                      "cannot record the push")
            git_reference_free(reference)
        }
    }
}
