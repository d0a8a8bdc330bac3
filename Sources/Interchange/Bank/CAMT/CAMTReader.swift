public import Core
public import Foundation

/// Reads ISO 20022 bank-to-customer messages (CAMT.052 reports, CAMT.053 statements, CAMT.054 notifications, versions
/// 02 to 08) as a stream, refusing what is not one or cannot be booked exactly, naming the file, line and element.
public enum CAMTReader {
    /// The statements of a CAMT file, mapped to the ledger's model: one per `Stmt`, `Rpt` or `Ntfctn`.
    public static func statements(from data: Data, file: String) throws(InterchangeError) -> [BankStatement] {
        try message(from: data, file: file).bankStatements(file: file)
    }

    /// The message as the bank wrote it, for callers (and tests) that need more than `BankStatement` keeps.
    public static func message(from data: Data, file: String) throws(InterchangeError) -> CAMTMessage {
        guard data.contains(where: { ![9, 10, 13, 32].contains($0) }) else {
            throw InterchangeError(file: file, line: 0, "the file is empty: there is no bank statement in it")
        }
        let delegate = CAMTParserDelegate(file: file)
        try AuditFileParser.parse(data: data, file: file, root: "<Document>", processNamespaces: true,
                                  delegate: delegate)
        guard let kind = delegate.kind else {
            throw InterchangeError(file: file, line: 0, "the file holds no <Document> element")
        }
        guard let header = delegate.header else {
            throw InterchangeError(file: file, line: delegate.messageLine, "the file holds no group header <GrpHdr>: "
                + "it is not a complete \(kind.rawValue) message")
        }
        guard !delegate.records.isEmpty else {
            throw InterchangeError(file: file, line: delegate.messageLine, "the file holds no <\(kind.recordElement)>: "
                + "a \(kind.rawValue) file without a single \(kind.recordName) has nothing to import")
        }
        return CAMTMessage(kind: kind, version: delegate.version, groupHeader: header, records: delegate.records)
    }
}
