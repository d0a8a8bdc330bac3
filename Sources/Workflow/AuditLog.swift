import Crypto
import Foundation
public import Store

/// The append-only, SHA-256 hash-chained audit log: each record's hash covers its content and its predecessor's
/// hash, so an edit, a deletion or a reordering breaks the chain where it happened.
public enum AuditLog {
    /// The hash a first record chains to.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends a record inside the caller's transaction (the change it records commits with it, or neither does).
    @discardableResult
    public static func append(_ tx: StoreTransaction, time: String, actor: String, action: String, subject: String,
                              payload: [String: String] = [:]) throws -> AuditRecord {
        let last = try tx.lastAuditRecord()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(payload), as: UTF8.self)
        var record = AuditRecord(seq: (last?.seq ?? 0) + 1, time: time, actor: actor, action: action, subject: subject,
                                 payload: body, previousHash: last?.hash ?? genesis, hash: "")
        record.hash = hash(record)
        try tx.append(record)
        return record
    }

    /// SHA-256 over the record's sequence number, content and predecessor's hash, fields separated unambiguously.
    public static func hash(_ r: AuditRecord) -> String {
        let fields = [String(r.seq), r.time, r.actor, r.action, r.subject, r.payload, r.previousHash]
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The first record where the chain breaks, with why; nil when every record is intact and in place.
    public static func verify(_ records: [AuditRecord]) -> (seq: Int64, reason: String)? {
        var previous = genesis
        var expectedSeq: Int64 = 1
        for r in records {
            if r.seq != expectedSeq {
                return (r.seq, "record \(expectedSeq) is missing (found \(r.seq) in its place): a record was deleted")
            }
            if r.previousHash != previous {
                return (r.seq, "record \(r.seq) does not follow record \(r.seq - 1): records were reordered or replaced")
            }
            if hash(r) != r.hash {
                return (r.seq, "record \(r.seq) was edited: its content does not match its hash")
            }
            previous = r.hash
            expectedSeq += 1
        }
        return nil
    }
}
