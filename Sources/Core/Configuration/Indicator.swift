
/// The process areas the monitor groups indicators in.
public enum IndicatorArea: String, Sendable, Codable, CaseIterable {
    case bank, purchases, sales
    case fixedAssets = "fixed-assets"
    case vat
    case generalLedger = "general-ledger"
    case closing
    case dataQuality = "data-quality"
    case budget, kpi, configuration
}

/// What an indicator's value counts.
public enum IndicatorUnit: String, Sendable, Codable {
    case count, days, amount, percent, ratio, flag
}

/// When a value needs attention: above the threshold, or below it (cash, current ratio, days left to a deadline).
public enum IndicatorComparison: String, Sendable, Codable {
    case above, below

    public func exceeds(_ value: DecimalNumber, _ threshold: DecimalNumber) -> Bool {
        let (v, t) = DecimalNumber.aligned(value, threshold)
        return self == .above ? v > t : v < t
    }
}

/// One indicator of the catalogue: what it counts, in which area, and its default threshold.
public struct Indicator: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var area: IndicatorArea
    public var title: String
    public var description: String
    public var unit: IndicatorUnit
    public var comparison: IndicatorComparison
    public var defaultThreshold: DecimalNumber
    /// Where in the administration the work is done (the CLI command or page).
    public var action: String

    public init(_ id: String, _ area: IndicatorArea, _ title: String, _ description: String, unit: IndicatorUnit,
                _ comparison: IndicatorComparison = .above, threshold: DecimalNumber, action: String) {
        self.id = id
        self.area = area
        self.title = title
        self.description = description
        self.unit = unit
        self.comparison = comparison
        self.defaultThreshold = threshold
        self.action = action
    }
}

extension DecimalNumber {
    /// Both mantissas at the larger scale, for comparing.
    public static func aligned(_ a: DecimalNumber, _ b: DecimalNumber) -> (Int64, Int64) {
        let scale = max(a.scale, b.scale)
        return (a.mantissa * DecimalNumber.powerOfTen(scale - a.scale), b.mantissa * DecimalNumber.powerOfTen(scale - b.scale))
    }

    /// A whole number.
    public static func of(_ n: Int64) -> DecimalNumber { DecimalNumber(mantissa: n, scale: 0) }
}
