public import Core
public import Foundation
public import Ledger

/// A bank statement file of any supported format — CAMT.052/.053/.054 (XML) or MT940 — told apart by its content,
/// not its name, and imported into an administration's bank lines all or nothing.
public enum BankStatementFile {
    /// The statements in `data`; `file` names it in errors.
    public static func statements(from data: Data, file: String) throws(InterchangeError) -> [BankStatement] {
        isXML(data) ? try CAMTReader.statements(from: data, file: file) : try MT940Reader.statements(from: data, file: file)
    }

    /// Reads the file at `path` and adds its lines to `admin` (see `LedgerService.importStatements`).
    public static func importFile(_ path: String, into admin: String, ledger: LedgerService, account: String? = nil,
                                  dryRun: Bool = false) async throws -> BankImportReport {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InterchangeError(file: file, line: 0, "the file does not exist or cannot be read")
        }
        return try await ledger.importStatements(try statements(from: data, file: file), into: admin, account: account,
                                                 dryRun: dryRun)
    }

    /// Whether the first thing in the file, after a byte-order mark and whitespace, is `<`.
    static func isXML(_ data: Data) -> Bool {
        var bytes = data.prefix(1_024)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }
}
