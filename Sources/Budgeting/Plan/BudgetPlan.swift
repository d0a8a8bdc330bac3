public import Core
import Foundation

/// A top-down budget: per account or report line a year's amount or a formula, spread over the months by a
/// seasonality profile.
public struct BudgetPlan: Sendable {
    /// One row: what it budgets, how much (a formula, or a plain amount written as one), how it falls over the year.
    public struct Row: Sendable, Hashable {
        public enum Target: Sendable, Hashable {
            case account(String)
            case line(String)
        }

        /// How other rows name this one in `line(…)`: the account code or the line id.
        public var id: String
        public var target: Target
        public var formula: BudgetFormula
        public var text: String
        public var profile: String?

        public init(target: Target, formula text: String, profile: String? = nil, place: String) throws(BudgetingError) {
            switch target {
            case .account(let code): id = code
            case .line(let line): id = line
            }
            self.target = target
            self.text = text
            formula = try BudgetFormula.parse(text, place: place)
            self.profile = profile
        }
    }

    public var version: String
    public var year: Int
    public var rows: [Row]

    public init(version: String, year: Int, rows: [Row]) {
        self.version = version
        self.year = year
        self.rows = rows
    }
}

/// What a plan is evaluated against: the chart, the report lines rows may name, actuals, other versions, profiles.
public struct BudgetInputs: Sendable {
    public var currency: CurrencyCode
    public var accounts: [String: Account]
    /// Report lines by id: the accounts each selects and the side it presents positive.
    public var lines: [String: (accounts: [String], sign: NormalSide)]
    /// Per fiscal year, the year's movement per account (debit positive).
    public var actuals: [Int: [String: Int64]]
    /// Per other version, the year's amount per account (debit positive).
    public var versions: [String: [String: Int64]]
    public var profiles: [String: SeasonalityProfile]

    public init(currency: CurrencyCode, accounts: [String: Account], lines: [String: (accounts: [String], sign: NormalSide)] = [:],
                actuals: [Int: [String: Int64]] = [:], versions: [String: [String: Int64]] = [:],
                profiles: [String: SeasonalityProfile] = [:]) {
        self.currency = currency
        self.accounts = accounts
        self.lines = lines
        self.actuals = actuals
        self.versions = versions
        self.profiles = profiles
    }
}

