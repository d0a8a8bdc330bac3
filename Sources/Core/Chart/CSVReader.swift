import Foundation

/// A small RFC 4180 reader that remembers the line each record starts on, so errors can name `file:line`.
///
/// Kept in-house rather than taking SwiftCSV or CSV.swift: neither reports source line numbers for records
/// that span lines, and every import error in this product must name its line.
public struct CSVReader: Sendable {
    /// One record and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public let separator: Character

    public init(separator: Character = ",") { self.separator = separator }

    public func records(in text: String, file: String) throws(CoreError) -> [Record] {
        var records: [Record] = []
        var field = ""
        var fields: [String] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func finishRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []; field = ""; quotedField = false
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !quotedField:
                inQuotes = true; quotedField = true
            case separator:
                fields.append(field); field = ""; quotedField = false
            case "\n", "\r\n", "\r":
                finishRecord()
                line += 1
                recordLine = line
            default:
                if quotedField { throw CoreError("\(file):\(line)", "text after a closing quote") }
                field.append(c)
            }
        }
        if inQuotes { throw CoreError("\(file):\(recordLine)", "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField { finishRecord() }
        return records
    }

    /// Quotes a field when it contains the separator, a quote or a line break.
    public func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
