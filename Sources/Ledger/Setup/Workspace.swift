import Foundation
public import Store

/// A workspace folder: the SQLite store, the templates it was seeded with, and its settings file.
public struct Workspace: Sendable {
    public let directory: String
    public let store: LedgerStore

    public var ledger: LedgerService { LedgerService(store: store) }
    /// Where the seeded templates live (`templates/` inside the workspace).
    public var templatesDirectory: String { (directory as NSString).appendingPathComponent("templates") }
    /// The base chart every administration starts from unless given another.
    public var baseChartDirectory: String { (templatesDirectory as NSString).appendingPathComponent("base") }
    public static let settingsFile = "ledgerops.yaml"

    /// Opens an existing workspace.
    public static func open(_ directory: String) throws -> Workspace {
        let db = (directory as NSString).appendingPathComponent(LedgerStore.fileName)
        guard FileManager.default.fileExists(atPath: db) else {
            throw LedgerError("no-workspace", directory, "no workspace here; create one with `ledgerops init \(directory)`")
        }
        return Workspace(directory: directory, store: try LedgerStore(path: db))
    }

    /// Creates a workspace in `directory` (which may exist but must not hold one), seeding `templates/` and
    /// `clusters/` from `source` — the project's own folders.
    public static func initialize(_ directory: String, templatesFrom source: String) throws -> Workspace {
        let fm = FileManager.default
        let db = (directory as NSString).appendingPathComponent(LedgerStore.fileName)
        if fm.fileExists(atPath: db) {
            throw LedgerError("exists", directory, "a workspace already exists here")
        }
        let sourceTemplates = (source as NSString).appendingPathComponent("templates")
        guard fm.fileExists(atPath: (sourceTemplates as NSString).appendingPathComponent("base/accounts.csv")) else {
            throw LedgerError("missing-file", sourceTemplates, "no templates/base/accounts.csv here; pass --templates "
                + "with the folder that holds the project's templates/")
        }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for folder in ["templates", "clusters"] {
            let from = (source as NSString).appendingPathComponent(folder)
            let to = (directory as NSString).appendingPathComponent(folder)
            if fm.fileExists(atPath: from) && !fm.fileExists(atPath: to) { try fm.copyItem(atPath: from, toPath: to) }
        }
        let settings = """
            # LedgerOps workspace settings.
            templates:
              source: templates      # the seeded template folder; a git repository in a later version
              branch: main
            reconcileIntervalSeconds: 300
            http: 127.0.0.1:8080

            """
        let settingsPath = (directory as NSString).appendingPathComponent(settingsFile)
        if !fm.fileExists(atPath: settingsPath) {
            try settings.write(toFile: settingsPath, atomically: true, encoding: .utf8)
        }
        return Workspace(directory: directory, store: try LedgerStore(path: db))
    }
}
