/// Which accounts a report line takes: code ranges or codes, RGS prefixes, and account types.
///
/// An account is selected when it matches a code range or an RGS prefix (or when neither is given), and its
/// type is among `types` (or `types` is empty).
public struct AccountSelector: Hashable, Sendable, Codable {
    /// `"13000-13999"` or `"14590"`.
    public var accounts: [String]
    public var rgs: [String]
    public var types: [AccountType]

    public init(accounts: [String] = [], rgs: [String] = [], types: [AccountType] = []) {
        self.accounts = accounts
        self.rgs = rgs
        self.types = types
    }

    public var isEmpty: Bool { accounts.isEmpty && rgs.isEmpty && types.isEmpty }

    public func selects(_ account: Account) -> Bool {
        if !types.isEmpty && !types.contains(account.type) { return false }
        if accounts.isEmpty && rgs.isEmpty { return !types.isEmpty }
        for range in accounts {
            // Called for every account and line of every report: compare slices, allocate nothing.
            if let dash = range.firstIndex(of: "-") {
                let code = account.code[...]
                if code >= range[..<dash] && code <= range[range.index(after: dash)...] { return true }
            } else if account.code == range {
                return true
            }
        }
        if let code = account.rgsCode, rgs.contains(where: { code.hasPrefix($0) }) { return true }
        return false
    }
}

/// How a line's amount is shown: debit balances positive, or credit balances positive.
public enum PresentationSign: String, Sendable, Codable, CaseIterable {
    case debit, credit
}

/// How a ratio is shown: a plain ratio (1.53), a percentage (38.2%), days (the ratio times the days of the
/// column's range: DSO, DPO) or an amount per unit of a figure (revenue per FTE).
public enum RatioUnit: String, Sendable, Codable, CaseIterable {
    case ratio, percent, days, amount
}

/// A ratio of two lines of the same report (current ratio, solvency…).
public struct LineRatio: Hashable, Sendable, Codable {
    public var numerator: String
    public var denominator: String
    /// Nil means `.ratio`; left out of the encoding then, so layouts without units keep their configuration hash.
    public var unit: RatioUnit?

    public init(numerator: String, denominator: String, unit: RatioUnit? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.unit = unit == .ratio ? nil : unit
    }
}

/// How a figure entered per period (FTE, covers, hectares) is taken over a range of periods.
public enum FigureAggregate: String, Sendable, Codable, CaseIterable {
    /// Flows add up (covers served); stocks are averaged (FTE) or taken at the range's end (hectares).
    case sum, average, last
}

/// A non-financial figure entered per period with `ledgerops figure set`.
public struct FigureSelector: Hashable, Sendable, Codable {
    public var key: String
    public var aggregate: FigureAggregate

    public init(key: String, aggregate: FigureAggregate) {
        self.key = key
        self.aggregate = aggregate
    }
}

/// What a selecting line reads of its accounts: the balance at the column's end, or the movement within it.
public enum LineMeasure: String, Sendable, Codable, CaseIterable {
    case closing, movement
}

/// One line of a report layout: a selection of accounts, a formula over other lines, a ratio, or a figure.
public struct ReportLine: Hashable, Sendable, Codable {
    public var id: String
    public var label: String
    public var selector: AccountSelector?
    /// `revenue - cost-of-sales`: `+` and `-` over line ids, with parentheses.
    public var formula: String?
    public var ratio: LineRatio?
    public var figure: FigureSelector?
    /// Nil reads what the report's kind reads (a KPI line: balances of balance-sheet accounts, movements of the
    /// others); `closing` on P&L accounts gives the result of the year to date, for solvency and the like.
    public var measure: LineMeasure?
    public var sign: PresentationSign
    public var subtotal: Bool

    public init(id: String, label: String, selector: AccountSelector? = nil, formula: String? = nil,
                ratio: LineRatio? = nil, figure: FigureSelector? = nil, measure: LineMeasure? = nil,
                sign: PresentationSign = .debit, subtotal: Bool = false) {
        self.id = id
        self.label = label
        self.selector = selector
        self.formula = formula
        self.ratio = ratio
        self.figure = figure
        self.measure = measure
        self.sign = sign
        self.subtotal = subtotal
    }
}

/// What a report layout is.
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    case balanceSheet = "balance-sheet", profitAndLoss = "profit-and-loss", cashFlow = "cash-flow", kpi
}

/// A report layout from a template.
public struct ReportLayout: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var kind: ReportKind
    public var lines: [ReportLine]

    public init(id: String, title: String, kind: ReportKind, lines: [ReportLine]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.lines = lines
    }
}

/// A dashboard of widgets that show report lines.
public struct Dashboard: Hashable, Sendable, Codable {
    public struct Widget: Hashable, Sendable, Codable {
        public var id: String
        public var title: String
        public var kind: String
        public var report: String
        public var line: String

        public init(id: String, title: String, kind: String, report: String, line: String) {
            self.id = id
            self.title = title
            self.kind = kind
            self.report = report
            self.line = line
        }
    }

    public var id: String
    public var title: String
    public var widgets: [Widget]

    public init(id: String, title: String, widgets: [Widget]) {
        self.id = id
        self.title = title
        self.widgets = widgets
    }
}

/// A monitor threshold for one indicator.
public struct IndicatorThreshold: Hashable, Sendable, Codable {
    public var id: String
    public var threshold: DecimalNumber

    public init(id: String, threshold: DecimalNumber) {
        self.id = id
        self.threshold = threshold
    }
}

/// A setting's value: text, an exact number, or a flag.
public enum SettingValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case text(String)
    case number(DecimalNumber)
    case flag(Bool)

    public var description: String {
        switch self {
        case .text(let s): s
        case .number(let n): n.description
        case .flag(let b): b ? "true" : "false"
        }
    }

    private enum Key: String, CodingKey { case text, number, flag }

    /// Encoded as `{"number": "30"}`, `{"text": "quarter"}` or `{"flag": true}`: the kind survives a round trip.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let b = try c.decodeIfPresent(Bool.self, forKey: .flag) { self = .flag(b) }
        else if let n = try c.decodeIfPresent(DecimalNumber.self, forKey: .number) { self = .number(n) }
        else { self = .text(try c.decode(String.self, forKey: .text)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let s): try c.encode(s, forKey: .text)
        case .number(let n): try c.encode(n, forKey: .number)
        case .flag(let b): try c.encode(b, forKey: .flag)
        }
    }
}
