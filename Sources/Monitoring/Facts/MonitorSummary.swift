public import Core

/// The part of an administration's facts the indicators' values are worked out from, kept as integers so a bureau of
/// 10,000 administrations is read in one go: counts, sorted due dates with running totals, period ends, figures.
/// Dates are day numbers. The items behind the values stay in `MonitorFacts`, read only for a drill-down.
public struct MonitorSummary: Sendable, Equatable {
    /// Slots of `counts`.
    public enum Count: Int, CaseIterable, Sendable {
        case unprocessedLines, negativeCash, customersInCredit, unregisteredAssets, depreciationDifferences
        case icpWithoutVATNumber, interimUnbalanced, inactiveWithBalance, withoutIBAN, withoutVATNumber
        case withoutCoCNumber, duplicateRelations, distributionFailures
    }

    /// Statuses of the reconciler, by code.
    public static let statuses = ["", "Synced", "OutOfSync", "Drifted", "Conflict", "Blocked"]

    public var digits = 2
    public var dunningDays = 14
    public var counts = [Int](repeating: 0, count: Count.allCases.count)
    public var oldestUnprocessed: Int?
    public var latestStatement: Int?
    /// Open items with a positive amount, by due day, and the running total of their amounts.
    public var receivableDue: [Int] = [], receivableTotal: [Int64] = []
    public var payableDue: [Int] = [], payableTotal: [Int64] = []
    public var pendingFrom: [Int] = [], pendingTo: [Int] = []
    /// VAT periods ended: their last day and the VAT left unsettled at it (0: settled).
    public var vatEnds: [Int] = [], vatLeft: [Int64] = []
    public var vatSettlement: Int64 = 0
    public var suspense: Int64 = 0
    public var openPeriodEnds: [Int] = [], openYearEnds: [Int] = []
    public var budgetResult: Int64?, budgetRevenue: Int64?
    public var actualResult: Int64 = 0, actualRevenue: Int64 = 0
    /// KPI lines cash, dso, dpo, current-ratio, solvency.
    public var kpis: [DecimalNumber?] = [nil, nil, nil, nil, nil]
    public static let kpiLines = ["cash", "dso", "dpo", "current-ratio", "solvency"]
    public var status = 0
    public var statusSince: Int?

    public init() {}

    public func count(_ c: Count) -> Int { counts[c.rawValue] }

    /// How many of the first `due` days lie before `day`, and their total.
    static func before(_ day: Int, due: [Int], total: [Int64]) -> (count: Int, total: Int64, oldest: Int?) {
        var low = 0, high = due.count
        while low < high { let mid = (low + high) / 2; if due[mid] < day { low = mid + 1 } else { high = mid } }
        return (low, low == 0 ? 0 : total[low - 1], low == 0 ? nil : due[0])
    }

    /// From the full facts.
    public init(_ f: MonitorFacts) {
        digits = f.currencyDigits
        dunningDays = f.dunningAfterDays
        let lists: [(Count, [MonitorItem])] = [
            (.unprocessedLines, f.unprocessedLines), (.negativeCash, f.negativeCash), (.customersInCredit, f.customersInCredit),
            (.unregisteredAssets, f.unregisteredAssets), (.depreciationDifferences, f.depreciationDifferences),
            (.icpWithoutVATNumber, f.icpWithoutVATNumber), (.interimUnbalanced, f.interimUnbalanced),
            (.inactiveWithBalance, f.inactiveWithBalance), (.withoutIBAN, f.relationsWithoutIBAN),
            (.withoutVATNumber, f.relationsWithoutVATNumber), (.withoutCoCNumber, f.relationsWithoutCoCNumber),
            (.duplicateRelations, f.duplicateRelations), (.distributionFailures, f.distributionFailures),
        ]
        for (slot, items) in lists { counts[slot.rawValue] = items.count }
        oldestUnprocessed = f.unprocessedLines.compactMap(\.date).min()?.dayNumber
        latestStatement = f.latestStatementLine?.dayNumber
        func dues(_ items: [MonitorItem]) -> ([Int], [Int64]) {
            let sorted = items.filter { ($0.amount ?? 0) > 0 && $0.date != nil }.sorted { $0.date! < $1.date! }
            var running: Int64 = 0
            return (sorted.map { $0.date!.dayNumber }, sorted.map { running += $0.amount!; return running })
        }
        (receivableDue, receivableTotal) = dues(f.receivables)
        (payableDue, payableTotal) = dues(f.payables)
        for p in f.pendingDepreciation {
            pendingFrom.append(p.date!.dayNumber)
            pendingTo.append((p.until ?? p.date!).dayNumber)
        }
        for v in f.vatPeriods.sorted(by: { $0.date! < $1.date! }) {
            vatEnds.append(v.date!.dayNumber)
            vatLeft.append(v.amount ?? 0)
        }
        vatSettlement = f.vatSettlementBalance
        suspense = f.suspenseBalance
        openPeriodEnds = f.openPeriods.compactMap { $0.date?.dayNumber }.sorted()
        openYearEnds = f.openYears.compactMap { $0.date?.dayNumber }.sorted()
        budgetResult = f.budgetResult
        budgetRevenue = f.budgetRevenue
        actualResult = f.actualResult
        actualRevenue = f.actualRevenue
        kpis = Self.kpiLines.map { line in
            switch f.kpis[line] {
            case .amount(let a): DecimalNumber(mantissa: a, scale: f.currencyDigits)
            case .number(let n): n
            case nil: nil
            }
        }
        status = f.status.flatMap { Self.statuses.firstIndex(of: $0) } ?? (f.status == nil ? 0 : Self.statuses.count)
        statusSince = f.statusSince?.dayNumber
    }
}
