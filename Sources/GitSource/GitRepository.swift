import CLibGit2
import Foundation
import Synchronization

/// One git repository, read and written through libgit2. Every `git_*` call of the product lives in this module.
///
/// The libgit2 handle is not thread-safe; it is confined behind a mutex, so the repository can be shared.
public final class GitRepository: Sendable {
    private let handle: Mutex<OpaquePointer>
    /// The repository's path as libgit2 reports it (the `.git` folder, or the bare repository).
    public let path: String

    /// libgit2 is initialised once per process, and told to accept repositories owned by another user (a
    /// workspace on a shared volume is routinely owned by someone else than the server's user).
    static let library: Void = {
        git_libgit2_init()
        _ = ledgerops_git_disable_owner_validation()
    }()

    private init(_ pointer: sending OpaquePointer) {
        path = String(cString: git_repository_path(pointer))
        handle = Mutex(pointer)
    }

    deinit {
        handle.withLock { git_repository_free($0) }
    }

    /// Opens the repository at `path` (a work tree, its `.git`, or a bare repository).
    public static func open(_ path: String) throws(GitError) -> GitRepository {
        _ = library
        var pointer: OpaquePointer?
        try check(git_repository_open_ext(&pointer, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil),
                  "cannot open the git repository at \(path)")
        return GitRepository(pointer!)
    }

    /// Creates an empty repository at `path` whose HEAD is `branch`. A bare repository has no work tree: it is
    /// what a server holds and clients push to.
    public static func create(at path: String, bare: Bool, branch: String = "main") throws(GitError) -> GitRepository {
        _ = library
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  "cannot prepare a repository")
        options.flags = UInt32(GIT_REPOSITORY_INIT_MKPATH.rawValue)
        if bare { options.flags |= UInt32(GIT_REPOSITORY_INIT_BARE.rawValue) }
        var pointer: OpaquePointer?
        let code = branch.withCString { head in
            options.initial_head = head
            return git_repository_init_ext(&pointer, path, &options)
        }
        try check(code, "cannot create a git repository at \(path)")
        return GitRepository(pointer!)
    }

    /// Runs `body` with the repository handle, one caller at a time.
    func withHandle<T: Sendable>(_ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try handle.withLock { (pointer: inout OpaquePointer) throws(GitError) -> T in try body(pointer) }
    }
}

/// Turns a libgit2 return code into a `GitError` carrying libgit2's message.
func check(_ code: Int32, _ what: @autoclosure () -> String) throws(GitError) {
    guard code < 0 else { return }
    var reason = ""
    if let last = git_error_last(), let message = last.pointee.message { reason = String(cString: message) }
    throw GitError(reason.isEmpty ? what() : "\(what()): \(reason)")
}

extension GitObjectID {
    init(_ oid: UnsafePointer<git_oid>) {
        self.init(hex: String(cString: git_oid_tostr_s(oid)))
    }

    func oid() throws(GitError) -> git_oid {
        var oid = git_oid()
        try check(git_oid_fromstr(&oid, hex), "'\(hex)' is not an object id")
        return oid
    }
}
