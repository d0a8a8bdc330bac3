import Core

/// The eliminations column of one consolidation, entry by entry.
struct Eliminations {
    let engine: ConsolidationEngine
    let entities: [EntitySnapshot]
    /// Per entity key, its balances in the group's currency by own account.
    let translated: [String: [String: Int64]]
    /// Per foreign entity key, its translation reserve (credit positive).
    let reserves: [String: Int64]
    let date: LocalDate
    let yearStart: LocalDate
    var adjustments: [ConsolidationAdjustment] = []
    var mismatches: [IntercompanyMismatch] = []
    var nonControllingResult: Int64 = 0

    init(engine: ConsolidationEngine, entities: [EntitySnapshot], translated: [String: [String: Int64]],
         reserves: [String: Int64], date: LocalDate, yearStart: LocalDate) {
        self.engine = engine
        self.entities = entities
        self.translated = translated
        self.reserves = reserves
        self.date = date
        self.yearStart = yearStart
    }

    var group: GroupDefinition { engine.group }
    var accounts: ConsolidationAccountCodes { engine.accounts }
    var currency: CurrencyCode { group.currency }

    func money(_ amount: Int64) -> String { Money.format(amount, digits: currency.minorDigits) + " \(currency)" }

    /// `amount × percent / 100`, rounded half away from zero.
    static func share(_ amount: Int64, _ percent: DecimalNumber) -> Int64 { percent.percentOf(amount) }

    /// IFRS 3 and 10: the parent's investment against the member's equity at acquisition, with goodwill (or a
    /// bargain purchase) and non-controlling interests at acquisition; then the NCI's share of what the member
    /// earned and of its translation reserve since.
    mutating func eliminateInvestment(_ member: GroupMember, snapshot e: EntitySnapshot) throws(ConsolidationError) {
        let parent = entities[0]
        let key = e.entity.key
        let own = member.ownership
        guard own.mantissa > 0, own.mantissa <= 100 * DecimalNumber.powerOfTen(own.scale) else {
            throw ConsolidationError("group \(group.name): the ownership of \(e.entity) must be above 0 and at most 100%")
        }
        let nciPercent = member.nonControllingPercent
        let cost = translated[parent.entity.key]?[member.investmentAccount] ?? 0
        guard cost != 0 else {
            throw ConsolidationError("group \(group.name): \(group.parent) has nothing on account \(member.investmentAccount), "
                + "the investment in \(e.entity); book the investment or correct the account in groups/\(group.name).yaml")
        }
        let investmentAccount = try engine.groupAccount(member.investmentAccount, of: parent)
        guard let atAcquisition = e.equityLayers.first else {
            throw ConsolidationError("group \(group.name): the equity of \(e.entity) at acquisition (\(member.acquired)) is unknown")
        }
        let from = e.currency.minorDigits, to = currency.minorDigits
        var lines: [ConsolidationAdjustment.Line] = []
        var sources: [String] = ["\(group.parent) \(member.investmentAccount): investment \(money(cost))"]
        var netAssetsAtAcquisition: Int64 = 0
        for (account, amount) in atAcquisition.amounts.sorted(by: { $0.key < $1.key }) where amount != 0 {
            let value = e.currency == currency ? amount : atAcquisition.rate.translate(amount, fromDigits: from, toDigits: to)
            netAssetsAtAcquisition -= value
            lines.append(.init(account: try engine.groupAccount(account, of: e), amount: -value,
                               note: "\(key) \(account) at acquisition"))
            sources.append("\(key) \(account): \(Money.format(amount, digits: from)) \(e.currency)"
                + (e.currency == currency ? "" : " at \(atAcquisition.rate) (\(atAcquisition.label))"))
        }
        let nciAtAcquisition: Int64 = switch member.nonControllingInterest {
        case .proportionate: Self.share(netAssetsAtAcquisition, nciPercent)
        case .fairValue(let value): value
        }
        let goodwill = cost + nciAtAcquisition - netAssetsAtAcquisition
        lines.append(.init(account: investmentAccount, amount: -cost, note: "investment in \(key)"))
        if nciAtAcquisition != 0 {
            lines.append(.init(account: accounts.nonControllingInterest, amount: -nciAtAcquisition,
                               note: "non-controlling interests at acquisition (\(nciPercent)%)"))
        }
        if goodwill >= 0 {
            lines.append(.init(account: accounts.goodwill, amount: goodwill, note: "goodwill on \(key)"))
        } else {
            let inThisYear = member.acquired >= yearStart
            lines.append(.init(account: inThisYear ? accounts.bargainPurchase : accounts.retainedEarnings, amount: goodwill,
                               note: "gain on a bargain purchase of \(key)"))
        }
        adjustments.append(ConsolidationAdjustment(
            kind: .investment,
            description: "Investment in \(e.name) (\(own)%) against its equity at acquisition on \(member.acquired): "
                + "net assets \(money(netAssetsAtAcquisition)), " + (goodwill >= 0 ? "goodwill \(money(goodwill))"
                    : "bargain purchase \(money(-goodwill))"),
            lines: lines, sources: sources))

        // Goodwill of a foreign operation is its asset, in its currency (IAS 21.47): retranslated at closing.
        if e.currency != currency, goodwill > 0 {
            let inOwnCurrency = atAcquisition.rate.convert(goodwill, fromDigits: to, toDigits: from)
            let atClosing = e.closingRate.translate(inOwnCurrency, fromDigits: from, toDigits: to)
            if atClosing != goodwill {
                adjustments.append(ConsolidationAdjustment(
                    kind: .goodwillTranslation,
                    description: "Goodwill on \(e.name) retranslated at the closing rate \(e.closingRate)",
                    lines: [.init(account: accounts.goodwill, amount: atClosing - goodwill, note: "goodwill at closing rate"),
                            .init(account: accounts.translationReserve, amount: goodwill - atClosing,
                                  note: "translation difference on goodwill")],
                    sources: ["goodwill \(Money.format(inOwnCurrency, digits: from)) \(e.currency) at \(atAcquisition.rate) "
                              + "and at \(e.closingRate)"]))
            }
        }
        try shareWithNonControllingInterests(member, e, nciPercent: nciPercent,
                                            netAssetsAtAcquisition: netAssetsAtAcquisition)
    }

