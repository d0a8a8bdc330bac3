public import Core

/// Amounts (minor units of the entity's currency, debit positive) that are translated at one rate.
public struct RatedAmounts: Sendable, Hashable {
    /// What the rate is (`2026-03 average`, `historical 2024-01-01`), for the trace.
    public var label: String
    /// Units of the entity's currency per unit of the group's.
    public var rate: DecimalNumber
    public var amounts: [String: Int64]

    public init(label: String, rate: DecimalNumber, amounts: [String: Int64]) {
        self.label = label
        self.rate = rate
        self.amounts = amounts
    }
}

/// An intercompany balance or flow: what an entity's account holds with another entity of the group.
public struct IntercompanyAmount: Sendable, Hashable {
    /// The entity's own account.
    public var account: String
    /// The entity the relation represents (its key: an administration id).
    public var counterparty: String
    /// In the entity's currency, debit positive.
    public var amount: Int64
    /// The rate it is translated at, and what that rate is.
    public var rate: DecimalNumber
    public var rateLabel: String

    public init(account: String, counterparty: String, amount: Int64, rate: DecimalNumber, rateLabel: String) {
        self.account = account
        self.counterparty = counterparty
        self.amount = amount
        self.rate = rate
        self.rateLabel = rateLabel
    }
}

/// One entity's books at a date, as the engine needs them: read and rated by the service, so the engine is pure.
///
/// Balance-sheet accounts hold their balance at the date; P&L accounts their movement since the fiscal year's
/// start (the result to date). Equity accounts are explained by `equityLayers` (at acquisition, at the historical
/// rate; each later fiscal year's change, at that year's average) plus this year's `results` slices.
public struct EntitySnapshot: Sendable {
    public var entity: GroupEntityReference
    public var name: String
    public var currency: CurrencyCode
    public var types: [String: AccountType]
    /// Each of the entity's accounts with a balance, onto the group chart.
    public var groupAccounts: [String: String]
    public var balances: [String: Int64]
    /// The closing rate at the date (1 for an entity in the group's currency).
    public var closingRate: DecimalNumber
    public var closingLabel: String
    /// The closing rate at the start of the fiscal year (or at acquisition, when later): where the year's
    /// translation difference on opening net assets starts from. Default: the historical rate.
    public var openingRate: DecimalNumber?
    /// This fiscal year's movements of P&L and equity accounts, in slices with their average rates.
    public var results: [RatedAmounts]
    /// Equity at acquisition (first, at the historical rate) and its change in each later, earlier fiscal year.
    public var equityLayers: [RatedAmounts]
    public var intercompany: [IntercompanyAmount]

    public init(entity: GroupEntityReference, name: String, currency: CurrencyCode, types: [String: AccountType],
                groupAccounts: [String: String], balances: [String: Int64], closingRate: DecimalNumber,
                closingLabel: String, openingRate: DecimalNumber? = nil, results: [RatedAmounts] = [], equityLayers: [RatedAmounts] = [],
                intercompany: [IntercompanyAmount] = []) {
        self.entity = entity
        self.name = name
        self.currency = currency
        self.types = types
        self.groupAccounts = groupAccounts
        self.balances = balances
        self.closingRate = closingRate
        self.closingLabel = closingLabel
        self.openingRate = openingRate
        self.results = results
        self.equityLayers = equityLayers
        self.intercompany = intercompany
    }
}
