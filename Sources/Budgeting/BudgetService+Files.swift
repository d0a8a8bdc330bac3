public import Core
import Foundation
import GitSource
import Ledger
public import Store
import Templates

extension BudgetService {
    /// The driver model for an administration: `budgets/administrations/ADMIN.yaml`, else its cluster's
    /// `budgets/clusters/CLUSTER.yaml`, at the revision its configuration was last applied.
    public func driverModel(_ admin: String) async throws -> DriverModel {
        let administrations = try await ledger.administrations()
        guard let a = administrations.first(where: { $0.id == admin }) else {
            throw BudgetingError("administration \(admin) does not exist")
        }
        let source = try GitTreeSource(repository: workspace.templates, revision: try await revision(admin))
        let paths = ["budgets/administrations/\(admin).yaml"] + (a.cluster.map { ["budgets/clusters/\($0).yaml"] } ?? [])
        for path in paths {
            if let bytes = try source.read(path) {
                return try DriverModel.parse(String(decoding: bytes, as: UTF8.self), file: path, currency: a.currency)
            }
        }
        throw BudgetingError("no driver model for \(admin): add " + paths.joined(separator: " or ") + " to the template repository")
    }

    /// Runs the administration's driver model for `year` and writes its P&L into `version` (replacing the
    /// version's amounts); returns the model's balance sheets and cash flows as well.
    public func applyDrivers(_ admin: String, version: String, year: Int, at time: String) async throws -> DriverResult {
        let model = try await driverModel(admin)
        return try await ledger.store.write { tx in
            guard let a = try tx.administration(admin) else { throw BudgetingError("administration \(admin) does not exist") }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            let accounts = Dictionary(try tx.accounts(admin).map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })
            let result = try model.evaluate(yearStart: calendar.startOfYear(year), accounts: accounts, currency: a.currency)
            let versions = try tx.budgetVersions(admin)
            let record = BudgetVersionRecord(version: version, year: year, basis: "drivers \(model.file)", createdAt: time,
                                             active: !versions.contains { $0.year == year && $0.active })
            try tx.saveBudgetVersion(admin, record)
            if record.active { try tx.activateBudget(admin, version: version, year: year) }
            try tx.replaceBudget(admin, version: version, year: year, months: result.profitAndLoss)
            return result
        }
    }

    /// A rolling forecast: `name` for `year` holds the actuals of the periods before `start` and `version`'s budget
    /// from `start` on.
    @discardableResult
    public func forecast(_ admin: String, from version: String, year: Int, start: LocalDate, as name: String, at time: String)
        async throws -> BudgetVersionRecord
    {
        try await ledger.store.write { tx in
            guard let a = try tx.administration(admin) else { throw BudgetingError("administration \(admin) does not exist") }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            guard calendar.fiscalYear(containing: start) == year, start.day == 1 else {
                throw BudgetingError("the projection starts on the first of a month of fiscal year \(year), not \(start)")
            }
            guard try tx.budgetVersions(admin).contains(where: { $0.version == version && $0.year == year }) else {
                throw BudgetingError("budget version '\(version)' for \(year) does not exist in \(admin)")
            }
            let first = calendar.periodNumber(containing: start)
            let types = Dictionary(try tx.accounts(admin).map { ($0.code, $0.type) }, uniquingKeysWith: { x, _ in x })
            let actual = try tx.actualMonths(admin, year: year).filter { types[$0.key]?.isBalanceSheet == false }
            let budget = try tx.budgetMonths(admin, version: version, year: year)
            var months: [String: [Int64]] = [:]
            for account in Set(actual.keys).union(budget.keys) {
                months[account] = (0..<12).map { i in i + 1 < first ? actual[account]?[i] ?? 0 : budget[account]?[i] ?? 0 }
            }
            let record = BudgetVersionRecord(version: name, year: year, basis: "forecast: actuals to \(start.adding(days: -1)), "
                                             + "\(version) from \(start)", createdAt: time, active: false)
            try tx.saveBudgetVersion(admin, record)
            try tx.replaceBudget(admin, version: name, year: year, months: months)
            return record
        }
    }

    /// The version as CSV: `account,name,1…12,total`, amounts as a report presents them (revenue positive).
    public func exportCSV(_ admin: String, version: String, year: Int) async throws -> String {
        let table = try await table(admin, version: version, year: year)
        let digits = table.currency.minorDigits
        func field(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var out = "account,name," + (1...12).map(String.init).joined(separator: ",") + ",total\n"
        for row in table.rows {
            out += ([field(row.account), field(row.name)] + (row.months + [row.total]).map { Money.format($0, digits: digits) })
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// Reads such a CSV into `version` (replacing its amounts): every row, or — when one is wrong — none, with the
    /// file, line and field named. A total, when given, must match the months.
    @discardableResult
    public func importCSV(_ admin: String, version: String, year: Int, text: String, file: String, at time: String)
        async throws -> Int
    {
        let parsed: [CSVReader.Record]
        do { parsed = try CSVReader().records(in: text, file: file) } catch { throw BudgetingError(error.message) }
        guard let header = parsed.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              header.count >= 14, header[0] == "account", header[1] == "name",
              header[2..<14] == ArraySlice((1...12).map(String.init))
        else { throw BudgetingError("\(file), line 1: the header must be account,name,1,…,12[,total]") }
        return try await ledger.store.write { tx in
            guard let a = try tx.administration(admin) else { throw BudgetingError("administration \(admin) does not exist") }
            let accounts = Dictionary(try tx.accounts(admin).map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })
            var months: [String: [Int64]] = [:]
            for entry in parsed.dropFirst() where !(entry.fields.count == 1 && entry.fields[0].isEmpty) {
                let record = entry.fields
                let place = "\(file), line \(entry.line)"
                guard record.count == header.count else {
                    throw BudgetingError("\(place): \(record.count) fields, the header has \(header.count)")
                }
                let code = record[0].trimmingCharacters(in: .whitespaces)
                guard let account = accounts[code] else { throw BudgetingError("\(place), field account: \(code) is not in the chart") }
                guard !account.type.isBalanceSheet else {
                    throw BudgetingError("\(place), field account: \(code) is a balance-sheet account; budgets are for P&L accounts")
                }
                guard months[code] == nil else { throw BudgetingError("\(place), field account: \(code) appears twice") }
                var values: [Int64] = []
                for (offset, text) in record[2..<14].enumerated() {
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty { values.append(0); continue }
                    do { values.append(try Money(parsing: trimmed, currency: a.currency, field: "\(offset + 1)").minorUnits) } catch {
                        throw BudgetingError("\(place), field \(offset + 1): '\(trimmed)' is not an amount in \(a.currency) (write 1250.00)")
                    }
                }
                if header.count > 14, !record[14].trimmingCharacters(in: .whitespaces).isEmpty {
                    let given = try? Money(parsing: record[14].trimmingCharacters(in: .whitespaces), currency: a.currency).minorUnits
                    guard given == values.reduce(0, +) else {
                        throw BudgetingError("\(place), field total: \(record[14]) is not the sum of the months, "
                            + Money.format(values.reduce(0, +), digits: a.currency.minorDigits))
                    }
                }
                months[code] = account.normalSide == .credit ? values.map { -$0 } : values
            }
            let versions = try tx.budgetVersions(admin)
            if !versions.contains(where: { $0.version == version && $0.year == year }) {
                let record = BudgetVersionRecord(version: version, year: year, basis: "import \(file)", createdAt: time,
                                                 active: !versions.contains { $0.year == year && $0.active })
                try tx.saveBudgetVersion(admin, record)
                if record.active { try tx.activateBudget(admin, version: version, year: year) }
            }
            try tx.replaceBudget(admin, version: version, year: year, months: months)
            return months.count
        }
    }
}
