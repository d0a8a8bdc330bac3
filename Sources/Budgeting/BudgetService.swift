public import Core
import Foundation
import GitSource
import Ledger
public import Store
import Templates
public import Workspace

/// Budgets of administrations: versions seeded from actuals, another version or nothing; top-down plans; driver
/// models from the template repository; rolling forecasts; CSV a spreadsheet user can edit.
public struct BudgetService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    var ledger: LedgerService { workspace.ledger }

    /// What a new version starts from.
    public enum Seed: Sendable {
        case empty
        /// A fiscal year's actuals, optionally times a factor (1.05).
        case actuals(year: Int, factor: DecimalNumber?)
        case version(String)
    }

    /// A version's amounts, as a report presents them: per account, twelve months and the year.
    public struct Table: Sendable, Codable {
        public struct Row: Sendable, Codable {
            public var account: String
            public var name: String
            /// Minor units, presented (revenue positive).
            public var months: [Int64]
            public var total: Int64
        }

        public var administration: String
        public var version: String
        public var year: Int
        public var currency: CurrencyCode
        public var rows: [Row]
    }

    /// Creates `version` for fiscal `year`, seeded as asked, in one transaction; the first version of a year
    /// becomes the one the administration steers by.
    @discardableResult
    public func create(_ admin: String, version: String, year: Int, seed: Seed, at time: String) async throws
        -> BudgetVersionRecord
    {
        guard !version.trimmingCharacters(in: .whitespaces).isEmpty, !version.contains(",") else {
            throw BudgetingError("a budget version needs a name without commas (\"2027 v1\")")
        }
        return try await ledger.store.write { tx in
            guard try tx.administration(admin) != nil else { throw BudgetingError("administration \(admin) does not exist") }
            let existing = try tx.budgetVersions(admin)
            if existing.contains(where: { $0.version == version && $0.year == year }) {
                throw BudgetingError("budget version '\(version)' for \(year) already exists in \(admin)")
            }
            var months: [String: [Int64]] = [:]
            let basis: String
            switch seed {
            case .empty:
                basis = "empty"
            case .actuals(let from, let factor):
                let types = Dictionary(try tx.accounts(admin).map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a })
                months = try tx.actualMonths(admin, year: from).filter { types[$0.key]?.isBalanceSheet == false }
                if let factor { months = months.mapValues { $0.map(factor.multiply) } }
                basis = "actuals \(from)" + (factor.map { " × \($0)" } ?? "")
                guard !months.isEmpty else { throw BudgetingError("administration \(admin) has no actuals in \(from) to seed from") }
            case .version(let other):
                guard existing.contains(where: { $0.version == other && $0.year == year }) else {
                    throw BudgetingError("budget version '\(other)' for \(year) does not exist in \(admin); versions: "
                        + existing.filter { $0.year == year }.map(\.version).joined(separator: ", "))
                }
                months = try tx.budgetMonths(admin, version: other, year: year)
                basis = "version \(other)"
            }
            let record = BudgetVersionRecord(version: version, year: year, basis: basis, createdAt: time,
                                             active: !existing.contains { $0.year == year && $0.active })
            try tx.saveBudgetVersion(admin, record)
            if record.active { try tx.activateBudget(admin, version: version, year: year) }
            try tx.replaceBudget(admin, version: version, year: year, months: months)
            return record
        }
    }

    public func versions(_ admin: String) async throws -> [BudgetVersionRecord] {
        try await ledger.store.read { tx in try tx.budgetVersions(admin) }
    }

    /// Makes `version` the one reports and the monitor compare with in `year`.
    public func activate(_ admin: String, version: String, year: Int) async throws {
        try await ledger.store.write { tx in
            guard try tx.budgetVersions(admin).contains(where: { $0.version == version && $0.year == year }) else {
                throw BudgetingError("budget version '\(version)' for \(year) does not exist in \(admin)")
            }
            try tx.activateBudget(admin, version: version, year: year)
        }
    }

    /// A version's amounts per account and month, presented.
    public func table(_ admin: String, version: String, year: Int) async throws -> Table {
        try await ledger.store.read { tx in
            guard let a = try tx.administration(admin) else { throw BudgetingError("administration \(admin) does not exist") }
            let accounts = Dictionary(try tx.accounts(admin).map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })
            let months = try tx.budgetMonths(admin, version: version, year: year)
            let known = try tx.budgetVersions(admin).contains { $0.version == version && $0.year == year }
            guard known || !months.isEmpty else {
                throw BudgetingError("budget version '\(version)' for \(year) does not exist in \(admin)")
            }
            let rows = months.keys.sorted().map { code in
                let credit = accounts[code]?.normalSide == .credit
                let shown = months[code]!.map { credit ? -$0 : $0 }
                return Table.Row(account: code, name: accounts[code]?.name ?? "", months: shown, total: shown.reduce(0, +))
            }
            return Table(administration: admin, version: version, year: year, currency: a.currency, rows: rows)
        }
    }

    /// Evaluates `plan` against the administration's chart, P&L lines, actuals and other versions and writes its
    /// accounts into the version (other accounts of the version stay).
    public func apply(_ plan: BudgetPlan, to admin: String) async throws -> Table {
        let profiles = try await self.profiles(admin)
        try await ledger.store.write { tx in
            guard let a = try tx.administration(admin) else { throw BudgetingError("administration \(admin) does not exist") }
            guard try tx.budgetVersions(admin).contains(where: { $0.version == plan.version && $0.year == plan.year }) else {
                throw BudgetingError("budget version '\(plan.version)' for \(plan.year) does not exist in \(admin); "
                    + "create it with `ledgerops budget create \(admin) \"\(plan.version)\" --year \(plan.year)`")
            }
            let inputs = try Self.inputs(tx, a, year: plan.year, version: plan.version, profiles: profiles)
            let computed = try plan.evaluate(inputs)
            var months = try tx.budgetMonths(admin, version: plan.version, year: plan.year)
            for (account, values) in computed { months[account] = values }
            try tx.replaceBudget(admin, version: plan.version, year: plan.year, months: months)
        }
        return try await table(admin, version: plan.version, year: plan.year)
    }

    /// What plans are evaluated against: the chart, the P&L layout's lines, two years of actuals, other versions.
    static func inputs(_ tx: StoreTransaction, _ a: Administration, year: Int, version: String,
                       profiles: [String: SeasonalityProfile]) throws -> BudgetInputs {
        let accounts = try tx.accounts(a.id)
        var lines: [String: (accounts: [String], sign: NormalSide)] = [:]
        for layout in try tx.configItems(a.id, kind: .reports, as: ReportLayout.self) where layout.kind == .profitAndLoss {
            for line in layout.lines {
                guard let selector = line.selector else { continue }
                lines[line.id] = (accounts.filter(selector.selects).map(\.code), line.sign == .credit ? .credit : .debit)
            }
        }
        var actuals: [Int: [String: Int64]] = [:]
        for y in try tx.fiscalYears(a.id).map(\.year) where y < year || y == year {
            actuals[y] = try tx.actualMonths(a.id, year: y).mapValues { $0.reduce(0, +) }
        }
        var versions: [String: [String: Int64]] = [:]
        for v in try tx.budgetVersions(a.id) where v.version != version {
            versions[v.version] = try tx.budgetMonths(a.id, version: v.version, year: v.year).mapValues { $0.reduce(0, +) }
        }
        return BudgetInputs(currency: a.currency, accounts: Dictionary(accounts.map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x }),
                            lines: lines, actuals: actuals, versions: versions, profiles: profiles)
    }

    /// The template revision an administration's budget files are read at: the one its configuration was last
    /// applied at (reviewed), else the tracked branch.
    func revision(_ admin: String) async throws -> String {
        try await ledger.appliedConfiguration(admin)?.revision ?? workspace.settings.branch
    }

    /// Seasonality profiles of `budgets/profiles.yaml` in the template repository.
    public func profiles(_ admin: String) async throws -> [String: SeasonalityProfile] {
        let source = try GitTreeSource(repository: workspace.templates, revision: try await revision(admin))
        guard let bytes = try source.read("budgets/profiles.yaml") else { return [:] }
        return try BudgetFiles.profiles(String(decoding: bytes, as: UTF8.self), file: "budgets/profiles.yaml")
    }
}
