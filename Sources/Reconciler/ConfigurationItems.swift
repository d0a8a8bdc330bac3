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
    /// Every item with its fields as `ConfigurationFields` writes them: absent values are left out, so absent and
    /// empty never differ; a report or dashboard is a short field per line or widget, never one blob.
    public var flattened: FlatConfiguration {
        var items: FlatConfiguration = [:]
        func put(_ kind: ItemKind, _ key: String, _ fields: [ConfigurationField]) {
            items[ItemKey(kind: kind, key: key)] = Dictionary(fields.map { ($0.name, $0.value) },
                                                              uniquingKeysWith: { first, _ in first })
        }
        for a in accounts { put(.accounts, a.code, ConfigurationFields.account(a)) }
        for v in vatCodes { put(.vatCodes, v.code, ConfigurationFields.vatCode(v)) }
        for j in journals { put(.journals, j.code, ConfigurationFields.journal(j)) }
        for r in reports { put(.reports, r.id, ConfigurationFields.report(r)) }
        for d in dashboards { put(.dashboards, d.id, ConfigurationFields.dashboard(d)) }
        for i in indicators { put(.indicators, i.id, ConfigurationFields.indicator(i)) }
        for (k, v) in settings { put(.settings, k, ConfigurationFields.setting(v)) }
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
