public import Core

extension ReportValue {
    /// The value as a cell shows it: amounts with thousands separators (or plain, for CSV), numbers at the engine's
    /// precision with their unit (47.0%, 45.3 d), and "–" (or nothing, for CSV) where there is no value.
    public func text(digits: Int, grouped: Bool = true) -> String {
        switch self {
        case .amount(let a): grouped ? Money.formatGrouped(a, digits: digits) : Money.format(a, digits: digits)
        case .number(let n, let unit):
            switch unit {
            case .percent: Money.format(n.mantissa, digits: n.scale) + "%"
            case .days: Money.format(n.mantissa, digits: n.scale) + " d"
            case .ratio, .amount: Money.format(n.mantissa, digits: n.scale)
            }
        case .missing: grouped ? "–" : ""
        }
    }
}

extension ReportService {
    /// The report kinds by the names the CLI, the API and the web pages use.
    public static let kindNames: [String: ReportKind] = [
        "balance-sheet": .balanceSheet, "profit-and-loss": .profitAndLoss, "cash-flow": .cashFlow, "kpis": .kpi,
    ]
}
