import CLibGit2
import Foundation

extension GitRepository {
    /// Makes a commit on `branch` with `changes` applied to the branch's current tree (an empty tree when the
    /// branch does not exist yet), and moves the branch to it. With `parents`, those commits are the parents
    /// (a merge); by default the branch head is. Returns the new commit's id.
    @discardableResult
    public func commit(_ changes: [GitFileChange], on branch: String = "main", message: String, author: GitSignature,
                       committer: GitSignature? = nil, parents: [String]? = nil) throws(GitError) -> GitObjectID {
        try withHandle { repo throws(GitError) -> GitObjectID in
            let reference = "refs/heads/\(branch)"
            var parentCommits: [OpaquePointer?] = []
            defer { for p in parentCommits { git_commit_free(p) } }
            if let parents {
                for p in parents { parentCommits.append(try Self.commit(repo, p)) }
            } else {
                var head: OpaquePointer?
                if git_revparse_single(&head, repo, reference) == 0 {
                    git_object_free(head)
                    parentCommits.append(try Self.commit(repo, reference))
                }
            }
            // Build the new tree in an in-memory index, starting from the first parent's tree.
            var index: OpaquePointer?
            try check(git_index_new(&index), "cannot prepare a commit")
            defer { git_index_free(index) }
            if let first = parentCommits.first {
                var tree: OpaquePointer?
                try check(git_commit_tree(&tree, first), "cannot read the parent tree")
                defer { git_tree_free(tree) }
                try check(git_index_read_tree(index, tree), "cannot read the parent tree")
            }
            for change in changes {
                switch change {
                case let .write(path, contents):
                    try Self.validate(path)
                    var blob = git_oid()
                    try check(contents.withUnsafeBytes { git_blob_create_from_buffer(&blob, repo, $0.baseAddress, $0.count) },
                              "cannot store \(path)")
                    var entry = git_index_entry()
                    entry.mode = UInt32(GIT_FILEMODE_BLOB.rawValue)
                    entry.id = blob
                    let code = path.withCString { cPath in
                        entry.path = cPath
                        return git_index_add(index, &entry)
                    }
                    try check(code, "cannot add \(path)")
                case let .delete(path):
                    try Self.validate(path)
                    try check(git_index_remove_bypath(index, path), "cannot remove \(path)")
                }
            }
            var treeID = git_oid()
            try check(git_index_write_tree_to(&treeID, index, repo), "cannot write the tree")
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, repo, &treeID), "cannot read the new tree")
            defer { git_tree_free(tree) }
            let authorSignature = try Self.signature(author)
            defer { git_signature_free(authorSignature) }
            let committerSignature = try Self.signature(committer ?? author)
            defer { git_signature_free(committerSignature) }
            var id = git_oid()
            let code = parentCommits.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&id, repo, reference, authorSignature, committerSignature, "UTF-8", message, tree,
                                  buffer.count, buffer.baseAddress)
            }
            try check(code, "cannot commit on \(branch)")
            return GitObjectID(&id)
        }
    }

    /// Commits every file under `directory` (following `folders`, relative to it) as they are on disk.
    @discardableResult
    public func commitDirectory(_ directory: String, folders: [String], on branch: String = "main", message: String,
                                author: GitSignature) throws(GitError) -> GitObjectID {
        let fm = FileManager.default
        var changes: [GitFileChange] = []
        for folder in folders {
            let root = (directory as NSString).appendingPathComponent(folder)
            guard let walker = fm.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let full = (root as NSString).appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = fm.contents(atPath: full)
                else { continue }
                changes.append(.write(path: folder + "/" + relative, contents: [UInt8](data)))
            }
        }
        changes.sort { a, b in
            if case let .write(p1, _) = a, case let .write(p2, _) = b { return p1 < p2 }
            return false
        }
        return try commit(changes, on: branch, message: message, author: author)
    }

    /// A path inside the repository: relative, without `..`, `.git` or empty parts.
    static func validate(_ path: String) throws(GitError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." || $0 == ".git" })
        else { throw GitError("'\(path)' is not a path inside the repository") }
    }

    static func signature(_ s: GitSignature) throws(GitError) -> UnsafeMutablePointer<git_signature>? {
        var pointer: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&pointer, s.name, s.email, git_time_t(s.time), Int32(s.offsetMinutes)),
                  "'\(s.name) <\(s.email)>' is not a valid signature")
        return pointer
    }
}
