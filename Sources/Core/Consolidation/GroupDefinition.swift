/// A group of entities consolidated into one picture (`groups/<name>.yaml` in the template repository).
public struct GroupDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var title: String
    /// The currency the group reports in.
    public var currency: CurrencyCode
    /// The template whose chart of accounts and report layouts the consolidated statements use.
    public var chart: String
    /// The administration at the top: consolidated in full, holding the investments in the members.
    public var parent: String
    public var members: [GroupMember]
    /// Explicit account rows where an entity's chart differs from the group chart.
    public var mapping: [AccountMappingRow]
    /// Translation method per group account, overriding its class's default.
    public var translation: [String: TranslationMethod]
    /// The group accounts consolidation books to; unset ones are found in the group chart by RGS code.
    public var accounts: ConsolidationAccounts
    /// Unrealised profit on intragroup stock, as recorded per period.
    public var unrealisedProfits: [UnrealisedProfit]

    public init(name: String, title: String, currency: CurrencyCode, chart: String, parent: String,
                members: [GroupMember], mapping: [AccountMappingRow] = [], translation: [String: TranslationMethod] = [:],
                accounts: ConsolidationAccounts = ConsolidationAccounts(), unrealisedProfits: [UnrealisedProfit] = []) {
        self.name = name
        self.title = title
        self.currency = currency
        self.chart = chart
        self.parent = parent
        self.members = members
        self.mapping = mapping
        self.translation = translation
        self.accounts = accounts
        self.unrealisedProfits = unrealisedProfits
    }

    /// Every entity the group consolidates, the parent first: administrations and sub-groups.
    public var entities: [GroupEntityReference] { [.administration(parent)] + members.map(\.entity) }
}

/// An administration, or a sub-group consolidated first and then taken in as one entity.
public enum GroupEntityReference: Sendable, Hashable, Codable, CustomStringConvertible {
    case administration(String)
    case group(String)

    public var description: String {
        switch self {
        case .administration(let id): id
        case .group(let name): "group \(name)"
        }
    }

    /// A stable key for columns and traces (`nl-ops`, `group:nordic`).
    public var key: String {
        switch self {
        case .administration(let id): id
        case .group(let name): "group:\(name)"
        }
    }
}

/// A subsidiary (or sub-group) of the group's parent.
public struct GroupMember: Sendable, Hashable, Codable {
    public var entity: GroupEntityReference
    /// The parent's share, in percent (e.g. 80).
    public var ownership: DecimalNumber
    /// The parent's account holding the investment in this member (its cost).
    public var investmentAccount: String
    /// The acquisition date; equity before it is pre-acquisition equity.
    public var acquired: LocalDate
    /// The member's net assets at acquisition in its own currency, when its books in LedgerOps do not reach back
    /// to that date; else they are read from its ledger.
    public var equityAtAcquisition: DecimalNumber?
    /// The rate at acquisition (units of the member's currency per unit of the group's), for equity at historical
    /// rate; default: the closing rate of the acquisition's month.
    public var rateAtAcquisition: DecimalNumber?
    /// How non-controlling interests are measured at acquisition.
    public var nonControllingInterest: NCIMeasurement

    public init(entity: GroupEntityReference, ownership: DecimalNumber, investmentAccount: String, acquired: LocalDate,
                equityAtAcquisition: DecimalNumber? = nil, rateAtAcquisition: DecimalNumber? = nil,
                nonControllingInterest: NCIMeasurement = .proportionate) {
        self.entity = entity
        self.ownership = ownership
        self.investmentAccount = investmentAccount
        self.acquired = acquired
        self.equityAtAcquisition = equityAtAcquisition
        self.rateAtAcquisition = rateAtAcquisition
        self.nonControllingInterest = nonControllingInterest
    }

    /// The non-controlling interests' share, in percent: 100 less the parent's.
    public var nonControllingPercent: DecimalNumber {
        DecimalNumber(mantissa: 100 * DecimalNumber.powerOfTen(ownership.scale) - ownership.mantissa, scale: ownership.scale)
    }
}

/// IFRS 3.19: NCI at its share of the identifiable net assets, or at fair value (full goodwill).
public enum NCIMeasurement: Sendable, Hashable, Codable {
    case proportionate
    /// Fair value at acquisition, in the group's currency (minor units).
    case fairValue(Int64)
}

/// IAS 21.39: which rate an account is translated at.
public enum TranslationMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case closing, average, historical

    /// The default for an account class: assets and liabilities at closing, income and expenses at average,
    /// equity at historical rates.
    public static func `default`(for type: AccountType) -> TranslationMethod {
        switch type {
        case .asset, .liability: .closing
        case .revenue, .expense: .average
        case .equity: .historical
        }
    }
}

/// One explicit mapping: an entity's account onto a group account.
public struct AccountMappingRow: Sendable, Hashable, Codable {
    public var administration: String
    public var account: String
    public var groupAccount: String

    public init(administration: String, account: String, groupAccount: String) {
        self.administration = administration
        self.account = account
        self.groupAccount = groupAccount
    }
}

/// The group accounts consolidation entries go to.
public struct ConsolidationAccounts: Sendable, Hashable, Codable {
    public var goodwill: String?
    public var translationReserve: String?
    public var nonControllingInterest: String?
    /// The P&L allocation of the result to non-controlling interests (below the result line).
    public var nonControllingResult: String?
    /// Where a gain on a bargain purchase goes (IFRS 3.34) in the year of acquisition.
    public var bargainPurchase: String?
    /// The group's retained earnings: post-acquisition reserves of earlier years.
    public var retainedEarnings: String?

    public init(goodwill: String? = nil, translationReserve: String? = nil, nonControllingInterest: String? = nil,
                nonControllingResult: String? = nil, bargainPurchase: String? = nil, retainedEarnings: String? = nil) {
        self.goodwill = goodwill
        self.translationReserve = translationReserve
        self.nonControllingInterest = nonControllingInterest
        self.nonControllingResult = nonControllingResult
        self.bargainPurchase = bargainPurchase
        self.retainedEarnings = retainedEarnings
    }
}

/// Profit on intragroup stock still held by the buyer at a period end: eliminated from stock and result.
public struct UnrealisedProfit: Sendable, Hashable, Codable {
    /// The period end it is recorded for (`2026-12`): it applies to consolidations ending in that month.
    public var year: Int
    public var month: Int
    public var seller: String
    public var buyer: String
    /// The profit, in the group's currency (minor units).
    public var amount: Int64
    /// The group accounts of the stock and of the cost of sales.
    public var inventoryAccount: String
    public var costAccount: String

    public init(year: Int, month: Int, seller: String, buyer: String, amount: Int64, inventoryAccount: String,
                costAccount: String) {
        self.year = year
        self.month = month
        self.seller = seller
        self.buyer = buyer
        self.amount = amount
        self.inventoryAccount = inventoryAccount
        self.costAccount = costAccount
    }
}
