public import Core
import Foundation
public import Templates

/// One configuration item by kind and natural key, with its fields as canonical text so that differences can be
/// told field by field.
public struct ItemKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var kind: ItemKind
    public var key: String

    public init(kind: ItemKind, key: String) {
        self.kind = kind
        self.key = key
    }

    public var description: String { "\(kind.rawValue):\(key)" }

    public static func < (a: Self, b: Self) -> Bool { (a.kind.rawValue, a.key) < (b.kind.rawValue, b.key) }
}

/// A configuration flattened to items → fields → canonical values.
public typealias FlatConfiguration = [ItemKey: [String: String]]

extension AdministrationConfig {
    /// Every item with its fields; values that are absent are left out, so absent and empty never differ.
    public var flattened: FlatConfiguration {
        var items: FlatConfiguration = [:]
        func put(_ kind: ItemKind, _ key: String, _ fields: [String: String?]) {
            items[ItemKey(kind: kind, key: key)] = fields.compactMapValues { $0 }
        }
        for a in accounts {
            put(.accounts, a.code, ["name": a.name, "type": a.type.rawValue, "normal": a.normalSide.rawValue, "rgs": a.rgsCode,
                                    "vat": a.vatCode, "control": a.control?.rawValue, "active": a.active ? "true" : "false"])
        }
        for v in vatCodes {
            put(.vatCodes, v.code, ["description": v.description, "rate": v.rate.description, "kind": v.kind.rawValue,
                                    "box": v.box, "deductibleBox": v.deductibleBox, "payableAccount": v.payableAccount,
                                    "receivableAccount": v.receivableAccount, "validFrom": v.validFrom?.description,
                                    "validTo": v.validTo?.description])
        }
        for j in journals { put(.journals, j.code, ["name": j.name, "kind": j.kind.rawValue, "account": j.account]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) -> String { String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) }
        for r in reports { put(.reports, r.id, ["title": r.title, "kind": r.kind.rawValue, "lines": json(r.lines)]) }
        for d in dashboards { put(.dashboards, d.id, ["title": d.title, "widgets": json(d.widgets)]) }
        for i in indicators { put(.indicators, i.id, ["threshold": i.threshold.description]) }
        for (k, v) in settings { put(.settings, k, ["value": v.description]) }
        return items
    }
}

/// `kind:pattern` rules from a cluster file; `*` matches any run of characters.
public struct IgnoreRules: Sendable {
    let rules: [(ItemKind, String)]

    public init(_ patterns: [String]) {
        rules = patterns.compactMap { p in
            let parts = p.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = ItemKind(rawValue: parts[0]) else { return nil }
            return (kind, parts[1])
        }
    }

    public func ignores(_ key: ItemKey) -> Bool {
        rules.contains { $0.0 == key.kind && Self.matches(key.key, $0.1) }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count > 1 else { return text == pattern }
        var rest = Substring(text)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(pieces.last!)
    }
}
