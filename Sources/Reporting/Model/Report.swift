public import Core

/// Which range a report column covers, relative to the range asked for.
public enum ColumnKind: String, Sendable, Codable, CaseIterable {
    /// The range itself; from the start of its fiscal year to its end; the same length just before; a year earlier;
    /// the budget over the range (movements only: a balance sheet has no budget column).
    case period, yearToDate = "ytd", priorPeriod = "prior-period", priorYear = "prior-year", budget
    /// Beside a budget column: the period's actual minus the budget, and that as a percentage of the budget.
    case difference, differencePercent = "difference-percent"
}

/// One column of a report: what it is and the dates it covers.
public struct ReportColumn: Sendable, Codable, Equatable {
    public var kind: ColumnKind
    public var from: LocalDate
    public var to: LocalDate
    /// False when the administration has no books for the range (its fiscal year does not exist): values are empty.
    public var available: Bool

    public init(kind: ColumnKind, from: LocalDate, to: LocalDate, available: Bool = true) {
        self.kind = kind
        self.from = from
        self.to = to
        self.available = available
    }

    /// Days the column covers, for days-based ratios (DSO, DPO).
    public var days: Int { from.days(until: to) + 1 }

    public var label: String {
        let range = from == to ? "\(to)" : "\(from)…\(to)"
        return switch kind {
        case .period: range
        case .yearToDate: "YTD " + range
        case .priorPeriod: "prior " + range
        case .priorYear: "prior year " + range
        case .budget: "budget " + range
        case .difference: "actual − budget"
        case .differencePercent: "difference %"
        }
    }
}

/// A value in a report cell: an amount in minor units, a number (ratio, figure) with its unit, or nothing
/// (no books for the column, a zero denominator, a figure never entered).
public enum ReportValue: Sendable, Codable, Equatable {
    case amount(Int64)
    case number(DecimalNumber, RatioUnit)
    case missing

    /// The amount, or nil for numbers and missing values.
    public var amount: Int64? { if case .amount(let a) = self { a } else { nil } }

    private enum Key: String, CodingKey { case amount, number, unit }

    /// `{"amount": 123456}` (minor units), `{"number": "38.2", "unit": "percent"}`, or `null`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .amount(let a):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(a, forKey: .amount)
        case .number(let n, let unit):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(n, forKey: .number)
            try c.encode(unit, forKey: .unit)
        case .missing:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        if try decoder.singleValueContainer().decodeNil() { self = .missing; return }
        let c = try decoder.container(keyedBy: Key.self)
        if let a = try c.decodeIfPresent(Int64.self, forKey: .amount) { self = .amount(a) }
        else { self = .number(try c.decode(DecimalNumber.self, forKey: .number), try c.decode(RatioUnit.self, forKey: .unit)) }
    }
}

/// One account's contribution to a selecting line, per column, signed as the line presents it.
public struct ReportAccountAmounts: Sendable, Codable, Equatable {
    public var account: String
    public var name: String
    public var amounts: [Int64]

    public init(account: String, name: String, amounts: [Int64]) {
        self.account = account
        self.name = name
        self.amounts = amounts
    }
}

/// One line of a report with a value per column and, for selecting lines, the accounts behind it.
public struct ReportRow: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var subtotal: Bool
    public var values: [ReportValue]
    public var accounts: [ReportAccountAmounts]

    public init(id: String, label: String, subtotal: Bool, values: [ReportValue], accounts: [ReportAccountAmounts]) {
        self.id = id
        self.label = label
        self.subtotal = subtotal
        self.values = values
        self.accounts = accounts
    }
}

/// A report made from a template layout over one administration.
public struct Report: Sendable, Codable, Equatable {
    public var administration: String
    public var layout: String
    public var title: String
    public var kind: ReportKind
    public var currency: CurrencyCode
    public var columns: [ReportColumn]
    public var rows: [ReportRow]

    public init(administration: String, layout: String, title: String, kind: ReportKind, currency: CurrencyCode,
                columns: [ReportColumn], rows: [ReportRow]) {
        self.administration = administration
        self.layout = layout
        self.title = title
        self.kind = kind
        self.currency = currency
        self.columns = columns
        self.rows = rows
    }

    /// The row with this line id.
    public func row(_ id: String) -> ReportRow? { rows.first { $0.id == id } }

    /// The amount of line `id` in column `column` (0 = the first), if it is an amount.
    public func amount(_ id: String, column: Int = 0) -> Int64? { row(id)?.values[column].amount }
}
