/// How a year's amount falls over its twelve periods: twelve weights (any scale; they need not add up to 1).
public struct SeasonalityProfile: Sendable, Hashable, Codable {
    public var name: String
    public var weights: [DecimalNumber]
    /// The weights on one scale, and their sum: worked out once, used by every spread.
    private var scaled: [Int128] = []
    private var sum: Int128 = 1

    public init(name: String, weights: [DecimalNumber]) throws(CoreError) {
        guard weights.count == 12 else {
            throw CoreError("profiles.\(name)", "profile \(name) has \(weights.count) weights; a profile has one per month, 12")
        }
        guard weights.allSatisfy({ $0.mantissa >= 0 }), weights.contains(where: { $0.mantissa > 0 }) else {
            throw CoreError("profiles.\(name)", "profile \(name) needs weights of zero or more, not all zero")
        }
        self.name = name
        self.weights = weights
        let scale = weights.map(\.scale).max() ?? 0
        scaled = weights.map { Int128($0.mantissa) * Int128(DecimalNumber.powerOfTen(scale - $0.scale)) }
        sum = scaled.reduce(0, +)
    }

    public static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.weights == b.weights }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(weights)
    }

    private enum CodingKeys: String, CodingKey { case name, weights }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: try c.decode(String.self, forKey: .name), weights: try c.decode([DecimalNumber].self, forKey: .weights))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(weights, forKey: .weights)
    }

    /// Equal months.
    public static let flat = try! SeasonalityProfile(name: "flat", weights: Array(repeating: DecimalNumber(mantissa: 1, scale: 0), count: 12))

    /// `total` (minor units) over the twelve months in proportion to the weights, each month whole minor units and
    /// the months adding up to `total` exactly: every month gets its share rounded down, and the cents left go one
    /// each to the months with the largest remainders (the earlier month first on a tie).
    public func spread(_ total: Int64) -> [Int64] {
        let w = scaled
        let magnitude = Int128(total.magnitude)
        var parts = w.map { magnitude * $0 / sum }
        let remainders = w.map { magnitude * $0 % sum }
        var left = magnitude - parts.reduce(0, +)
        for index in remainders.indices.sorted(by: { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 })
        where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts.map { total < 0 ? -Int64($0) : Int64($0) }
    }
}
