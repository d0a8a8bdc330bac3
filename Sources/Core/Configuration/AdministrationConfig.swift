import Foundation

/// Everything an administration is configured with, rendered from its cluster's template and overlay:
/// sorted by natural key, so two renderings of the same content are equal byte for byte.
public struct AdministrationConfig: Hashable, Sendable, Codable {
    public var template: String
    public var currency: CurrencyCode
    public var fiscalYearStart: Int
    public var accounts: [Account]
    public var vatCodes: [VATCode]
    public var journals: [Journal]
    public var reports: [ReportLayout]
    public var dashboards: [Dashboard]
    public var indicators: [IndicatorThreshold]
    public var settings: [String: SettingValue]
    /// Accounts the template renumbered: new code → old code (from `renamed_from`); nil when there are none.
    public var renumbered: [String: String]?

    public init(template: String, currency: CurrencyCode, fiscalYearStart: Int, accounts: [Account],
                vatCodes: [VATCode], journals: [Journal], reports: [ReportLayout], dashboards: [Dashboard],
                indicators: [IndicatorThreshold], settings: [String: SettingValue], renumbered: [String: String]? = nil) {
        self.renumbered = renumbered?.isEmpty == true ? nil : renumbered
        self.template = template
        self.currency = currency
        self.fiscalYearStart = fiscalYearStart
        self.accounts = accounts.sorted { $0.code < $1.code }
        self.vatCodes = vatCodes.sorted { $0.code < $1.code }
        self.journals = journals.sorted { $0.code < $1.code }
        self.reports = reports.sorted { $0.id < $1.id }
        self.dashboards = dashboards.sorted { $0.id < $1.id }
        self.indicators = indicators.sorted { $0.id < $1.id }
        self.settings = settings
    }

    /// The chart part, as the ledger takes it.
    public var chart: ChartOfAccounts { ChartOfAccounts(accounts: accounts, vatCodes: vatCodes, journals: journals) }

    /// Canonical bytes: JSON with sorted keys and no insignificant whitespace. Hash these, never the YAML.
    public func canonicalBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8]((try? encoder.encode(self)) ?? Data())
    }
}

/// The configuration last applied to an administration: the template revision it came from and its hash.
public struct AppliedConfiguration: Hashable, Sendable, Codable {
    public var cluster: String?
    public var revision: String
    public var hash: String
    public var config: AdministrationConfig

    public init(cluster: String?, revision: String, hash: String, config: AdministrationConfig) {
        self.cluster = cluster
        self.revision = revision
        self.hash = hash
        self.config = config
    }
}
