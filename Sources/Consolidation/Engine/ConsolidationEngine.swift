public import Core

/// Consolidates a group at one date from its entities' snapshots: translation (IAS 21), elimination of each
/// investment against the member's equity at acquisition with goodwill and non-controlling interests (IFRS 3 and
/// 10), intercompany balances and results, and unrealised profit on intragroup stock. Pure: no I/O.
public struct ConsolidationEngine: Sendable {
    public let group: GroupDefinition
    /// The group chart: each group account's type.
    public let groupTypes: [String: AccountType]
    /// The consolidation accounts, every one resolved.
    public let accounts: ConsolidationAccountCodes

    public init(group: GroupDefinition, groupTypes: [String: AccountType], accounts: ConsolidationAccountCodes) {
        self.group = group
        self.groupTypes = groupTypes
        self.accounts = accounts
    }

    /// The consolidation at `date` (the end of a month), in a fiscal year that started on `yearStart`.
    /// `entities` holds the parent first, then one snapshot per member in the group file's order.
    public func consolidate(_ entities: [EntitySnapshot], date: LocalDate, yearStart: LocalDate)
        throws(ConsolidationError) -> ConsolidatedSnapshot
    {
        guard let parent = entities.first, parent.entity == .administration(group.parent) else {
            throw ConsolidationError("group \(group.name): the parent \(group.parent) must come first")
        }
        guard parent.currency == group.currency else {
            throw ConsolidationError("group \(group.name): the parent \(group.parent) keeps its books in "
                + "\(parent.currency), the group reports in \(group.currency); make the parent an entity in \(group.currency)")
        }
        var columns: [String] = []
        var balances: [String: [String: Int64]] = [:]
        var translated: [String: [String: Int64]] = [:]
        var translations: [TranslationAnalysis] = []
        var cta: [String: Int64] = [:]
        for entity in entities {
            let key = entity.entity.key
            let (amounts, analysis) = try translate(entity)
            translated[key] = amounts
            var column: [String: Int64] = [:]
            for (account, value) in amounts where value != 0 {
                column[try groupAccount(account, of: entity), default: 0] += value
            }
            columns.append(key)
            balances[key] = column
            if let analysis {
                translations.append(analysis)
                cta[key] = analysis.reserve
            }
        }
        var translationColumn: [String: Int64] = [:]
        for (_, reserve) in cta { translationColumn[accounts.translationReserve, default: 0] -= reserve }

        var book = Eliminations(engine: self, entities: entities, translated: translated, reserves: cta,
                                date: date, yearStart: yearStart)
        for (index, member) in group.members.enumerated() {
            try book.eliminateInvestment(member, snapshot: entities[index + 1])
        }
        book.eliminateIntercompany()
        book.eliminateUnrealisedProfit()

        var eliminations: [String: Int64] = [:]
        for adjustment in book.adjustments {
            for line in adjustment.lines { eliminations[line.account, default: 0] += line.amount }
        }
        var total: [String: Int64] = [:]
        for column in columns.compactMap({ balances[$0] }) + [translationColumn, eliminations] {
            for (account, value) in column { total[account, default: 0] += value }
        }
        balances[ConsolidatedSnapshot.translationColumn] = translationColumn
        balances[ConsolidatedSnapshot.eliminationsColumn] = eliminations
        balances[ConsolidatedSnapshot.totalColumn] = total.filter { $0.value != 0 }
        let unbalanced = total.values.reduce(0, +)
        guard unbalanced == 0 else {
            throw ConsolidationError("group \(group.name) on \(date): the consolidated balances are off by \(unbalanced) "
                + "minor units; an entity's books do not balance")
        }
        return ConsolidatedSnapshot(
            date: date, columns: columns + [ConsolidatedSnapshot.translationColumn, ConsolidatedSnapshot.eliminationsColumn,
                                            ConsolidatedSnapshot.totalColumn],
            balances: balances, adjustments: book.adjustments, mismatches: book.mismatches, translations: translations,
            nonControllingResult: book.nonControllingResult)
    }

    func groupAccount(_ account: String, of entity: EntitySnapshot) throws(ConsolidationError) -> String {
        guard let mapped = entity.groupAccounts[account] else {
            throw ConsolidationError("group \(group.name): account \(account) of \(entity.entity) has no group account; "
                + "give it an RGS code the group chart has, or a mapping row in groups/\(group.name).yaml")
        }
        return mapped
    }
}
