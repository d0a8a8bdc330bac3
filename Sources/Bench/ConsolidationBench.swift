import Consolidation
import Core
import Foundation
import Workspace

/// A generated group of 100 entities in EUR, NOK and USD (a holding and 99 members, 60–100% owned, intercompany
/// sales to the holding): its consolidation for each of the 12 months, read from the ledgers, translated,
/// eliminated and laid out as balance sheet, P&L and cash flow. Target ≤ 1 s for all 12 (release).
struct ConsolidationBench {
    let tiny: Bool
    let directory: String
    let projectRoot: String

    struct Result {
        var rows: [(String, String, String)]
        var warmMedian: Double
    }

    func run() async throws -> Result {
        let workspace = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let clock = ContinuousClock()
        let made = clock.now
        let members = tiny ? 9 : 99
        try await GroupDemo(name: "bench-group", members: members, year: 2026, seed: 11)
            .generate(in: workspace, chart: try workspace.templateSet().render(template: "base").chart)
        let madeIn = seconds(clock.now - made)
        let service = ConsolidationService(workspace: workspace)
        let months = try (1...12).map { month in
            let start = try LocalDate(year: 2026, month: month, day: 1)
            return start...start.lastOfMonth
        }
        var times: [Double] = []
        var checked = ""
        for _ in 0..<(tiny ? 1 : 5) {
            let start = clock.now
            let all = try await service.consolidate("bench-group", ranges: months)
            times.append(seconds(clock.now - start))
            // What was computed holds: every month's consolidated balance sheet balances.
            let balanced = all.allSatisfy { c in
                guard let bs = c.reports.first(where: { $0.kind == .balanceSheet }),
                      let total = c.columns.firstIndex(of: "total") else { return false }
                return bs.amount("total-assets", column: total) == bs.amount("total-liabilities", column: total)
            }
            guard balanced else { throw BenchError("a consolidated balance sheet does not balance") }
            checked = "\(all.count) months, \(all[0].columns.count - 3) entities, "
                + "\(all.last!.closing.adjustments.count) eliminations in December"
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        return Result(rows: [
            ("generate the group's books and rates", "\(members + 1) entities", String(format: "%.2f s", madeIn)),
            ("consolidate 12 months (first run)", checked, String(format: "%.3f s", times[0])),
            ("consolidate 12 months (median of \(times.count))", "", String(format: "%.3f s", median)),
        ], warmMedian: median)
    }
}
