import Core
import Foundation
public import GitSource
public import Ledger
public import Store
public import Templates

/// A workspace folder: the SQLite store, the template repository (`templates.git`) and the settings file.
public struct Workspace: Sendable {
    public let directory: String
    public let store: LedgerStore
    public let templates: GitRepository
    public let settings: WorkspaceSettings

    public var ledger: LedgerService { LedgerService(store: store) }
    public static let repositoryName = "templates.git"

    /// Opens an existing workspace.
    public static func open(_ directory: String) throws -> Workspace {
        let db = (directory as NSString).appendingPathComponent(LedgerStore.fileName)
        guard FileManager.default.fileExists(atPath: db) else {
            throw LedgerError("no-workspace", directory, "no workspace here; create one with `ledgerops init \(directory)`")
        }
        let settings = try WorkspaceSettings.read(from: directory)
        let repository = try GitRepository.open((directory as NSString).appendingPathComponent(repositoryName))
        return Workspace(directory: directory, store: try LedgerStore(path: db), templates: repository, settings: settings)
    }

    /// Creates a workspace in `directory`: the database, and `templates.git` seeded with `templates/` and `clusters/`
    /// from `source` (one commit by LedgerOps <init> at `time`), or fetched from `remote` when given.
    public static func initialize(_ directory: String, templatesFrom source: String? = nil, remote: String? = nil,
                                  branch: String = "main", time: Int64) throws -> Workspace {
        let fm = FileManager.default
        let db = (directory as NSString).appendingPathComponent(LedgerStore.fileName)
        if fm.fileExists(atPath: db) { throw LedgerError("exists", directory, "a workspace already exists here") }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let repositoryPath = (directory as NSString).appendingPathComponent(repositoryName)
        let repository = try GitRepository.create(at: repositoryPath, bare: true, branch: branch)
        if let remote {
            switch try repository.fetch(from: remote, branch: branch) {
            case .diverged: throw LedgerError("git", remote, "the new template repository cannot have diverged")
            case .upToDate, .fastForwarded: break
            }
        } else {
            guard let source, fm.fileExists(atPath: (source as NSString).appendingPathComponent("templates/base/template.yaml")) else {
                throw LedgerError("missing-file", source ?? "templates", "no templates/base/template.yaml here; pass --templates "
                    + "with the folder that holds the project's templates/ and clusters/")
            }
            let groups = fm.fileExists(atPath: (source as NSString).appendingPathComponent("groups")) ? ["groups"] : []
            try repository.commitDirectory(source, folders: ["templates", "clusters"] + groups, on: branch,
                                           message: "Seed templates from the LedgerOps project\n",
                                           author: GitSignature(name: "LedgerOps", email: "init", time: time))
        }
        let settings = WorkspaceSettings(branch: branch, remote: remote)
        try settings.write(to: directory)
        return Workspace(directory: directory, store: try LedgerStore(path: db), templates: repository, settings: settings)
    }

    /// The templates at `revision` (default: the tracked branch), loaded and ready to render.
    public func templateSet(at revision: String? = nil) throws -> TemplateSet {
        TemplateSet.load(from: try GitTreeSource(repository: templates, revision: revision ?? settings.branch))
    }
}

/// `ledgerops.yaml`: what the workspace tracks and how it runs.
public struct WorkspaceSettings: Sendable, Codable, Equatable {
    /// The tracked branch of `templates.git`.
    public var branch: String
    /// A repository to fetch from instead of committing to `templates.git` directly.
    public var remote: String?
    /// How often the timer passes (`serve`, `reconcile --watch`); a flag overrides it.
    public var reconcileIntervalSeconds: Int = 300
    /// Where `serve` listens; a flag overrides it.
    public var http: String = "127.0.0.1:8080"
    /// How long a distribution's lease and the timer's leadership last unrenewed: a distributor or leader that dies
    /// is taken over after this long.
    public var leaseSeconds: Int = 60
    /// Outgoing webhooks told of workflow events (`webhooks:`); none by default.
    public var webhooks: [WebhookSetting] = []

    public init(branch: String, remote: String? = nil) {
        self.branch = branch
        self.remote = remote
    }

    public static let fileName = "ledgerops.yaml"

    /// Reads and checks `DIR/ledgerops.yaml`; a bad setting is an `invalid-settings` error naming its field.
    public static func read(from directory: String) throws -> WorkspaceSettings {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LedgerError("missing-file", path, "the workspace has no settings file")
        }
        do { return try YAMLSettings.decode(text) } catch {
            throw LedgerError("invalid-settings", path, "\(error)")
        }
    }

    /// Writes `DIR/ledgerops.yaml`; `read(from:)` gives these settings back.
    public func write(to directory: String) throws {
        let hooks = try YAMLSettings.encode(webhooks)
        let text = """
            # LedgerOps workspace settings.
            templates:
              repository: \(Workspace.repositoryName)   # bare git repository; clone it, commit, push back
              branch: \(branch)
            \(remote.map { "  remote: \($0)\n" } ?? "")reconcileIntervalSeconds: \(reconcileIntervalSeconds)
            http: \(http)
            leaseSeconds: \(leaseSeconds)
            \(hooks)
            """
        try text.write(toFile: (directory as NSString).appendingPathComponent(Self.fileName), atomically: true, encoding: .utf8)
    }
}
