/// FNV-1a, 64 bits, over fields: a content hash that is the same in every process and on every platform (Swift's
/// `Hasher` is seeded per run), for the keys that make a re-import recognise what it already brought in.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds one field, ended by a unit separator so that `ab`+`c` and `a`+`bc` differ.
    public mutating func add(_ s: String) {
        for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
        value = (value ^ 0x1F) &* 0x100_0000_01b3
    }

    /// The value as 16 hex digits.
    public var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