    /// The NCI's share of the member's equity growth since acquisition, of its result to date and of its
    /// translation reserve; for a sub-group measured proportionately, without its share of the sub-group's goodwill.
    private mutating func shareWithNonControllingInterests(_ member: GroupMember, _ e: EntitySnapshot,
                                                           nciPercent: DecimalNumber, netAssetsAtAcquisition: Int64)
        throws(ConsolidationError)
    {
        guard nciPercent.mantissa > 0 else { return }
        let key = e.entity.key
        var equity: Int64 = 0, result: Int64 = 0
        for (account, value) in translated[key] ?? [:] {
            let groupAccount = try engine.groupAccount(account, of: e)
            if groupAccount == accounts.nonControllingInterest || groupAccount == accounts.translationReserve { continue }
            switch e.types[account] {
            case .equity: equity -= value
            case .revenue, .expense: result -= value
            default: break
            }
        }
        let reserve = reserves[key] ?? -(e.entity.isGroup ? (translated[key]?.first { k, _ in
            (try? engine.groupAccount(k, of: e)) == accounts.translationReserve }?.value ?? 0) : 0)
        let grown = equity - netAssetsAtAcquisition
        let shares: [(Int64, String, String)] = [
            (Self.share(grown, nciPercent), accounts.retainedEarnings, "equity earned since acquisition"),
            (Self.share(result, nciPercent), accounts.nonControllingResult, "result to date"),
            (Self.share(reserve, nciPercent), accounts.translationReserve, "translation reserve"),
        ]
        var lines: [ConsolidationAdjustment.Line] = []
        for (amount, account, what) in shares where amount != 0 {
            lines.append(.init(account: account, amount: amount, note: "\(nciPercent)% of \(key)'s \(what)"))
            lines.append(.init(account: accounts.nonControllingInterest, amount: -amount, note: "non-controlling interests"))
        }
        nonControllingResult += Self.share(result, nciPercent)
        if e.entity.isGroup, member.nonControllingInterest == .proportionate,
           let goodwill = translated[key]?.first(where: { k, _ in (try? engine.groupAccount(k, of: e)) == accounts.goodwill })?.value,
           goodwill != 0 {
            // Proportionate NCI is a share of identifiable net assets: the sub-group's goodwill is not one of them.
            let excluded = Self.share(goodwill, nciPercent)
            lines.append(.init(account: accounts.nonControllingInterest, amount: excluded,
                               note: "NCI measured proportionately takes no part in \(key)'s goodwill"))
            lines.append(.init(account: accounts.goodwill, amount: -excluded, note: "goodwill attributable to NCI, not recognised"))
        }
        guard !lines.isEmpty else { return }
        adjustments.append(ConsolidationAdjustment(
            kind: .nonControllingInterest,
            description: "Non-controlling interests (\(nciPercent)%) in \(e.name) since acquisition",
            lines: lines,
            sources: ["\(key): equity \(money(equity)) against \(money(netAssetsAtAcquisition)) at acquisition",
                      "\(key): result to date \(money(result))", "\(key): translation reserve \(money(reserve))"]))
    }
}

extension GroupEntityReference {
    var isGroup: Bool { if case .group = self { true } else { false } }
}
