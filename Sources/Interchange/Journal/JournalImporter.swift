public import Core
import Foundation
public import Ledger

/// Imports a plain-text journal (hledger / ledger format) into an administration: everything, or nothing.
public struct JournalImporter: Sendable {
    /// How to treat what the administration does not have yet.
    public struct Options: Sendable {
        /// Create accounts the file uses that the administration lacks (else refuse the file).
        public var createAccounts = false
        /// Create relations named in `relation:` tags that the administration lacks.
        public var createRelations = false
        /// Create cost centres named in `costcentre:` tags that the administration lacks.
        public var createCostCentres = false
        /// Types for accounts the file neither declares nor names under a standard top level.
        public var accountTypes: [String: AccountType] = [:]
        /// Open fiscal years the file's dates need.
        public var openYears = true

        public init() {}
    }

    public let ledger: LedgerService
    public let options: Options

    public init(ledger: LedgerService, options: Options = Options()) {
        self.ledger = ledger
        self.options = options
    }

    /// Reads and imports `path`.
    public func importFile(_ path: String, into admin: String) async throws -> ImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InterchangeError(file: path, line: 0, "the file does not exist or cannot be read")
        }
        return try await importJournal([UInt8](data), file: (path as NSString).lastPathComponent, into: admin)
    }

    /// Imports journal text; errors name `file` and the line.
    public func importJournal(_ bytes: [UInt8], file: String, into admin: String) async throws -> ImportSummary {
        var scan = JournalParser(bytes: bytes, file: file)
        let declarations = try scan.declarations()
        let options = self.options
        do {
            return try await ledger.importEntries(into: admin, replaySource: JournalEntryMapper.source) { session in
                session.referencesAreUnique()  // content hash plus occurrence number
                var mapper = JournalEntryMapper(file: file, options: options, declarations: declarations)
                var parser = JournalParser(bytes: bytes, file: file)
                while let item = try parser.next() {
                    guard case .transaction(let transaction) = item else { continue }
                    try mapper.post(transaction, to: &session)
                }
            }
        } catch let error as LedgerError where error.line != nil {
            throw InterchangeError(file: file, line: error.line!, error.message)
        }
    }
}
