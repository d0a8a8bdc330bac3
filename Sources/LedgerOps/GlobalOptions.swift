import ArgumentParser
import Core
import Foundation
import GitSource
import Interchange
import Templates
import Ledger
import Reconciler
import Store
import Sync
import Workflow
import Workspace

/// Options every command takes: where the workspace is, and what day it is.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Workspace folder (default: $LEDGEROPS_WORKSPACE, else ./workspace).")
    var workspace: String?

    @Option(name: .long, help: "Treat this day (YYYY-MM-DD) as today instead of the system date.")
    var today: String?

    @Option(name: .customLong("as"), help: "The acting user (default: $LEDGEROPS_USER).")
    var actingAs: String?

    /// Who is acting: `--as`, else `$LEDGEROPS_USER`.
    var actingUser: String? { actingAs ?? ProcessInfo.processInfo.environment["LEDGEROPS_USER"] }

    /// Checks that the acting user holds at least `role` (anyone while the workspace has no users yet); returns them.
    @discardableResult
    func authorize(_ role: Role) async throws -> String {
        try await UserService(store: try openWorkspace().store).authorize(actingUser, needs: role)
    }

    /// The time stamp audit records and statuses carry: ISO 8601 from the clock. `--today` moves the business day
    /// only, never an audit time stamp, a lease or a window.
    func nowStamp() throws -> String { WorkflowClock.system.stamp() }

    var workspacePath: String {
        workspace ?? ProcessInfo.processInfo.environment["LEDGEROPS_WORKSPACE"] ?? "workspace"
    }

    func openWorkspace() throws -> Workspace { try Workspace.open(workspacePath) }

    /// The moment to stamp commits with: the system clock.
    func nowSeconds() throws -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// The injected day: `--today`, else the system clock's UTC date. Only the face reads the clock.
    func todayDate() throws -> LocalDate {
        if let today { return try LocalDate(parsing: today, field: "--today") }
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return try LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }
}

/// Runs a command body, printing any error as a bookkeeper-readable line on stderr and exiting non-zero.
func face(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        FileHandle.standardError.write(Data(("error: " + describe(error) + "\n").utf8))
        throw ExitCode(1)
    }
}

func describe(_ error: any Error) -> String {
    switch error {
    case let e as LedgerError: e.description
    case let e as CoreError: e.description
    case let e as StoreError: e.description
    case let e as InterchangeError: e.description
    case let e as TemplateError: e.description
    case let e as GitError: e.description
    case let e as ReconcilerService.Refusal: e.description
    case let e as WorkflowError: e.description
    case let e as SyncError: e.description
    default: String(describing: error)
    }
}

func parseDate(_ text: String?, field: String) throws -> LocalDate? {
    guard let text else { return nil }
    return try LocalDate(parsing: text, field: field)
}

/// Prints a value as pretty, key-sorted JSON.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
