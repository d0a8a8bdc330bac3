import Foundation

/// A JSON-like value: the tree genkgo/camt's expected parse is dumped as (getter name → result), and the tree our
/// CAMT model is rendered into for comparison.
indirect enum GenkgoTree: Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([GenkgoTree])
    case object([String: GenkgoTree])

    /// The dumper's mark for an object it has already written elsewhere in the tree; there is nothing to compare.
    static let recursion = GenkgoTree.string("__RECURSIVITY__")

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? value.decode(Int.self) {
            self = .int(number)
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let items = try? value.decode([GenkgoTree].self) {
            self = .list(items)
        } else {
            self = .object(try value.decode([String: GenkgoTree].self))
        }
    }

    /// An object of genkgo class `name` with the given getters.
    static func instance(_ name: String, _ getters: [String: GenkgoTree]) -> GenkgoTree {
        .object(getters.merging(["__CLASS__": .string(name)]) { a, _ in a })
    }

    /// A string, or null when absent.
    static func text(_ value: String?) -> GenkgoTree { value.map { .string($0) } ?? .null }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .int(let number): "\(number)"
        case .string(let text): "\"\(text)\""
        case .list(let items): "[\(items.count) items]"
        case .object(let fields): "{\(fields["__CLASS__"].map { "\($0)" } ?? "object")}"
        }
    }
}

/// Walks an expected tree and checks every leaf against ours at the same path: strings, numbers, booleans, nulls
/// (expected null: our field must be rendered and absent), class names, and empty lists; lists must be as long.
struct GenkgoComparison {
    private(set) var leaves = 0
    private(set) var mismatches: [String] = []

    mutating func compare(expected: GenkgoTree, actual: GenkgoTree?, path: String) {
        if expected == .recursion { return }
        switch expected {
        case .object(let fields):
            guard case .object(let ours)? = actual else {
                return mismatch(path, "expected \(expected), ours is \(Self.show(actual))")
            }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                compare(expected: value, actual: ours[key], path: path.isEmpty ? key : "\(path).\(key)")
            }
        case .list(let items):
            guard case .list(let ours)? = actual else {
                return mismatch(path, "expected a list of \(items.count), ours is \(Self.show(actual))")
            }
            if items.isEmpty { leaves += 1 }
            if items.count != ours.count { mismatch(path, "expected \(items.count) items, ours has \(ours.count)") }
            for (index, item) in items.enumerated() {
                compare(expected: item, actual: index < ours.count ? ours[index] : nil, path: "\(path)[\(index)]")
            }
        default:
            leaves += 1
            if actual != expected { mismatch(path, "expected \(expected), ours is \(Self.show(actual))") }
        }
    }

    private mutating func mismatch(_ path: String, _ message: String) { mismatches.append("\(path): \(message)") }

    private static func show(_ value: GenkgoTree?) -> String { value.map { "\($0)" } ?? "not rendered" }
}
