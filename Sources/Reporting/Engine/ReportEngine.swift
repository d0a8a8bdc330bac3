public import Core

/// Evaluates a report layout over column bases: pure, no I/O, so every rule here is tested without a database.
public struct ReportEngine: Sendable {
    public let layout: ReportLayout
    public let accounts: [Account]

    public init(layout: ReportLayout, accounts: [Account]) {
        self.layout = layout
        self.accounts = accounts.sorted { $0.code < $1.code }
    }

    /// Balance-sheet accounts show their balance at the column's end on a balance sheet and in KPIs; everything
    /// else (a P&L, a cash flow, P&L accounts in KPIs) shows the column's movement.
    func raw(_ account: Account, in basis: ColumnBasis, measure: LineMeasure? = nil) -> Int64 {
        if let measure { return measure == .closing ? basis.closing(account.code) : basis.movement[account.code] ?? 0 }
        return switch layout.kind {
        case .balanceSheet: basis.closing(account.code)
        case .profitAndLoss, .cashFlow: basis.movement[account.code] ?? 0
        case .kpi: account.type.isBalanceSheet ? basis.closing(account.code) : basis.movement[account.code] ?? 0
        }
    }

    /// The report, one value per line and column.
    public func evaluate(administration: String, currency: CurrencyCode, columns: [ColumnBasis]) throws(ReportingError)
        -> Report
    {
        let lines = Dictionary(layout.lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var formulas: [String: LineFormula] = [:]
        for line in layout.lines {
            guard let text = line.formula else { continue }
            let formula = try LineFormula.parse(text, line: line.id, layout: layout.id)
            for id in formula.references where lines[id] == nil {
                throw ReportingError("formula", "report \(layout.id), line '\(line.id)' refers to '\(id)', which is not a line of it")
            }
            formulas[line.id] = formula
        }
        // Which accounts a line selects does not depend on the column: chosen once, not per column.
        var selected: [String: [Account]] = [:]
        for line in layout.lines {
            if let selector = line.selector { selected[line.id] = accounts.filter(selector.selects) }
        }
        var drill: [String: [ReportAccountAmounts]] = [:]
        var values: [[String: ReportValue]] = []
        // A balance sheet stands at a date; a budget is movements, so it has no budget column.
        let usable = columns.map { $0.column.available && !($0.column.kind == .budget && layout.kind == .balanceSheet) }
        for (index, basis) in columns.enumerated() {
            var column: [String: ReportValue] = [:]
            var visiting: Set<String> = []
            func value(_ id: String) throws(ReportingError) -> ReportValue {
                if let known = column[id] { return known }
                guard usable[index] else { return .missing }
                guard visiting.insert(id).inserted else {
                    throw ReportingError("formula", "report \(layout.id): line '\(id)' depends on itself through its formulas")
                }
                defer { visiting.remove(id) }
                let line = lines[id]!
                let result: ReportValue
                if line.selector != nil {
                    var total: Int64 = 0
                    for account in selected[id] ?? [] {
                        let amount = raw(account, in: basis, measure: line.measure)
                        total += line.sign == .debit ? amount : -amount
                    }
                    result = .amount(total)
                } else if let formula = formulas[id] {
                    let amount = try formula.evaluate { (ref: String) throws(ReportingError) -> Int64? in
                        switch try value(ref) {
                        case .amount(let a): return a
                        case .missing: return nil
                        case .number:
                            throw ReportingError("formula", "report \(layout.id), line '\(id)' adds '\(ref)', which is a "
                                + "ratio or figure, not an amount")
                        }
                    }
                    result = amount.map(ReportValue.amount) ?? .missing
                } else if let ratio = line.ratio {
                    result = Self.divide(try value(ratio.numerator), by: try value(ratio.denominator),
                                         unit: ratio.unit ?? .ratio, days: basis.column.days)
                } else if let figure = line.figure {
                    result = Self.aggregate(basis.figures[figure.key] ?? [], figure.aggregate)
                } else {
                    result = .missing
                }
                column[id] = result
                return result
            }
            for line in layout.lines { _ = try value(line.id) }
            values.append(column)
        }
        for line in layout.lines {
            guard let lineAccounts = selected[line.id] else { continue }
            drill[line.id] = lineAccounts.compactMap { account in
                let amounts = columns.enumerated().map { index, basis -> Int64 in
                    guard usable[index] else { return 0 }
                    let amount = raw(account, in: basis, measure: line.measure)
                    return line.sign == .debit ? amount : -amount
                }
                return amounts.allSatisfy { $0 == 0 } ? nil
                    : ReportAccountAmounts(account: account.code, name: account.name, amounts: amounts)
            }
        }
        let rows = layout.lines.map { line in
            ReportRow(id: line.id, label: line.label, subtotal: line.subtotal,
                      values: values.map { $0[line.id] ?? .missing }, accounts: drill[line.id] ?? [])
        }
        var shown = columns.map(\.column)
        for i in shown.indices where !usable[i] { shown[i].available = false }
        return Report(administration: administration, layout: layout.id, title: layout.title, kind: layout.kind,
                      currency: currency, columns: shown, rows: rows)
    }
}
