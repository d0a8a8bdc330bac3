import Core
import Foundation
import Ledger
import Reporting
import Workspace

/// Every report of one administration with about 100,000 entries (a demo year at high volume, made from the mkb
/// template so it has the template's layouts): balance sheet, profit and loss, cash flow, every KPI layout and
/// the VAT return, for a quarter with year-to-date and prior-year columns. Target ≤ 50 ms (release).
struct ReportBench {
    let tiny: Bool
    let directory: String
    let projectRoot: String

    struct Result {
        var rows: [(String, String, String)]
        var warmMedian: Double
    }

    func run() async throws -> Result {
        let workspace = try Workspace.initialize(directory, templatesFrom: projectRoot, time: 1_767_225_600)
        let generator = try workspace.demoGenerator()
        let clock = ContinuousClock()
        let made = clock.now
        // Volume 1 gives some 470 entries a year; 215 gives about 100,000.
        let demo = try await generator.run(.init(administrations: 1, seed: 3, year: 2026, clusters: ["mkb"],
                                                 volume: tiny ? 4 : 215))
        let madeIn = seconds(clock.now - made)
        let admin = demo.administrations[0]
        let service = ReportService(ledger: workspace.ledger)
        let quarter = try LocalDate(year: 2026, month: 7, day: 1)...(try LocalDate(year: 2026, month: 9, day: 30))
        func allReports() async throws -> Int {
            var lines = 0
            for kind in [ReportKind.balanceSheet, .profitAndLoss, .cashFlow, .kpi] {
                let reports = try await service.reports(admin, kind: kind, range: quarter, columns: [.yearToDate, .priorYear])
                lines += reports.reduce(0) { $0 + $1.rows.count }
            }
            let vat = try await service.vatReturn(admin, from: quarter.lowerBound, to: quarter.upperBound)
            return lines + vat.boxes.count
        }
        let coldStart = clock.now
        let lines = try await allReports()
        let cold = seconds(clock.now - coldStart)
        var times: [Double] = []
        for _ in 0..<(tiny ? 3 : 21) {
            let start = clock.now
            _ = try await allReports()
            times.append(seconds(clock.now - start))
        }
        times.sort()
        let median = times[times.count / 2]
        return Result(rows: [
            ("administration: demo year at high volume", "\(demo.entries) entries, \(demo.lines) lines",
             String(format: "%.1f s to post", madeIn)),
            ("all reports, Q3 + YTD + prior year: first", "\(lines) lines", String(format: "%.1f ms", cold * 1000)),
            ("all reports, Q3 + YTD + prior year: median of \(times.count)", "\(lines) lines",
             String(format: "%.1f ms", median * 1000)),
        ], warmMedian: median)
    }
}
