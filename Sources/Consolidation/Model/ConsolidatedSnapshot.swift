public import Core

/// One consolidation entry: balanced lines on group accounts, with where every amount comes from.
public struct ConsolidationAdjustment: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case investment, goodwillTranslation, nonControllingInterest, intercompanyBalance, intercompanyResult
        case unrealisedProfit
    }

    public struct Line: Sendable, Hashable, Codable {
        public var account: String
        /// Debit positive, in the group's currency.
        public var amount: Int64
        public var note: String
    }

    public var kind: Kind
    public var description: String
    public var lines: [Line]
    /// The source figures: entity, account, amount in its currency, rate.
    public var sources: [String]

    public var balances: Bool { lines.reduce(0) { $0 + $1.amount } == 0 }
}

/// Intercompany amounts that do not match: one side's figure, the other's, and what is left uneliminated.
public struct IntercompanyMismatch: Sendable, Hashable, Codable {
    public var kind: String
    public var entity: String
    public var counterparty: String
    /// Debit positive, in the group's currency.
    public var entityAmount: Int64
    public var counterpartyAmount: Int64
    public var difference: Int64 { entityAmount + counterpartyAmount }
}

/// How one foreign entity's translation reserve arises, computed two ways (IAS 21.41).
public struct TranslationAnalysis: Sendable, Hashable, Codable {
    public var entity: String
    public var currency: CurrencyCode
    /// The reserve (credit positive) at the date: what balances the translated trial balance.
    public var reserve: Int64
    /// Net assets at acquisition or the year's start, and their effect retranslated at the closing rate.
    public var openingNetAssets: Int64
    public var openingRate: DecimalNumber
    public var fromOpeningNetAssets: Int64
    /// The year's movements (result and other equity) at closing instead of their average rates.
    public var fromMovements: Int64
    /// The reserve at the start, so that reserve − reserveAtStart is the year's movement.
    public var reserveAtStart: Int64
    /// Every account as translated: its balance, how, at which rates, and what it became.
    public var lines: [TranslatedLine] = []
}

/// One account of a foreign entity translated: the trace from its balance to the group's currency.
public struct TranslatedLine: Sendable, Hashable, Codable {
    public var account: String
    /// In the entity's currency, debit positive.
    public var balance: Int64
    public var method: TranslationMethod
    /// The rates applied, with the part of the balance each applied to (`2026-03 average 11.55: 1,000.00`).
    public var rates: [String]
    /// In the group's currency.
    public var translated: Int64
}

/// A consolidation at one date: per column (each entity, translation, eliminations, total) the balance of every
/// group account, the entries that make the eliminations column, and what did not match.
public struct ConsolidatedSnapshot: Sendable {
    public var date: LocalDate
    /// Entity keys in order, then `translation`, `eliminations`, `total`.
    public var columns: [String]
    public var balances: [String: [String: Int64]]
    public var adjustments: [ConsolidationAdjustment]
    public var mismatches: [IntercompanyMismatch]
    public var translations: [TranslationAnalysis]
    /// The result to date attributable to non-controlling interests (profit positive).
    public var nonControllingResult: Int64

    public static let translationColumn = "translation"
    public static let eliminationsColumn = "eliminations"
    public static let totalColumn = "total"

    public var total: [String: Int64] { balances[Self.totalColumn] ?? [:] }
}

extension ConsolidatedSnapshot {
    /// This sub-group's consolidation as one entity of its parent group (IFRS 10 applied level by level): its
    /// total column on the group chart, in `currency`, with its equity at the parent's acquisition as first layer.
    public func asEntity(_ name: String, title: String, currency: CurrencyCode, groupTypes: [String: AccountType],
                         equityAtAcquisition: RatedAmounts, intercompany: [IntercompanyAmount] = []) -> EntitySnapshot {
        let accounts = Set(total.keys).union(equityAtAcquisition.amounts.keys)
        return EntitySnapshot(
            entity: .group(name), name: title, currency: currency, types: groupTypes.filter { accounts.contains($0.key) },
            groupAccounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0, $0) }), balances: total,
            closingRate: DecimalNumber(mantissa: 1, scale: 0), closingLabel: "same currency",
            equityLayers: [equityAtAcquisition], intercompany: intercompany)
    }
}
