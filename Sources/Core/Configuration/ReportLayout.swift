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
            let bounds = range.split(separator: "-", maxSplits: 1).map(String.init)
            if bounds.count == 2 {
                if account.code >= bounds[0] && account.code <= bounds[1] { return true }
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

/// A ratio of two lines of the same report (current ratio, solvency…).
public struct LineRatio: Hashable, Sendable, Codable {
    public var numerator: String
    public var denominator: String

    public init(numerator: String, denominator: String) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// One line of a report layout: a selection of accounts, a formula over other lines, or a ratio.
public struct ReportLine: Hashable, Sendable, Codable {
    public var id: String
    public var label: String
    public var selector: AccountSelector?
    /// `revenue - cost-of-sales`: `+` and `-` over line ids, with parentheses.
    public var formula: String?
    public var ratio: LineRatio?
    public var sign: PresentationSign
    public var subtotal: Bool

    public init(id: String, label: String, selector: AccountSelector? = nil, formula: String? = nil,
                ratio: LineRatio? = nil, sign: PresentationSign = .debit, subtotal: Bool = false) {
        self.id = id
        self.label = label
        self.selector = selector
        self.formula = formula
        self.ratio = ratio
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
