import CLibGit2

/// What a fetch did to the tracked branch.
public enum GitFetchResult: Hashable, Sendable {
    /// The branch already pointed at the remote's commit.
    case upToDate(GitObjectID)
    /// The branch moved forward from one commit to another.
    case fastForwarded(from: GitObjectID?, to: GitObjectID)
    /// The local branch has commits the remote lacks: nothing was moved.
    case diverged(local: GitObjectID, remote: GitObjectID)
}

extension GitRepository {
    /// Fetches `branch` from `url` (any URL libgit2 speaks; `file://` in tests) into `refs/remotes/origin/BRANCH`,
    /// then fast-forwards the local branch to it when that is possible.
    public func fetch(from url: String, branch: String = "main") throws(GitError) -> GitFetchResult {
        let tracking = "refs/remotes/origin/\(branch)"
        try withHandle { repo throws(GitError) in
            var remote: OpaquePointer?
            try check(git_remote_create_anonymous(&remote, repo, url), "cannot use remote \(url)")
            defer { git_remote_free(remote) }
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "cannot prepare a fetch")
            let refspec = "+refs/heads/\(branch):\(tracking)"
            let code = refspec.withCString { spec -> Int32 in
                var specs: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: spec)]
                return specs.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: 1)
                    return git_remote_fetch(remote, &array, &options, "ledgerops fetch")
                }
            }
            try check(code, "cannot fetch \(branch) from \(url)")
        }
        let remoteID = try resolve(tracking)
        let local = "refs/heads/\(branch)"
        let localID = try? resolve(local)
        if localID == remoteID { return .upToDate(remoteID) }
        if let localID, try !isAncestor(localID.hex, of: remoteID.hex) {
            return .diverged(local: localID, remote: remoteID)
        }
        try withHandle { repo throws(GitError) in
            var oid = try remoteID.oid()
            var reference: OpaquePointer?
            try check(git_reference_create(&reference, repo, local, &oid, 1, "ledgerops: fast-forward to \(remoteID.short)"),
                      "cannot move \(branch)")
            git_reference_free(reference)
        }
        return .fastForwarded(from: localID, to: remoteID)
    }
}

extension GitRepository {
    /// Moves `branch` to `revision`, only forward: the branch's commit must be an ancestor of the target. A target
    /// the branch already contains leaves it where it is. The move is a compare-and-swap on the branch's commit, so
    /// a concurrent move makes it fail rather than lose the other one's commits.
    public func fastForward(_ branch: String, to revision: String) throws(GitError) {
        let target = try resolve(revision)
        let current = try? resolve("refs/heads/\(branch)")
        if let current {
            if try isAncestor(target.hex, of: current.hex) { return }
            guard try isAncestor(current.hex, of: target.hex) else {
                throw GitError("\(branch) has commits that \(revision) lacks; merge them first")
            }
        }
        try withHandle { repo throws(GitError) in
            var oid = try target.oid()
            var reference: OpaquePointer?
            let log = "ledgerops: fast-forward to \(target.short)"
            let code: Int32
            if var expected = try current?.oid() {
                code = git_reference_create_matching(&reference, repo, "refs/heads/\(branch)", &oid, 1, &expected, log)
            } else {
                code = git_reference_create(&reference, repo, "refs/heads/\(branch)", &oid, 0, log)
            }
            try check(code, "cannot move \(branch): it moved while we were moving it")
            git_reference_free(reference)
        }
    }
}
