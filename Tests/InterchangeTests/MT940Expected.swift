import Core
import Foundation
import Testing
import Yams

/// A sample's expected parse as wolph/mt940 dumped it: Python-tagged YAML read as plain nodes, the tags ignored.
struct MT940Expected {
    /// The file-level `data` of the Python `Transactions` object.
    var statement: [(key: String, value: Node)]
    /// Each transaction's `data`, in file order across all statements.
    var transactions: [[(key: String, value: Node)]]

    init(path: String) throws {
        // Every transaction refers back to the whole file (`transactions: *id003`): a cycle Yams cannot compose, and
        // not data, so those lines go.
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.wholeMatch(of: /\s+transactions: \*id\d+/) == nil }
            .joined(separator: "\n")
        let root = try #require(try Yams.compose(yaml: yaml), "\(path) holds no YAML document")
        statement = Self.pairs(root["data"])
        transactions = (root["transactions"]?.sequence.map(Array.init) ?? []).map { Self.pairs($0["data"]) }
    }

    private static func pairs(_ node: Node?) -> [(key: String, value: Node)] {
        (node?.mapping.map(Array.init) ?? []).map { ($0.key.scalar?.string ?? "", $0.value) }
    }

    /// A plain string, or nil for `null`.
    static func text(_ node: Node) -> String? {
        guard let scalar = node.scalar else { return nil }
        return scalar.style == .plain && scalar.string == "null" ? nil : scalar.string
    }

    /// `!!python/object/apply:decimal.Decimal ['-25.03']`
    static func decimal(_ node: Node) -> String? { node.sequence?.first.flatMap(text) }

    /// `!!python/object/apply:mt940.models.Date [!!binary …]`: year high byte, year low byte, month, day.
    static func date(_ node: Node) -> LocalDate? {
        guard let base64 = node.sequence?.first?.scalar?.string,
              let bytes = Data(base64Encoded: base64, options: .ignoreUnknownCharacters).map(Array.init),
              bytes.count == 4
        else { return nil }
        return try? LocalDate(year: Int(bytes[0]) << 8 | Int(bytes[1]), month: Int(bytes[2]), day: Int(bytes[3]))
    }

    /// `mt940.models.Amount`: the signed amount and its currency.
    static func money(_ node: Node) -> Money? {
        guard let amount = node["amount"].flatMap(decimal), let code = node["currency"].flatMap(text),
              let currency = try? CurrencyCode(code)
        else { return nil }
        return try? Money(parsing: amount, currency: currency)
    }
}
