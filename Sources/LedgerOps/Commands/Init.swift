import ArgumentParser
import Core
import Foundation
import Ledger
import Workspace

/// `ledgerops init`: creates a workspace seeded with the project's templates.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a workspace (database, templates, settings).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Workspace folder (default: --workspace, $LEDGEROPS_WORKSPACE or ./workspace).")
    var directory: String?

    @Option(help: "Folder holding the project's templates/ and clusters/ (default: found next to the executable).")
    var templates: String?

    @Option(help: "Track this template repository (a URL libgit2 can fetch, e.g. file:///srv/templates.git).")
    var source: String?

    @Option(help: "The branch to track.")
    var branch = "main"

    func run() async throws {
        try await face {
            let dir = directory ?? global.workspacePath
            if let source {
                let ws = try Workspace.initialize(dir, remote: source, branch: branch, time: try global.nowSeconds())
                print("Created workspace \(dir), tracking \(source) \(branch) at \(try ws.templates.resolve(branch).short)")
            } else {
                let from = try templates ?? ProjectFiles.locate()
                let ws = try Workspace.initialize(dir, templatesFrom: from, branch: branch, time: try global.nowSeconds())
                print("Created workspace \(dir): templates.git seeded from \(from) at \(try ws.templates.resolve(branch).short)")
            }
        }
    }
}

/// Finds the project's own files (templates/) when no path is given: the current folder, else up from the binary.
enum ProjectFiles {
    static func locate() throws -> String {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath]
        var dir = (CommandLine.arguments[0] as NSString).resolvingSymlinksInPath
        if !dir.hasPrefix("/") { dir = (fm.currentDirectoryPath as NSString).appendingPathComponent(dir) }
        for _ in 0..<6 {
            dir = (dir as NSString).deletingLastPathComponent
            candidates.append(dir)
        }
        for c in candidates where fm.fileExists(atPath: (c as NSString).appendingPathComponent("templates/base/template.yaml")) {
            return c
        }
        throw LedgerError("missing-file", "templates", "cannot find the project's templates/ folder; pass --templates DIR")
    }
}
