public import Core

/// The accounts an asset's depreciation and disposal usually post to, found in the chart through RGS: an asset on
/// `BMvaBeiVvp` (inventaris) has its depreciation on `BMvaBeiCae`, its charge on `WAfsAmvBei` and its book result on
/// `WAfsRvmBei`. Nil where the chart has no such account; the user then names it.
public struct FixedAssetAccounts: Sendable, Equatable {
    public var accumulated: String?
    public var expense: String?
    public var result: String?

    public init(assetAccount: String, chart accounts: [Account]) {
        let byRGS = Dictionary(accounts.compactMap { a in a.rgsCode.map { ($0, a.code) } }, uniquingKeysWith: { a, _ in a })
        guard let rgs = accounts.first(where: { $0.code == assetAccount })?.rgsCode, rgs.count >= 7,
              rgs.hasPrefix("BMva") || rgs.hasPrefix("BIva")
        else {
            self.init(accumulated: nil, expense: nil, result: nil)
            return
        }
        let group = String(rgs.prefix(4)), category = String(rgs.dropFirst(4).prefix(3))
        let tangible = group == "BMva"
        self.init(accumulated: byRGS["\(group)\(category)Cae"] ?? byRGS["\(group)\(category)Cam"],
                  expense: byRGS[(tangible ? "WAfsAmv" : "WAfsAiv") + category],
                  result: byRGS[(tangible ? "WAfsRvm" : "WAfsRiv") + category])
    }

    public init(accumulated: String?, expense: String?, result: String?) {
        self.accumulated = accumulated
        self.expense = expense
        self.result = result
    }
}
