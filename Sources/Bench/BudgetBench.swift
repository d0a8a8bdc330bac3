import Budgeting
import Core
import Foundation
import Ledger

/// Top-down budgets for 1,000 administrations of 300 lines each, over 12 periods: formulas on last year's actuals
/// (`actual(2026) * 1.04`), on other lines (`line(40010) * 0.3`) and on another version (`budget("2027 v1", …)`),
/// spread by seasonality profiles to the cent. What is timed is the computing of every version from definitions and
/// inputs already read. Target ≤ 1 s (release).
struct BudgetBench {
    let tiny: Bool

    struct Result {
        var rows: [(String, String, String)]
        var median: Double
    }

    func run() async throws -> Result {
        let administrations = tiny ? 20 : 1_000, lines = 300
        var random = SeededGenerator(seed: 27)
        let eur = try CurrencyCode("EUR")
        let codes = (0..<lines).map { String(40_000 + $0 * 10) }
        let accounts = Dictionary(uniqueKeysWithValues: codes.enumerated().map { i, code in
            (code, Account(code: code, name: "Account \(code)", type: i < 60 ? .revenue : .expense,
                           normalSide: i < 60 ? .credit : .debit))
        })
        let profiles = try Dictionary(uniqueKeysWithValues: ["summer", "winter", "spring"].enumerated().map { k, name in
            (name, try SeasonalityProfile(name: name, weights: (0..<12).map { m in
                DecimalNumber(mantissa: Int64(10 + ((m + k * 4) % 12) * 3), scale: 1) }))
        })
        var plans: [(BudgetPlan, BudgetInputs)] = []
        for a in 0..<administrations {
            var actuals: [String: Int64] = [:], other: [String: Int64] = [:]
            for (i, code) in codes.enumerated() {
                let amount = Int64.random(in: 1_000_00...900_000_00, using: &random)
                actuals[code] = i < 60 ? -amount : amount
                other[code] = (i < 60 ? -amount : amount) * 21 / 20
            }
            var rows: [BudgetPlan.Row] = []
            for (i, code) in codes.enumerated() {
                let formula: String = switch i % 10 {
                case 0, 1, 2, 3: "actual(2026) * 1.0\(i % 7 + 1)"
                case 4, 5, 6: i > 10 ? "line(\(codes[i - 7])) * 0.3 + \(i * 13).50" : "actual(2026)"
                case 7: "budget(\"2027 v1\", \(code)) - 250"
                case 8: "(actual(2026) + actual(2025)) / 2"
                default: "\(Int.random(in: 1_000...90_000, using: &random)).\(i % 100)"
                }
                rows.append(try BudgetPlan.Row(target: .account(code), formula: formula,
                                               profile: i % 4 == 0 ? nil : ["summer", "winter", "spring"][i % 3],
                                               place: "administration \(a)"))
            }
            plans.append((BudgetPlan(version: "2027 v2", year: 2027, rows: rows),
                          BudgetInputs(currency: eur, accounts: accounts, actuals: [2026: actuals, 2025: actuals],
                                       versions: ["2027 v1": other], profiles: profiles)))
        }
        let clock = ContinuousClock()
        var times: [Double] = []
        var cells = 0
        for _ in 0..<(tiny ? 1 : 5) {
            let start = clock.now
            // Administrations are independent: computed side by side on every core.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                let chunks = max(1, ProcessInfo.processInfo.activeProcessorCount)
                for chunk in 0..<chunks {
                    let mine = plans.enumerated().filter { $0.offset % chunks == chunk }.map(\.element)
                    group.addTask {
                        var n = 0
                        for (plan, inputs) in mine {
                            let months = try plan.evaluate(inputs)
                            guard months.values.allSatisfy({ $0.count == 12 }) else { throw BenchError("a budget without 12 periods") }
                            n += months.count * 12
                        }
                        return n
                    }
                }
                return try await group.reduce(0, +)
            }
            times.append(seconds(clock.now - start))
            cells = counts
        }
        let median = times.sorted()[times.count / 2]
        return Result(rows: [
            ("top-down budgets computed", "\(administrations) × \(lines) lines × 12 = \(cells) cells",
             String(format: "%.3f s (median of %d)", median, times.count)),
        ], median: median)
    }
}
