import Core
import Foundation

/// Reads a request's JSON object field by field, so every refusal names the field; and encodes canonically.
struct SyncJSON {
    let object: [String: Any]
    /// The path of this object in the request (`lines[1].`), prefixed to every field it names.
    let prefix: String

    /// Parses `data` as one JSON object, refusing any key not in `known`.
    init(_ data: Data, known: Set<String>) throws(SyncError) {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "it does not parse"
            throw SyncError("malformed-json", "", "the request body is not valid JSON: "
                + (detail.components(separatedBy: " around").first ?? detail))
        }
        guard let object = parsed as? [String: Any] else {
            throw SyncError("malformed-json", "", "the request body must be a JSON object")
        }
        try self.init(object, at: "", known: known)
    }

    init(_ object: [String: Any], at prefix: String, known: Set<String>) throws(SyncError) {
        self.object = object
        self.prefix = prefix
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SyncError("unknown-field", prefix + unknown, "unknown field '\(unknown)' (known: "
                + known.sorted().joined(separator: ", ") + ")")
        }
    }

    func path(_ key: String) -> String { prefix + key }

    private func present(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    /// A string, trimmed; an empty one counts as missing.
    func string(_ key: String, required: Bool = false) throws(SyncError) -> String? {
        guard let value = present(key) else {
            if required { throw SyncError("missing-field", path(key), "required field '\(key)' is missing") }
            return nil
        }
        guard let text = value as? String else { throw SyncError("invalid-field", path(key), "'\(key)' must be a string") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { throw SyncError("missing-field", path(key), "required field '\(key)' is empty") }
            return nil
        }
        return trimmed
    }

    /// One of `Value`'s raw values.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, as: Value.Type, required: Bool = false)
        throws(SyncError) -> Value? where Value.RawValue == String
    {
        guard let raw = try string(key, required: required) else { return nil }
        guard let value = Value(rawValue: raw) else {
            throw SyncError("invalid-field", path(key), "'\(raw)' is not one of "
                + Value.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    func integer(_ key: String) throws(SyncError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let number = value as? NSNumber, !(value is Bool), "islqISLQ".contains(String(cString: number.objCType))
        else { throw SyncError("invalid-field", path(key), "'\(key)' must be a whole number") }
        return number.intValue
    }

    func bool(_ key: String) throws(SyncError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let flag = value as? Bool else { throw SyncError("invalid-field", path(key), "'\(key)' must be true or false") }
        return flag
    }

    func date(_ key: String, required: Bool = false) throws(SyncError) -> LocalDate? {
        guard let raw = try string(key, required: required) else { return nil }
        do { return try LocalDate(parsing: raw, field: path(key)) } catch { throw SyncError(error) }
    }

    /// An amount: a decimal string (`"1210.00"`). A JSON number is refused rather than guessed at (cents or units?).
    func money(_ key: String, currency: CurrencyCode, required: Bool = false) throws(SyncError) -> Int64? {
        guard let value = present(key) else {
            if required { throw SyncError("missing-field", path(key), "required field '\(key)' is missing") }
            return nil
        }
        guard let text = value as? String else {
            throw SyncError("invalid-field", path(key), "write '\(key)' as a decimal string, e.g. \"121.00\"")
        }
        do {
            return try Money(parsing: text.trimmingCharacters(in: .whitespaces), currency: currency, field: path(key))
                .minorUnits
        } catch { throw SyncError(error) }
    }

    /// A nested object, read with its own known keys.
    func object(_ key: String, known: Set<String>) throws(SyncError) -> SyncJSON? {
        guard let value = present(key) else { return nil }
        guard let nested = value as? [String: Any] else {
            throw SyncError("invalid-field", path(key), "'\(key)' must be a JSON object")
        }
        return try SyncJSON(nested, at: path(key) + ".", known: known)
    }

    /// An array of objects, each read with `known`; nil when absent.
    func objects(_ key: String, known: Set<String>) throws(SyncError) -> [SyncJSON]? {
        guard let value = present(key) else { return nil }
        guard let list = value as? [Any] else { throw SyncError("invalid-field", path(key), "'\(key)' must be an array") }
        var result: [SyncJSON] = []
        for (index, item) in list.enumerated() {
            let at = path(key) + "[\(index)]"
            guard let nested = item as? [String: Any] else {
                throw SyncError("invalid-field", at, "each item of '\(key)' must be a JSON object")
            }
            result.append(try SyncJSON(nested, at: at + ".", known: known))
        }
        return result
    }

    /// Sorted keys and no escaped slashes: the same value always gives the same bytes (hashes, stored responses).
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
