public import Core
public import Foundation
import Yams

/// A bottom-up budget: drivers (units, prices, FTE, salaries, payment terms) and formulas over them that give P&L
/// lines per month; investments with their depreciation and loans with interest and repayments; and the accounts
/// the derived balance sheet uses. Read from YAML in the template repository.
public struct DriverModel: Sendable {
    public struct Line: Sendable {
        public var account: String
        public var formula: BudgetFormula
        public var text: String
        /// Bought on credit: the line's costs build payables (by DPO).
        public var payable: Bool
    }

    public struct Investment: Sendable {
        public var month: Int
        public var amount: Int64
        public var lifeYears: Int
        public var asset: String
        public var depreciation: String
    }

    public struct Loan: Sendable {
        public var month: Int
        public var amount: Int64
        public var ratePercent: DecimalNumber
        public var years: Int
        public var account: String
        public var interest: String
    }

    /// The balance-sheet accounts the model's balance sheet is made of.
    public struct BalanceAccounts: Sendable {
        public var cash: String
        public var receivables: String
        public var payables: String
        public var equity: String
        public var accumulatedDepreciation: String
    }

    public var file: String
    public var drivers: [String: [Decimal]]
    public var lines: [Line]
    public var investments: [Investment]
    public var loans: [Loan]
    public var balance: BalanceAccounts
    /// Cash at the start of the year (equity the same), in minor units.
    public var openingCash: Int64

