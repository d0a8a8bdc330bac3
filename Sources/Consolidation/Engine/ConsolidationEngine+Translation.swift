import Core

extension ConsolidationEngine {
    /// The entity's balances in the group's currency, per own account, and — for a foreign entity — how its
    /// translation reserve arises. Domestic entities pass unchanged.
    func translate(_ e: EntitySnapshot) throws(ConsolidationError) -> ([String: Int64], TranslationAnalysis?) {
        let own = e.balances.values.reduce(0, +)
        guard own == 0 else {
            throw ConsolidationError("the books of \(e.entity) do not balance in \(e.currency) (off by \(own) minor units)")
        }
        guard e.currency != group.currency else { return (e.balances, nil) }
        let from = e.currency.minorDigits, to = group.currency.minorDigits
        func at(_ rate: DecimalNumber, _ amount: Int64) -> Int64 { rate.translate(amount, fromDigits: from, toDigits: to) }
        let historical = e.equityLayers.first?.rate ?? e.closingRate
        var result: [String: Int64] = [:]
        var trace: [TranslatedLine] = []
        func part(_ label: String, _ rate: DecimalNumber, _ amount: Int64) -> String {
            "\(label) \(rate): " + Money.formatGrouped(amount, digits: from)
        }
        for (account, balance) in e.balances.sorted(by: { $0.key < $1.key }) where balance != 0 {
            let type = e.types[account] ?? .asset
            let method = e.groupAccounts[account].flatMap { group.translation[$0] } ?? TranslationMethod.default(for: type)
            var value: Int64 = 0
            var explained: Int64 = 0
            var rates: [String] = []
            if method == .closing {
                value = at(e.closingRate, balance)
                explained = balance
                rates.append(part(e.closingLabel, e.closingRate, balance))
            } else {
                let layers = method == .historical ? e.equityLayers : []
                for slice in layers + e.results {
                    guard let amount = slice.amounts[account], amount != 0 else { continue }
                    value += at(slice.rate, amount)
                    explained += amount
                    rates.append(part(slice.label, slice.rate, amount))
                }
            }
            // What the layers and slices do not explain (an account outside its class's usual movements) goes at
            // the historical rate for equity, else at the closing rate.
            if explained != balance {
                let rate = method == .historical ? historical : e.closingRate
                value += at(rate, balance - explained)
                rates.append(part(method == .historical ? "historical" : e.closingLabel, rate, balance - explained))
            }
            result[account] = value
            trace.append(TranslatedLine(account: account, balance: balance, method: method, rates: rates, translated: value))
        }
        let reserve = result.values.reduce(0, +)
        let openingNetAssets = -e.equityLayers.reduce(0) { $0 + $1.amounts.values.reduce(0, +) }
        let layersTranslated = e.equityLayers.reduce(Int64(0)) { sum, layer in
            sum + layer.amounts.values.reduce(0) { $0 + at(layer.rate, $1) }
        }
        let openingRate = e.openingRate ?? historical
        let reserveAtStart = at(openingRate, openingNetAssets) + layersTranslated
        var fromMovements: Int64 = 0
        for slice in e.results {
            let net = -slice.amounts.values.reduce(0, +)
            fromMovements += at(e.closingRate, net) + slice.amounts.values.reduce(0) { $0 + at(slice.rate, $1) }
        }
        let analysis = TranslationAnalysis(
            entity: e.entity.key, currency: e.currency, reserve: reserve, openingNetAssets: openingNetAssets,
            openingRate: openingRate,
            fromOpeningNetAssets: at(e.closingRate, openingNetAssets) - at(openingRate, openingNetAssets),
            fromMovements: fromMovements, reserveAtStart: reserveAtStart, lines: trace)
        return (result, analysis)
    }
}
