/// The group accounts consolidation books to, every one resolved to a code of the group chart.
public struct ConsolidationAccountCodes: Sendable, Hashable {
    public var goodwill: String
    public var translationReserve: String
    public var nonControllingInterest: String
    public var nonControllingResult: String
    public var bargainPurchase: String
    public var retainedEarnings: String

    public init(goodwill: String, translationReserve: String, nonControllingInterest: String,
                nonControllingResult: String, bargainPurchase: String, retainedEarnings: String) {
        self.goodwill = goodwill
        self.translationReserve = translationReserve
        self.nonControllingInterest = nonControllingInterest
        self.nonControllingResult = nonControllingResult
        self.bargainPurchase = bargainPurchase
        self.retainedEarnings = retainedEarnings
    }
}

extension GroupDefinition {
    /// The group chart as consolidation uses it: `chart`, plus — where the group file names no account and the chart
    /// has none with the RGS code — the consolidation accounts added under their RGS reference numbers, so that
    /// report layouts selecting by RGS place them (the reserve and NCI under equity, NCI's result below the result).
    public func consolidationChart(_ chart: [Account]) throws(CoreError) -> (accounts: [Account], codes: ConsolidationAccountCodes) {
        var accounts = chart
        let codes = Set(chart.map(\.code))
        func resolve(_ named: String?, _ field: String, rgs: String, add: Account?) throws(CoreError) -> String {
            if let named {
                guard codes.contains(named) else {
                    throw CoreError("accounts.\(field)", "groups/\(name).yaml: account \(named) is not in the chart of template \(self.chart)")
                }
                return named
            }
            if let found = chart.filter({ $0.rgsCode?.hasPrefix(rgs) == true && $0.active }).map(\.code).min() { return found }
            guard var extra = add else {
                throw CoreError("accounts.\(field)", "groups/\(name).yaml: the chart of template \(self.chart) has no account "
                    + "with RGS code \(rgs)…; name one under accounts.\(field)")
            }
            while codes.contains(extra.code) || accounts.contains(where: { $0.code == extra.code }) { extra.code += "C" }
            accounts.append(extra)
            return extra.code
        }
        let retained: String
        if let named = self.accounts.retainedEarnings {
            guard codes.contains(named) else {
                throw CoreError("accounts.retainedEarnings", "groups/\(name).yaml: account \(named) is not in the chart of template \(self.chart)")
            }
            retained = named
        } else if let found = chart.first(where: { $0.control == .retainedEarnings })?.code {
            retained = found
        } else {
            throw CoreError("accounts.retainedEarnings", "groups/\(name).yaml: the chart of template \(self.chart) has no "
                + "retained-earnings account; name one under accounts.retainedEarnings")
        }
        let resolved = ConsolidationAccountCodes(
            goodwill: try resolve(self.accounts.goodwill, "goodwill", rgs: "BIvaGoo",
                                  add: Account(code: "01401", name: "Goodwill", type: .asset, normalSide: .debit, rgsCode: "BIvaGooVvp")),
            translationReserve: try resolve(self.accounts.translationReserve, "translationReserve", rgs: "BEivWerKoe",
                                            add: Account(code: "05167", name: "Reserve omrekeningsverschillen", type: .equity,
                                                         normalSide: .credit, rgsCode: "BEivWerKoe")),
            nonControllingInterest: try resolve(self.accounts.nonControllingInterest, "nonControllingInterest", rgs: "BEivAvd",
                                                add: Account(code: "05601", name: "Aandeel van derden", type: .equity,
                                                             normalSide: .credit, rgsCode: "BEivAvdAvd")),
            nonControllingResult: try resolve(self.accounts.nonControllingResult, "nonControllingResult", rgs: "WAadRav",
                                              add: Account(code: "97211", name: "Resultaat aandeel van derden", type: .expense,
                                                           normalSide: .debit, rgsCode: "WAadRavRav")),
            bargainPurchase: try resolve(self.accounts.bargainPurchase, "bargainPurchase", rgs: "WOvb", add: nil),
            retainedEarnings: retained)
        return (accounts, resolved)
    }
}
