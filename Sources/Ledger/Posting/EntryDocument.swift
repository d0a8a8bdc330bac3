public import Core
public import Foundation

/// The JSON form of an entry, as `ledgerops post` and the API read it. Amounts are decimal strings.
///
/// ```json
/// {"journal": "VK", "date": "2026-03-14", "description": "Invoice 2026-001",
///  "source": "crm", "reference": "INV-2026-001",
///  "lines": [{"account": "13011", "debit": "121.00", "relation": "C001", "invoice": "2026-001"},
///            {"account": "80001", "credit": "100.00", "vatCode": "V21", "vatAmount": "21.00"},
///            {"account": "16201", "credit": "21.00"}]}
/// ```
public enum EntryDocument {
    static let entryKeys: Set<String> = ["journal", "date", "description", "source", "reference", "kind", "lines"]
    static let lineKeys: Set<String> = [
        "account", "debit", "credit", "currency", "rate", "baseAmount", "vatCode", "vatAmount", "relation",
        "costCentre", "invoice", "dueDate", "description",
    ]

    /// Parses one entry; every error names the field (`lines[1].debit`).
    public static func parse(_ data: Data, currency: CurrencyCode) throws(LedgerError) -> EntryDraft {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw jsonError(error, in: data)
        }
        guard let entry = object as? [String: Any] else {
            throw LedgerError("malformed-json", "", "the entry must be a JSON object")
        }
        return try parse(entry, at: "", currency: currency)
    }

    /// Parses a JSON array of entries, or a single entry.
    public static func parseMany(_ data: Data, currency: CurrencyCode) throws(LedgerError) -> [EntryDraft] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw jsonError(error, in: data)
        }
        if let single = object as? [String: Any] { return [try parse(single, at: "", currency: currency)] }
        guard let list = object as? [Any] else {
            throw LedgerError("malformed-json", "", "expected an entry object or an array of entries")
        }
        var drafts: [EntryDraft] = []
        for (i, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                throw LedgerError("malformed-json", "entries[\(i)]", "each entry must be a JSON object")
            }
            drafts.append(try parse(entry, at: "entries[\(i)].", currency: currency))
        }
        return drafts
    }

    static func parse(_ json: [String: Any], at prefix: String, currency: CurrencyCode) throws(LedgerError) -> EntryDraft {
        try rejectUnknown(json, known: entryKeys, at: prefix)
        let journal = try string(json, "journal", at: prefix, required: true)!
        let date = try date(json, "date", at: prefix)!
        let description = try string(json, "description", at: prefix, required: true)!
        let source = try string(json, "source", at: prefix)
        let reference = try string(json, "reference", at: prefix)
        var kind = EntryKind.standard
        if let raw = try string(json, "kind", at: prefix) {
            guard let k = EntryKind(rawValue: raw), k == .standard || k == .opening else {
                throw LedgerError("invalid-field", prefix + "kind", "'\(raw)' is not an entry kind you can post (standard, opening)")
            }
            kind = k
        }
        guard let rawLines = json["lines"] else { throw LedgerError("missing-field", prefix + "lines", "the entry has no lines") }
        guard let lineObjects = rawLines as? [Any] else {
            throw LedgerError("invalid-field", prefix + "lines", "lines must be an array of line objects")
        }
        var lines: [EntryLineDraft] = []
        for (i, item) in lineObjects.enumerated() {
            let at = prefix + "lines[\(i)]."
            guard let line = item as? [String: Any] else {
                throw LedgerError("invalid-field", prefix + "lines[\(i)]", "each line must be a JSON object")
            }
            lines.append(try parseLine(line, at: at, currency: currency))
        }
        return EntryDraft(journal: journal, date: date, description: description, source: source, reference: reference,
                          kind: kind, lines: lines)
    }

    static func parseLine(_ json: [String: Any], at: String, currency base: CurrencyCode) throws(LedgerError)
        -> EntryLineDraft
    {
        try rejectUnknown(json, known: lineKeys, at: at)
        let account = try string(json, "account", at: at, required: true)!
        var lineCurrency: CurrencyCode? = nil
        if let raw = try string(json, "currency", at: at) {
            do { lineCurrency = try CurrencyCode(raw) } catch {
                throw LedgerError("invalid-field", at + "currency", error.message)
            }
        }
        let amountCurrency = lineCurrency ?? base
        let debit = try money(json, "debit", at: at, currency: amountCurrency)
        let credit = try money(json, "credit", at: at, currency: amountCurrency)
        let amount: Int64
        switch (debit, credit) {
        case let (d?, nil):
            guard d >= 0 else { throw LedgerError("invalid-field", at + "debit", "a debit cannot be negative; use credit") }
            amount = d
        case let (nil, c?):
            guard c >= 0 else { throw LedgerError("invalid-field", at + "credit", "a credit cannot be negative; use debit") }
            amount = -c
        case (nil, nil): throw LedgerError("missing-field", at + "debit", "the line needs a debit or a credit amount")
        case (_?, _?): throw LedgerError("invalid-field", at + "credit", "a line has either a debit or a credit, not both")
        }
        var rate: DecimalNumber? = nil
        if let raw = try string(json, "rate", at: at) {
            do { rate = try DecimalNumber(parsing: raw, field: at + "rate") } catch { throw LedgerError(error, code: "invalid-field") }
        }
        let sign: Int64 = amount < 0 ? -1 : 1
        let baseAmount = try money(json, "baseAmount", at: at, currency: base).map { sign * abs($0) }
        let vatAmount = try money(json, "vatAmount", at: at, currency: base).map { sign * abs($0) }
        return EntryLineDraft(
            account: account, amount: amount, currency: lineCurrency, rate: rate, baseAmount: baseAmount,
            vatCode: try string(json, "vatCode", at: at), vatAmount: vatAmount,
            relation: try string(json, "relation", at: at), costCentre: try string(json, "costCentre", at: at),
            invoice: try string(json, "invoice", at: at), dueDate: try date(json, "dueDate", at: at, required: false),
            description: try string(json, "description", at: at))
    }

    /// Foundation reports a character offset; a bookkeeper needs the line and column.
    static func jsonError(_ error: any Error, in data: Data) -> LedgerError {
        let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
        var position = ""
        if let range = detail.range(of: "character "),
           let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) {
            var line = 1, column = 1
            for byte in data.prefix(offset) {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            }
            position = " at line \(line), column \(column)"
        }
        let reason = detail.components(separatedBy: " around").first ?? detail
        return LedgerError("malformed-json", "", "the entry is not valid JSON\(position): \(reason)")
    }

    static func rejectUnknown(_ json: [String: Any], known: Set<String>, at: String) throws(LedgerError) {
        if let unknown = json.keys.sorted().first(where: { !known.contains($0) }) {
            throw LedgerError("unknown-field", at + unknown, "unknown field '\(unknown)' (known: "
                + known.sorted().joined(separator: ", ") + ")")
        }
    }

    static func string(_ json: [String: Any], _ key: String, at: String, required: Bool = false) throws(LedgerError) -> String? {
        guard let value = json[key], !(value is NSNull) else {
            if required { throw LedgerError("missing-field", at + key, "required field '\(key)' is missing") }
            return nil
        }
        guard let s = value as? String else {
            throw LedgerError("invalid-field", at + key, "'\(key)' must be a string")
        }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if required { throw LedgerError("missing-field", at + key, "required field '\(key)' is empty") }
            return nil
        }
        return trimmed
    }

    static func date(_ json: [String: Any], _ key: String, at: String, required: Bool = true) throws(LedgerError) -> LocalDate? {
        guard let raw = try string(json, key, at: at, required: required) else { return nil }
        do { return try LocalDate(parsing: raw, field: at + key) } catch { throw LedgerError(error, code: "invalid-field") }
    }

    /// Amounts are decimal strings; JSON integers are accepted, JSON fractions refused (they are not exact).
    static func money(_ json: [String: Any], _ key: String, at: String, currency: CurrencyCode) throws(LedgerError) -> Int64? {
        guard let value = json[key], !(value is NSNull) else { return nil }
        let text: String
        if let s = value as? String {
            text = s
        } else if let n = value as? NSNumber, !(value is Bool), "islqISLQ".contains(String(cString: n.objCType)) {
            text = n.stringValue
        } else {
            throw LedgerError("invalid-field", at + key, "write '\(key)' as a decimal string, e.g. \"121.00\"")
        }
        do { return try Money(parsing: text, currency: currency, field: at + key).minorUnits } catch {
            throw LedgerError(error, code: "invalid-field")
        }
    }
}