extension BudgetPlan {
    /// Per account, twelve monthly amounts (minor units, debit positive) that add up to its year to the cent.
    public func evaluate(_ inputs: BudgetInputs) throws -> [String: [Int64]] {
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [String: Decimal] = [:]
        var visiting: [String] = []
        let digits = inputs.currency.minorDigits
        /// Minor units as a decimal amount of currency: the exponent moves, nothing is divided.
        func units(_ minor: Int64) -> Decimal {
            Decimal(sign: minor < 0 ? .minus : .plus, exponent: -digits, significand: Decimal(minor.magnitude))
        }
        func place(_ row: Row) -> String { "budget \(version), row '\(row.id)' (\(row.text))" }
        /// The row's target, presented as a report shows it (revenue positive), from debit-positive amounts.
        func presented(_ target: Row.Target, _ amounts: [String: Int64]) throws -> Decimal {
            switch target {
            case .account(let code):
                guard let account = inputs.accounts[code] else {
                    throw BudgetingError("budget \(version): account \(code) does not exist in the chart")
                }
                let value = units(amounts[code] ?? 0)
                return account.normalSide == .credit ? -value : value
            case .line(let id):
                guard let line = inputs.lines[id] else {
                    throw BudgetingError("budget \(version): report line '\(id)' does not exist; lines: "
                        + inputs.lines.keys.sorted().joined(separator: ", "))
                }
                let value = units(line.accounts.reduce(0) { $0 + (amounts[$1] ?? 0) })
                return line.sign == .credit ? -value : value
            }
        }
        func value(_ id: String, from caller: Row?) throws -> Decimal {
            if let known = values[id] { return known }
            guard let row = byID[id] else {
                throw BudgetingError((caller.map { place($0) + ": " } ?? "") + "line(\(id)) refers to no row of budget "
                    + "\(version); rows: " + rows.map(\.id).joined(separator: ", "))
            }
            if let start = visiting.firstIndex(of: id) {
                throw BudgetingError("budget \(version): rows refer to each other in a circle: "
                    + (visiting[start...] + [id]).joined(separator: " → "))
            }
            visiting.append(id)
            defer { visiting.removeLast() }
            let context = BudgetFormula.Context(
                actual: { year in try presented(row.target, inputs.actuals[year] ?? [:]) },
                line: { other in try value(other, from: row) },
                budget: { version, account in
                    guard let amounts = inputs.versions[version] else {
                        throw BudgetingError(place(row) + ": budget version '\(version)' does not exist; versions: "
                            + inputs.versions.keys.sorted().joined(separator: ", "))
                    }
                    return try presented(.account(account), amounts)
                },
                variable: { name in
                    throw BudgetingError(place(row) + ": '\(name)' is not a function; use actual(YEAR), line(ID) or "
                        + "budget(\"VERSION\", ACCOUNT)")
                })
            let result = try row.formula.evaluate(context, place: place(row))
            values[id] = result
            return result
        }
        for row in rows {
            switch row.target {
            case .account(let code) where inputs.accounts[code] == nil:
                throw BudgetingError(place(row) + ": account \(code) does not exist in the chart")
            case .line(let id) where inputs.lines[id] == nil:
                throw BudgetingError(place(row) + ": report line '\(id)' does not exist; lines: "
                    + inputs.lines.keys.sorted().joined(separator: ", "))
            default: break
            }
        }
        var result: [String: [Int64]] = [:]
        for row in rows {
            let presentedYear = try value(row.id, from: nil)
            var minor = Decimal(sign: presentedYear.sign, exponent: presentedYear.exponent + digits,
                                significand: presentedYear.significand)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &minor, 0, .plain)
            let yearAmount = NSDecimalNumber(decimal: rounded).int64Value
            // Equal months unless a profile is named; `flat` can be named too, and a repository's own `flat` wins.
            var profile = SeasonalityProfile.flat
            if let name = row.profile {
                guard let found = inputs.profiles[name] ?? (name == profile.name ? profile : nil) else {
                    throw BudgetingError(place(row) + ": seasonality profile '\(name)' does not exist; profiles: "
                        + Set([profile.name] + inputs.profiles.keys).sorted().joined(separator: ", "))
                }
                profile = found
            }
            // Debit positive per account: a line's year is shared over its accounts as last year's actuals were.
            var shares: [(String, Int64)] = []
            switch row.target {
            case .account(let code):
                shares = [(code, inputs.accounts[code]!.normalSide == .credit ? -yearAmount : yearAmount)]
            case .line(let id):
                let line = inputs.lines[id]!
                let signed = line.sign == .credit ? -yearAmount : yearAmount
                let base = inputs.actuals[year - 1] ?? [:]
                let weights = line.accounts.map { base[$0] ?? 0 }
                let total = weights.reduce(0, +)
                if total == 0 || line.accounts.isEmpty {
                    guard let first = line.accounts.first else {
                        throw BudgetingError(place(row) + ": report line '\(id)' selects no account")
                    }
                    shares = [(first, signed)]
                } else {
                    var given: Int64 = 0
                    for (index, code) in line.accounts.enumerated() {
                        let share = index == line.accounts.count - 1 ? signed - given
                            : Int64(Int128(signed) * Int128(weights[index]) / Int128(total))
                        given += share
                        shares.append((code, share))
                    }
                }
            }
            for (code, amount) in shares where amount != 0 {
                let months = profile.spread(amount)
                result[code] = zip(result[code] ?? Array(repeating: 0, count: 12), months).map { $0 + $1 }
            }
        }
        return result
    }
}
