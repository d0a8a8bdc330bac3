/// Checks shared by the sync's requests.
enum SyncRules {
    /// Relation numbers, cost-centre codes and invoice numbers travel in paths and keys: letters, digits and
    /// `-`, `_`, `.`, up to 64.
    static func checkKey(_ value: String, field: String, what: String) throws(SyncError) {
        guard !value.isEmpty else { throw SyncError("missing-field", field, "the \(what) is empty") }
        guard value.count <= 64,
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else {
            throw SyncError("invalid-field", field, "'\(value)' is not a valid \(what) (letters, digits, '-', '_' and "
                + "'.', up to 64)")
        }
    }

    /// An idempotency key: 1 to 255 visible ASCII characters.
    static func checkIdempotencyKey(_ key: String) throws(SyncError) {
        guard !key.isEmpty else {
            throw SyncError("missing-idempotency-key", "Idempotency-Key",
                            "every write needs an idempotency key (header Idempotency-Key, or --idempotency-key)")
        }
        guard key.count <= 255, key.allSatisfy({ $0.isASCII && $0.asciiValue! > 32 && $0.asciiValue! < 127 }) else {
            throw SyncError("invalid-field", "Idempotency-Key",
                            "the idempotency key must be 1 to 255 visible ASCII characters")
        }
    }
}
