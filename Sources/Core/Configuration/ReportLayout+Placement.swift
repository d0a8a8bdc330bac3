/// An account a report layout leaves out, or places on more than one line.
public struct PlacementProblem: Hashable, Sendable {
    public var account: String
    /// The selecting lines that take the account: none, or two and more.
    public var lines: [String]

    public init(account: String, lines: [String]) {
        self.account = account
        self.lines = lines
    }
}

extension ReportLayout {
    /// Which accounts a layout of this kind must place exactly once: every account on a balance sheet (the
    /// result of the year on its own line), revenue and expense accounts on a profit and loss, and balance-sheet
    /// accounts on a cash flow — whose P&L accounts come in through the result and may be picked again as
    /// non-cash add-backs (depreciation). KPIs select freely.
    public func mustPlaceOnce(_ account: Account) -> Bool {
        switch kind {
        case .balanceSheet: true
        case .profitAndLoss: !account.type.isBalanceSheet
        case .cashFlow: account.type.isBalanceSheet
        case .kpi: false
        }
    }

    /// Accounts this layout leaves unplaced or places twice. A profit and loss may not place balance-sheet
    /// accounts at all.
    public func placementProblems(_ accounts: [Account]) -> [PlacementProblem] {
        guard kind != .kpi else { return [] }
        var problems: [PlacementProblem] = []
        let selecting = lines.filter { $0.selector != nil }
        for account in accounts {
            let taking = selecting.filter { $0.selector!.selects(account) }.map(\.id)
            if mustPlaceOnce(account) {
                if taking.count != 1 { problems.append(PlacementProblem(account: account.code, lines: taking)) }
            } else if kind == .profitAndLoss && !taking.isEmpty {
                problems.append(PlacementProblem(account: account.code, lines: taking))
            } else if kind == .cashFlow && taking.isEmpty {
                problems.append(PlacementProblem(account: account.code, lines: []))
            }
        }
        return problems
    }
}
