public import Core
import GRDB

/// One period's depreciation of one asset, as posted.
public struct DepreciationRecord: Hashable, Sendable {
    public var asset: String
    public var year: Int
    public var period: Int
    public var amount: Int64
    public var entry: Int64

    public init(asset: String, year: Int, period: Int, amount: Int64, entry: Int64) {
        self.asset = asset
        self.year = year
        self.period = period
        self.amount = amount
        self.entry = entry
    }
}

extension StoreTransaction {
    public func insert(_ a: FixedAsset, admin: String) throws {
        let method: String = switch a.method {
        case .straightLine: "straight-line"
        case .decliningBalance(let rate): "declining-balance:\(rate)"
        }
        try execute("""
            INSERT INTO fixed_asset (admin_id, code, description, acquired, depreciation_start, cost, residual, life_months,
                method, asset_account, accumulated_account, expense_account, result_account)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [admin, a.code, a.description, a.acquired.description, a.depreciationStart.description, a.cost, a.residual,
                  a.lifeMonths, method,
                  a.assetAccount, a.accumulatedAccount, a.expenseAccount, a.resultAccount])
    }

    public func fixedAssets(_ admin: String) throws -> [FixedAsset] {
        try rows("SELECT * FROM fixed_asset WHERE admin_id = ? ORDER BY code", [admin]).map { r in
            let methodText: String = r["method"]
            let method: DepreciationMethod
            if methodText.hasPrefix("declining-balance:") {
                method = .decliningBalance(rate: try DecimalNumber(parsing: String(methodText.dropFirst(18)), field: "method"))
            } else {
                method = .straightLine
            }
            let disposed: String? = r["disposed"]
            return FixedAsset(code: r["code"], description: r["description"],
                              acquired: try LocalDate(parsing: r["acquired"]),
                              depreciationStart: try LocalDate(parsing: r["depreciation_start"]), cost: r["cost"],
                              residual: r["residual"],
                              lifeMonths: r["life_months"], method: method, assetAccount: r["asset_account"],
                              accumulatedAccount: r["accumulated_account"], expenseAccount: r["expense_account"],
                              resultAccount: r["result_account"], disposed: try disposed.map { try LocalDate(parsing: $0) },
                              proceeds: r["proceeds"])
        }
    }

    /// Records the disposal of an asset and the entry that booked it.
    public func recordDisposal(_ admin: String, asset: String, date: LocalDate, proceeds: Int64, entry: Int64) throws {
        try execute("UPDATE fixed_asset SET disposed = ?, proceeds = ?, disposal_entry = ? WHERE admin_id = ? AND code = ?",
                    [date.description, proceeds, entry, admin, asset])
    }

    /// Records one period's depreciation of an asset; a second record of the same period fails (the key).
    public func recordDepreciation(_ admin: String, _ record: DepreciationRecord) throws {
        try execute("INSERT INTO depreciation (admin_id, asset, year, period, amount, entry_id) VALUES (?, ?, ?, ?, ?, ?)",
                    [admin, record.asset, record.year, record.period, record.amount, record.entry])
    }

    public func depreciations(_ admin: String) throws -> [DepreciationRecord] {
        try rows("SELECT * FROM depreciation WHERE admin_id = ? ORDER BY asset, year, period", [admin]).map {
            DepreciationRecord(asset: $0["asset"], year: $0["year"], period: $0["period"], amount: $0["amount"],
                               entry: $0["entry_id"])
        }
    }
}
