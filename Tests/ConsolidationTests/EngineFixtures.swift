import Consolidation
import Core

/// Builds engine inputs from worked examples: amounts in whole units of the example (× 100 minor units).
enum Fixture {
    static let eur = try! CurrencyCode("EUR")
    static let usd = try! CurrencyCode("USD")
    static let one = DecimalNumber(mantissa: 1, scale: 0)

    /// The group chart of the examples: one group account per line of their statements.
    static let chart: [String: AccountType] = [
        "investment": .asset, "goodwill": .asset, "tangible": .asset, "assets": .asset, "inventories": .asset,
        "receivables": .asset, "cash": .asset, "current": .asset,
        "share-capital": .equity, "retained": .equity, "nci": .equity, "cta": .equity,
        "liabilities": .liability, "payables": .liability, "overdraft": .liability,
        "revenue": .revenue, "cost-of-sales": .expense, "expenses": .expense, "nci-result": .expense, "bargain": .revenue,
    ]

    static let accounts = ConsolidationAccountCodes(
        goodwill: "goodwill", translationReserve: "cta", nonControllingInterest: "nci", nonControllingResult: "nci-result",
        bargainPurchase: "bargain", retainedEarnings: "retained")

    static func units(_ n: Double) -> Int64 { Int64((n * 100).rounded()) }

    static func rate(_ text: String) -> DecimalNumber { try! DecimalNumber(parsing: text, field: "rate") }

    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    /// An entity whose accounts are the group chart's own; `balances` debit positive, in whole units.
    static func entity(_ id: String, currency: CurrencyCode = eur, closing: String = "1", opening: String? = nil,
                       _ balances: [String: Double], acquisition: [String: Double] = [:], historical: String = "1",
                       results: [(String, String, [String: Double])] = [], intercompany: [(String, String, Double)] = [])
        -> EntitySnapshot
    {
        let minor = balances.mapValues(units)
        return EntitySnapshot(
            entity: .administration(id), name: id.capitalized, currency: currency,
            types: minor.keys.reduce(into: [:]) { $0[$1] = chart[$1]! },
            groupAccounts: Dictionary(uniqueKeysWithValues: minor.keys.map { ($0, $0) }), balances: minor,
            closingRate: rate(closing), closingLabel: "closing", openingRate: opening.map(rate),
            results: results.map { RatedAmounts(label: $0.0, rate: rate($0.1), amounts: $0.2.mapValues(units)) },
            equityLayers: acquisition.isEmpty ? [] : [RatedAmounts(label: "at acquisition", rate: rate(historical),
                                                                    amounts: acquisition.mapValues(units))],
            intercompany: intercompany.map { IntercompanyAmount(account: $0.0, counterparty: $0.1, amount: units($0.2),
                                                                rate: rate(closing), rateLabel: "closing") })
    }

    static func member(_ id: String, _ ownership: String, acquired: String = "2024-01-01", investment: String = "investment",
                       nci: NCIMeasurement = .proportionate, group: Bool = false) -> GroupMember {
        GroupMember(entity: group ? .group(id) : .administration(id), ownership: rate(ownership), investmentAccount: investment,
                    acquired: day(acquired), nonControllingInterest: nci)
    }

    static func group(_ name: String, parent: String, currency: CurrencyCode = eur, _ members: [GroupMember],
                      unrealisedProfits: [UnrealisedProfit] = []) -> GroupDefinition {
        GroupDefinition(name: name, title: name, currency: currency, chart: "test", parent: parent, members: members,
                        unrealisedProfits: unrealisedProfits)
    }

    static func consolidate(_ group: GroupDefinition, _ entities: [EntitySnapshot], date: String = "2024-12-31",
                            yearStart: String = "2024-01-01") throws -> ConsolidatedSnapshot {
        try ConsolidationEngine(group: group, groupTypes: chart, accounts: accounts)
            .consolidate(entities, date: day(date), yearStart: day(yearStart))
    }
}

extension ConsolidatedSnapshot {
    /// A total in whole units of the example, rounded as published (half away from zero).
    func whole(_ account: String, column: String = ConsolidatedSnapshot.totalColumn) -> Int64 {
        let minor = balances[column]?[account] ?? 0
        return (minor + (minor >= 0 ? 50 : -50)) / 100
    }
}
