import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops asset`: the fixed-asset register, depreciation runs and disposals.
struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Fixed assets: register, depreciation, disposal.",
        subcommands: [Add.self, List.self, Depreciate.self, Dispose.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an asset to the register.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Asset code.") var code: String
        @Option(help: "What it is.") var description: String
        @Option(help: "Acquisition date (YYYY-MM-DD).") var acquired: String
        @Option(help: "First month depreciated (YYYY-MM; default: the fixed-assets.depreciation-start setting).") var start: String?
        @Option(help: "Acquisition cost (1234.56).") var cost: String
        @Option(help: "Life in months.") var lifeMonths: Int
        @Option(help: "Residual value at the end of the life.") var residual: String = "0"
        @Option(help: "straight-line, or declining-balance with --rate.") var method: String = "straight-line"
        @Option(help: "Declining-balance rate, % a year.") var rate: String?
        @Option(help: "Balance-sheet account of the cost (e.g. 02251).") var assetAccount: String
        @Option(help: "Accumulated depreciation account (default: found through RGS).") var accumulatedAccount: String?
        @Option(help: "Depreciation expense account (default: found through RGS).") var expenseAccount: String?
        @Option(help: "Book result account for disposals (default: found through RGS).") var resultAccount: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let ledger = try global.openWorkspace().ledger
                let currency = try await ledger.summary(admin).administration.currency
                let found = FixedAssetAccounts(assetAccount: assetAccount, chart: try await ledger.accounts(admin))
                func pick(_ given: String?, _ default: String?, _ flag: String) throws -> String {
                    guard let code = given ?? `default` else {
                        throw ValidationError("no default for \(flag): account \(assetAccount) has no RGS sibling; give \(flag)")
                    }
                    return code
                }
                let method: DepreciationMethod
                switch self.method {
                case "straight-line": method = .straightLine
                case "declining-balance":
                    guard let rate else { throw ValidationError("declining-balance needs --rate") }
                    method = .decliningBalance(rate: try DecimalNumber(parsing: rate, field: "--rate"))
                default: throw ValidationError("--method must be straight-line or declining-balance")
                }
                let acquiredOn = try LocalDate(parsing: acquired, field: "--acquired")
                let byDefault = try await ledger.depreciationStart(for: acquiredOn, in: admin)
                let firstMonth = try start.map { try DateRange.parse($0, field: "--start", end: false) } ?? byDefault
                let asset = FixedAsset(
                    code: code, description: description, acquired: acquiredOn, depreciationStart: firstMonth,
                    cost: try Money(parsing: cost, currency: currency, field: "--cost").minorUnits,
                    residual: try Money(parsing: residual, currency: currency, field: "--residual").minorUnits,
                    lifeMonths: lifeMonths, method: method, assetAccount: assetAccount,
                    accumulatedAccount: try pick(accumulatedAccount, found.accumulated, "--accumulated-account"),
                    expenseAccount: try pick(expenseAccount, found.expense, "--expense-account"),
                    resultAccount: try pick(resultAccount, found.result, "--result-account"))
                try await ledger.addAsset(asset, to: admin)
                print("Added \(code) to the register of \(admin): \(Money.formatGrouped(asset.cost, digits: currency.minorDigits)) "
                    + "over \(lifeMonths) months (\(method.name)) from \(String(asset.depreciationStart.description.prefix(7))), "
                    + "depreciation \(asset.expenseAccount) / \(asset.accumulatedAccount)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The register with depreciation to date and book value.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let ledger = try global.openWorkspace().ledger
                let digits = try await ledger.summary(admin).administration.currency.minorDigits
                let assets = try await ledger.assets(admin)
                let posted = Dictionary(grouping: try await ledger.depreciations(admin), by: \.asset)
                    .mapValues { $0.reduce(0) { $0 + $1.amount } }
                if json { return try printJSON(assets) }
                func f(_ v: Int64) -> String { Money.formatGrouped(v, digits: digits) }
                var t = TextTable(["code", "description", "acquired", "cost", "depreciated", "book value", "method", "status"],
                                  rightAligned: [3, 4, 5])
                for a in assets {
                    let done = posted[a.code] ?? 0
                    t.add([a.code, String(a.description.prefix(30)), "\(a.acquired)", f(a.cost), f(done),
                           a.disposed == nil ? f(a.cost - done) : "", a.method.name,
                           a.disposed.map { "disposed \($0)" } ?? (done == a.cost - a.residual ? "fully depreciated" : "in use")])
                }
                print(assets.isEmpty ? "No fixed assets in \(admin)" : t.render())
            }
        }
    }

    struct Depreciate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Post depreciation not yet posted, up to a month.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "Last month to depreciate (YYYY-MM; default: the month of today).") var through: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let ledger = try global.openWorkspace().ledger
                let month = try through.map { try DateRange.parse($0, field: "--through", end: true) } ?? global.todayDate()
                let run = try await ledger.depreciate(admin, through: month)
                let digits = try await ledger.summary(admin).administration.currency.minorDigits
                print(run.entries.isEmpty ? "Nothing to depreciate in \(admin) up to \(month)"
                    : "Posted \(run.entries.count) depreciation entries (\(run.entries.map { "#\($0.number)" }.joined(separator: ", "))): "
                        + "\(Money.formatGrouped(run.total, digits: digits)) over \(run.perAsset.count) assets")
            }
        }
    }

    struct Dispose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sell or scrap an asset: catch up depreciation, book the result.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Asset code.") var code: String
        @Option(help: "Disposal date (YYYY-MM-DD).") var date: String
        @Option(help: "Proceeds (0 when scrapped).") var proceeds: String = "0"
        @Option(help: "Account the proceeds arrive on (bank or receivable).") var proceedsAccount: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let ledger = try global.openWorkspace().ledger
                let currency = try await ledger.summary(admin).administration.currency
                let amount = try Money(parsing: proceeds, currency: currency, field: "--proceeds").minorUnits
                guard amount == 0 || proceedsAccount != nil else { throw ValidationError("proceeds need --proceeds-account") }
                let entry = try await ledger.dispose(code, in: admin, on: try LocalDate(parsing: date, field: "--date"),
                                                     proceeds: amount, proceedsAccount: proceedsAccount ?? "")
                print("Disposed of \(code): entry #\(entry.number)")
            }
        }
    }
}