    /// Reads a driver file; every error names the file and the line.
    public static func parse(_ text: String, file: String, currency: CurrencyCode) throws(BudgetingError) -> DriverModel {
        func fail(_ line: Int, _ message: String) -> BudgetingError { BudgetingError("\(file), line \(line): \(message)") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(1, "the file is empty") }
            root = node
        } catch let error as BudgetingError { throw error } catch {
            throw BudgetingError("\(file): not valid YAML: \(error)")
        }
        func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }
        func map(_ node: Node, _ what: String, known: Set<String>) throws(BudgetingError) -> [String: Node] {
            guard case .mapping(let m) = node else { throw fail(line(node), "\(what) must be a mapping") }
            var result: [String: Node] = [:]
            for (key, value) in m {
                guard case .scalar(let k) = key else { throw fail(line(key), "a key must be text") }
                guard known.contains(k.string) else {
                    throw fail(line(key), "unknown field '\(k.string)' in \(what); known: " + known.sorted().joined(separator: ", "))
                }
                result[k.string] = value
            }
            return result
        }
        func scalar(_ node: Node?, _ what: String, in parent: Node) throws(BudgetingError) -> String {
            guard let node else { throw fail(line(parent), "\(what) is missing") }
            guard case .scalar(let s) = node, !s.string.isEmpty else { throw fail(line(node), "\(what) must be a single value") }
            return s.string
        }
        func decimal(_ node: Node?, _ what: String, in parent: Node) throws(BudgetingError) -> Decimal {
            let text = try scalar(node, what, in: parent)
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
            else { throw fail(line(node!), "\(what): '\(text)' is not a number (write e.g. 1250.50)") }
            return value
        }
        func int(_ node: Node?, _ what: String, in parent: Node, _ range: ClosedRange<Int>) throws(BudgetingError) -> Int {
            let text = try scalar(node, what, in: parent)
            guard let value = Int(text), range.contains(value) else {
                throw fail(line(node!), "\(what): '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        func money(_ node: Node?, _ what: String, in parent: Node) throws(BudgetingError) -> Int64 {
            var value = try decimal(node, what, in: parent) * Decimal(DecimalNumber.powerOfTen(currency.minorDigits))
            var whole = Decimal()
            NSDecimalRound(&whole, &value, 0, .plain)
            guard value == whole else { throw fail(line(node!), "\(what) has more decimals than \(currency) allows") }
            return NSDecimalNumber(decimal: whole).int64Value
        }
        func list(_ node: Node?) throws(BudgetingError) -> [Node] {
            guard let node else { return [] }
            guard case .sequence(let s) = node else { throw fail(line(node), "a list is expected here") }
            return Array(s)
        }
        let top = try map(root, "a driver model", known: ["name", "drivers", "lines", "investments", "loans", "balance", "opening"])
        var drivers: [String: [Decimal]] = [:]
        if let node = top["drivers"] {
            guard case .mapping(let m) = node else { throw fail(line(node), "drivers must map names to a number or 12 numbers") }
            for (key, value) in m {
                guard case .scalar(let name) = key, name.string.first?.isLetter == true else {
                    throw fail(line(key), "a driver needs a name that starts with a letter")
                }
                if case .sequence(let months) = value {
                    guard months.count == 12 else {
                        throw fail(line(value), "driver \(name.string) has \(months.count) values; give one, or one per month (12)")
                    }
                    var values: [Decimal] = []
                    for n in months { values.append(try decimal(n, "driver \(name.string)", in: value)) }
                    drivers[name.string] = values
                } else {
                    drivers[name.string] = Array(repeating: try decimal(value, "driver \(name.string)", in: key), count: 12)
                }
            }
        }
        var lines: [Line] = []
        for node in try list(top["lines"]) {
            let m = try map(node, "a line", known: ["account", "formula", "payable"])
            let account = try scalar(m["account"], "the line's account", in: node)
            let text = try scalar(m["formula"], "the formula of line \(account)", in: node)
            let formula = try BudgetFormula.parse(text, place: "\(file), line \(line(m["formula"]!)), account \(account)")
            for name in formula.variables where drivers[name] == nil && name != "month" {
                throw fail(line(m["formula"]!), "account \(account): unknown driver '\(name)'; drivers: "
                    + drivers.keys.sorted().joined(separator: ", "))
            }
            var payable = false
            if let flag = m["payable"] { payable = try scalar(flag, "payable", in: node) == "true" }
            lines.append(Line(account: account, formula: formula, text: text, payable: payable))
        }
        var investments: [Investment] = []
        for node in try list(top["investments"]) {
            let m = try map(node, "an investment", known: ["month", "amount", "lifeYears", "asset", "depreciation"])
            investments.append(Investment(month: try int(m["month"], "month", in: node, 1...12),
                                          amount: try money(m["amount"], "amount", in: node),
                                          lifeYears: try int(m["lifeYears"], "lifeYears", in: node, 1...100),
                                          asset: try scalar(m["asset"], "asset account", in: node),
                                          depreciation: try scalar(m["depreciation"], "depreciation account", in: node)))
        }
        var loans: [Loan] = []
        for node in try list(top["loans"]) {
            let m = try map(node, "a loan", known: ["month", "amount", "ratePercent", "years", "account", "interest"])
            let rateText = try scalar(m["ratePercent"], "ratePercent", in: node)
            guard let rate = try? DecimalNumber(parsing: rateText, field: "ratePercent"), rate.mantissa >= 0 else {
                throw fail(line(m["ratePercent"]!), "ratePercent: '\(rateText)' is not a percentage (write e.g. 4.5)")
            }
            loans.append(Loan(month: try int(m["month"], "month", in: node, 1...12), amount: try money(m["amount"], "amount", in: node),
                              ratePercent: rate,
                              years: try int(m["years"], "years", in: node, 1...100),
                              account: try scalar(m["account"], "loan account", in: node),
                              interest: try scalar(m["interest"], "interest account", in: node)))
        }
        guard let balanceNode = top["balance"] else { throw fail(line(root), "balance (the balance-sheet accounts) is missing") }
        let b = try map(balanceNode, "balance", known: ["cash", "receivables", "payables", "equity", "accumulatedDepreciation"])
        let balance = BalanceAccounts(cash: try scalar(b["cash"], "balance.cash", in: balanceNode),
                                      receivables: try scalar(b["receivables"], "balance.receivables", in: balanceNode),
                                      payables: try scalar(b["payables"], "balance.payables", in: balanceNode),
                                      equity: try scalar(b["equity"], "balance.equity", in: balanceNode),
                                      accumulatedDepreciation: try scalar(b["accumulatedDepreciation"],
                                                                          "balance.accumulatedDepreciation", in: balanceNode))
        var openingCash: Int64 = 0
        if let node = top["opening"] {
            let o = try map(node, "opening", known: ["cash"])
            openingCash = try money(o["cash"], "opening.cash", in: node)
        }
        for (name, days) in [("dso", drivers["dso"]), ("dpo", drivers["dpo"])] where days == nil {
            throw fail(line(top["drivers"] ?? root), "driver \(name) (days of sales or purchases outstanding) is missing")
        }
        return DriverModel(file: file, drivers: drivers, lines: lines, investments: investments, loans: loans,
                           balance: balance, openingCash: openingCash)
    }
}

extension BudgetFormula {
    /// The drivers a formula names.
    public var variables: [String] {
        switch self {
        case .variable(let name): [name]
        case .negate(let f): f.variables
        case .binary(_, let a, let b): a.variables + b.variables
        default: []
        }
    }
}
