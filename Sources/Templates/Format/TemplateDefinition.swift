public import Core

/// The kinds of item a template holds, each keyed by its natural key.
public enum ItemKind: String, Sendable, Codable, CaseIterable, Comparable {
    case accounts, vatCodes, journals, reports, dashboards, indicators, settings

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A value and the place it was written, for messages.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var file: String
    public var line: Int
}

/// One template folder as written: its own items only, before inheritance.
public struct TemplateDefinition: Sendable, Hashable {
    public var name: String
    public var description: String
    public var extends: String?
    public var currency: CurrencyCode?
    public var fiscalYearStart: Int?
    public var removals: [ItemKind: [Located<String>]]
    public var accounts: [Located<Account>]
    public var vatCodes: [Located<VATCode>]
    public var journals: [Located<Journal>]
    public var reports: [Located<ReportLayout>]
    public var dashboards: [Located<Dashboard>]
    public var indicators: [Located<IndicatorThreshold>]
    public var settings: [Located<Setting>]
    /// Where `template.yaml` is.
    public var file: String

    /// A key and its value, as `settings.yaml` holds them.
    public struct Setting: Sendable, Hashable {
        public var key: String
        public var value: SettingValue
    }
}

/// A cluster: which template its administrations follow and how changes reach them.
public struct ClusterDefinition: Sendable, Hashable, Codable {
    public struct Wave: Sendable, Hashable, Codable {
        public var name: String
        /// The first `count` administrations (by id), or…
        public var count: Int?
        /// …this share of the cluster, cumulatively.
        public var percent: Int?
        /// …these administrations.
        public var administrations: [String]
    }

    public enum Drift: String, Sendable, Hashable, Codable, CaseIterable {
        case report, revert
    }

    /// When applying is forbidden: on these days of these months (all months when empty).
    public struct Window: Sendable, Hashable, Codable {
        public var name: String
        public var monthDays: [Int]
        public var months: [Int]
    }

    public var name: String
    public var template: String
    public var description: String
    public var requiredApprovals: Int
    /// Failed administrations the whole distribution tolerates in this cluster before it pauses.
    public var maxFailures: Int
    public var waves: [Wave]
    /// The wave after which a distribution pauses until a reviewer resumes it (a canary's look before the rest).
    public var pauseAfter: String? = nil
    public var drift: Drift
    public var windows: [Window]
    /// `kind:pattern` with `*` wildcards: items the reconciler leaves alone.
    public var ignore: [String]
    public var file: String
}

/// One administration's overlay on its cluster's template.
public struct OverrideDefinition: Sendable, Hashable {
    public var administration: String
    public var accounts: [Located<Account>]
    public var settings: [Located<TemplateDefinition.Setting>]
    public var indicators: [Located<IndicatorThreshold>]
    public var removals: [ItemKind: [Located<String>]]
    public var file: String
}

extension ClusterDefinition.Window {
    /// Whether this window forbids applying on `day`.
    public func forbids(_ day: LocalDate) -> Bool {
        monthDays.contains(day.day) && (months.isEmpty || months.contains(day.month))
    }
}
