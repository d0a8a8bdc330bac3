public import Core

/// Whose administrations a view covers.
public enum MonitorScope: String, Sendable, Codable {
    /// Those the user is responsible for; their team's; or every administration in the bureau.
    case personal, team, bureau
}

/// Per indicator: how many of the scope's administrations exceed their threshold.
public struct IndicatorCount: Sendable, Codable, Equatable {
    public var indicator: Indicator
    /// The user's own threshold when set, else nil (each administration's template threshold applies).
    public var userThreshold: DecimalNumber?
    public var enabled: Bool
    public var exceeding: Int
    /// Administrations the indicator applies to (has a value for).
    public var evaluated: Int
}

/// The monitor's front page for a user.
public struct MonitorOverview: Sendable, Codable, Equatable {
    public var user: String
    public var scope: MonitorScope
    public var today: LocalDate
    public var administrations: Int
    public var indicators: [IndicatorCount]
}

/// One administration over one indicator: its value, the threshold that applies and the items behind it.
public struct IndicatorReading: Sendable, Codable, Equatable {
    public var administration: String
    public var name: String
    public var indicator: String
    public var value: DecimalNumber?
    public var threshold: DecimalNumber
    public var exceeded: Bool
    public var items: [MonitorItem]
    /// Where the work is done.
    public var action: String
}
