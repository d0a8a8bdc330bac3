import Foundation
public import GitSource

/// Where template files come from: a revision of the template repository, or a folder (for `validate --dir`).
public protocol TemplateSource: Sendable {
    /// How to name the source in messages (`templates.git@1a2b3c4`, a folder path).
    var name: String { get }
    /// A file's bytes, or nil when there is none. Refuses links, paths leaving the source and oversized files.
    func read(_ path: String) throws(TemplateError) -> [UInt8]?
    /// Paths of the files (and links, which `read` refuses) under `folder`, sorted; empty when there is no folder.
    func files(under folder: String) throws(TemplateError) -> [String]
}

/// The largest template file read; anything bigger is a mistake, not a template.
let maximumFileSize = 1 << 20

func checkPath(_ path: String) throws(TemplateError) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
        throw TemplateError(path, 0, "the path leaves the template repository", hint: "use a relative path inside it")
    }
}

/// Template files at one revision of a git repository (read through libgit2).
public struct GitTreeSource: TemplateSource {
    public let repository: GitRepository
    public let commit: GitObjectID
    private let entries: [String: GitTreeEntry]

    /// Resolves `revision` once, so every read sees the same commit.
    public init(repository: GitRepository, revision: String) throws(TemplateError) {
        self.repository = repository
        do {
            commit = try repository.resolve(revision)
            entries = Dictionary(try repository.list(at: commit.hex).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        } catch { throw TemplateError("templates", 0, error.message) }
    }

    public var name: String { "templates@\(commit.short)" }

    public func read(_ path: String) throws(TemplateError) -> [UInt8]? {
        try checkPath(path)
        guard let entry = entries[path] else { return nil }
        switch entry.kind {
        case .link: throw TemplateError(path, 0, "the file is a symbolic link", hint: "commit the file itself")
        case .tree, .submodule: return nil
        case .blob: break
        }
        do {
            let bytes = try repository.read(path, at: commit.hex)
            if let bytes, bytes.count > maximumFileSize {
                throw TemplateError(path, 0, "the file is \(bytes.count) bytes; the limit is \(maximumFileSize)")
            }
            return bytes
        } catch let error as TemplateError { throw error } catch {
            throw TemplateError(path, 0, "\(error)")
        }
    }

    public func files(under folder: String) throws(TemplateError) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var result: [String] = []
        for (path, entry) in entries where path.hasPrefix(prefix) && (entry.kind == .blob || entry.kind == .link) {
            result.append(path)
        }
        return result.sorted()
    }
}

/// Template files in a folder on disk (a work tree), for validating before a commit.
public struct DirectorySource: TemplateSource {
    public let root: String

    public init(root: String) { self.root = root }

    public var name: String { root }

    public func read(_ path: String) throws(TemplateError) -> [UInt8]? {
        try checkPath(path)
        let full = (root as NSString).appendingPathComponent(path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full) else { return nil }
        if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            throw TemplateError(path, 0, "the file is a symbolic link", hint: "templates must be plain files in the repository")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileSize {
            throw TemplateError(path, 0, "the file is \(size) bytes; the limit is \(maximumFileSize)")
        }
        guard let data = FileManager.default.contents(atPath: full) else { return nil }
        return [UInt8](data)
    }

    public func files(under folder: String) throws(TemplateError) -> [String] {
        try checkPath(folder)
        let base = (root as NSString).appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            let full = (root as NSString).appendingPathComponent(path)
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            let type = attributes?[.type] as? FileAttributeType
            // Links are listed, so that reading them reports them where they are.
            if type == .typeRegular || type == .typeSymbolicLink { result.append(path) }
        }
        return result.sorted()
    }
}
