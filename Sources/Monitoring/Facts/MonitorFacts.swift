public import Core

/// One thing behind an indicator's number: a bank line, an open item, an account, a period, a relation.
public struct MonitorItem: Sendable, Codable, Equatable {
    /// What identifies it where the work is done: a line reference, `relation/invoice`, an account, `2026-03`.
    public var reference: String
    public var text: String
    public var date: LocalDate?
    public var amount: Int64?
    /// For a span: its last day or month (pending depreciation up to).
    public var until: LocalDate?

    public init(_ reference: String, _ text: String, date: LocalDate? = nil, amount: Int64? = nil, until: LocalDate? = nil) {
        self.reference = reference
        self.text = text
        self.date = date
        self.amount = amount
        self.until = until
    }
}

/// What the monitor knows about one administration, gathered in one read and kept until the administration
/// changes. Facts hold dates, not ages, so they stay right as days pass: an indicator's value is worked out from
/// the facts and today.
public struct MonitorFacts: Sendable, Codable, Equatable {
    /// The day the facts were gathered: KPIs and budget figures (year to date) are as of this day.
    public var asOf: LocalDate
    public var currencyDigits: Int
    /// The administration's thresholds from its live configuration, by indicator id.
    public var thresholds: [String: DecimalNumber]
    public var dunningAfterDays: Int

    // Bank: unprocessed lines (date, amount); cash accounts in credit (balance)
    public var unprocessedLines: [MonitorItem] = []
    public var latestStatementLine: LocalDate?
    public var negativeCash: [MonitorItem] = []
    // Open items (date: due, amount: outstanding, positive); customers whose items add up to a credit
    public var payables: [MonitorItem] = []
    public var receivables: [MonitorItem] = []
    public var customersInCredit: [MonitorItem] = []
    // Fixed assets: accounts (amount: the difference); pending depreciation (date: first month, until: last)
    public var unregisteredAssets: [MonitorItem] = []
    public var depreciationDifferences: [MonitorItem] = []
    public var pendingDepreciation: [MonitorItem] = []
    // VAT: return periods ended before the facts' day (date: end, amount: VAT balance left at the end, 0 = settled)
    public var vatPeriods: [MonitorItem] = []
    public var vatSettlementBalance: Int64 = 0
    public var icpWithoutVATNumber: [MonitorItem] = []
    // General ledger
    public var suspenseBalance: Int64 = 0
    public var interimUnbalanced: [MonitorItem] = []
    public var inactiveWithBalance: [MonitorItem] = []
    // Closing: open months 1–12 and open fiscal years (date: their end)
    public var openPeriods: [MonitorItem] = []
    public var openYears: [MonitorItem] = []
    // Data quality
    public var relationsWithoutIBAN: [MonitorItem] = []
    public var relationsWithoutVATNumber: [MonitorItem] = []
    public var relationsWithoutCoCNumber: [MonitorItem] = []
    public var duplicateRelations: [MonitorItem] = []
    // Budget: year to date, actual and budget of result and revenue (credit positive); nil budget: none for the year
    public var budgetResult: Int64?
    public var budgetRevenue: Int64?
    public var actualResult: Int64 = 0
    public var actualRevenue: Int64 = 0
    // KPIs from the template's KPI layout, year to date: line id → value
    public var kpis: [String: ReportNumber] = [:]
    // Configuration
    public var status: String?
    public var statusSince: LocalDate?
    public var distributionFailures: [MonitorItem] = []

    public init(asOf: LocalDate, currencyDigits: Int, thresholds: [String: DecimalNumber], dunningAfterDays: Int) {
        self.asOf = asOf
        self.currencyDigits = currencyDigits
        self.thresholds = thresholds
        self.dunningAfterDays = dunningAfterDays
    }
}

/// A KPI line's value kept in the facts: an amount in minor units, or a number.
public enum ReportNumber: Sendable, Codable, Equatable {
    case amount(Int64)
    case number(DecimalNumber)
}
