import Foundation
import Interchange
import Testing

/// Files the reader refuses, each with the line and the words a bookkeeper needs to act.
@Suite struct MT940ErrorTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var words: [String]
        var testDescription: String { name }
    }

    static let good = [
        ":20:STMT1", ":25:NL91INGB0001234567", ":28C:1/1", ":60F:C240101EUR100,00",
        ":61:2401020102D12,50NTRFNONREF", ":86:Boodschappen", ":62F:C240102EUR87,50",
    ]

    /// The good statement with line `number` (1-based) replaced, or removed when `text` is nil.
    static func replacing(_ number: Int, with text: String?) -> String {
        var lines = good
        if let text { lines[number - 1] = text } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let table: [Bad] = [
        Bad(name: "empty file", text: "", line: 0, words: ["the file is empty"]),
        Bad(name: "blank file", text: "\n  \r\n\n", line: 0, words: ["the file is empty"]),
        Bad(name: "CSV, not MT940", text: "\ndatum;bedrag\n2024-01-01;12,50\n", line: 2,
            words: ["not an MT940 bank statement", "CSV", ":20:"]),
        Bad(name: "tags but no :20:", text: ":25:NL91INGB0001234567\n:60F:C240101EUR100,00\n", line: 1,
            words: [":25: account identification comes before the :20: transaction reference"]),
        Bad(name: "XML, not MT940", text: "<?xml version=\"1.0\"?><Document/>", line: 1, words: ["XML", "CAMT.053"]),
        Bad(name: "no :25:", text: replacing(2, with: nil), line: 1,
            words: [":20: STMT1", "no :25: account identification"]),
        Bad(name: ":25: before :20:", text: ":25:NL91INGB0001234567\n" + replacing(2, with: nil), line: 1,
            words: [":25: account identification comes before the :20:"]),
        Bad(name: ":61: before the opening balance", text: replacing(4, with: nil), line: 4,
            words: [":61: statement line", "before the statement's opening balance"]),
        Bad(name: "amount with a dot", text: replacing(5, with: ":61:2401020102D12.50NTRFNONREF"), line: 5,
            words: [":61: statement line", "'12.50' has a decimal point", "decimal comma", "12,50"]),
        Bad(name: "amount without digits", text: replacing(5, with: ":61:2401020102DNTRFNONREF"), line: 5,
            words: [":61: statement line", "the amount is missing"]),
        Bad(name: "balance without amount", text: replacing(4, with: ":60F:C240101EUR"), line: 4,
            words: [":60F: opening balance", "the amount is missing"]),
        Bad(name: "amount with three decimals", text: replacing(5, with: ":61:2401020102D12,505NTRFNONREF"), line: 5,
            words: ["'12,505' has more decimals than EUR allows (2)"]),
        Bad(name: "month 13 in a value date", text: replacing(5, with: ":61:2413020102D12,50NTRFNONREF"), line: 5,
            words: [":61: statement line", "value date '241302' is not a calendar date"]),
        Bad(name: "month 13 in an entry date", text: replacing(5, with: ":61:2401021302D12,50NTRFNONREF"), line: 5,
            words: ["entry date '1302' is not a calendar date"]),
        Bad(name: "month 13 in a balance", text: replacing(7, with: ":62F:C241302EUR87,50"), line: 7,
            words: [":62F: closing balance", "the date '241302' is not a calendar date"]),
        Bad(name: "unknown mark on a statement line", text: replacing(5, with: ":61:2401020102X12,50NTRFNONREF"),
            line: 5, words: ["debit/credit mark 'X' is unknown", "RD or RC"]),
        Bad(name: "unknown mark on a balance", text: replacing(4, with: ":60F:X240101EUR100,00"), line: 4,
            words: [":60F: opening balance", "debit/credit mark 'X' is unknown"]),
        Bad(name: "currencies differ", text: replacing(7, with: ":62F:C240102USD87,50"), line: 7,
            words: [":62F: closing balance is in USD", "opening balance on line 4 is in EUR"]),
        Bad(name: "truncated after a transaction", text: replacing(7, with: nil), line: 6,
            words: ["statement that starts on line 1", "without a closing balance", "truncated"]),
        Bad(name: "truncated before the next statement",
            text: replacing(7, with: nil) + ([":20:STMT2"] + good.dropFirst()).joined(separator: "\n"),
            line: 6, words: ["(:20: STMT1)", "without a closing balance"]),
        Bad(name: "untagged line after a one-line field", text: replacing(2, with: ":25:NL91INGB\n0001234567"), line: 3,
            words: ["'0001234567' does not start with a tag", ":25: field before it (line 2) is one line"]),
    ]

    @Test(arguments: table)
    func isRefusedNamingTheLine(_ bad: Bad) {
        do {
            _ = try MT940Reader.statements(from: Data(bad.text.utf8), file: "bad.sta")
            Issue.record("\(bad.name): read without error")
        } catch {
            #expect(error.file == "bad.sta", "\(bad.name)")
            #expect(error.line == bad.line, "\(bad.name): \(error)")
            for word in bad.words { #expect(error.message.contains(word), "\(bad.name): \(error)") }
        }
    }
}
