import Budgeting
import Core
import Foundation
import Testing

@Suite struct SeasonalityTests {
    static func profile(_ weights: [String]) throws -> SeasonalityProfile {
        try SeasonalityProfile(name: "p", weights: weights.map { try DecimalNumber(parsing: $0, field: "w") })
    }

    @Test(arguments: [Int64(100_000_01), 1, -1, 11, 7, -100_000_07, 999_999_999_99, 0, 13, -5])
    func spreadsKeepTheTotalToTheCent(_ total: Int64) throws {
        for weights in [Array(repeating: "1", count: 12), ["3", "3", "3", "5", "8", "13", "21", "21", "8", "5", "3", "0"],
                        ["0.1", "0.05", "0.2", "0.333", "0", "0", "0", "0.01", "0.07", "0.1", "0.1", "0.037"]] {
            let months = try Self.profile(weights).spread(total)
            #expect(months.count == 12 && months.reduce(0, +) == total, "\(total) over \(weights): \(months)")
            #expect(months.allSatisfy { total >= 0 ? $0 >= 0 : $0 <= 0 })
        }
    }

    @Test func anAwkwardAmountFallsAsTheWeightsSayAndTheCentsGoToTheLargestRemainders() throws {
        // 100.00 over three equal months and nine empty ones: 33.34, 33.33, 33.33.
        let months = try Self.profile(["1", "1", "1"] + Array(repeating: "0", count: 9)).spread(10_000)
        #expect(months == [3_334, 3_333, 3_333] + Array(repeating: 0, count: 9))
        #expect(SeasonalityProfile.flat.spread(100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8])
    }

    @Test func badProfilesAreRefused() {
        #expect(throws: CoreError.self) { try Self.profile(Array(repeating: "1", count: 11)) }
        #expect(throws: CoreError.self) { try Self.profile(Array(repeating: "0", count: 12)) }
        #expect(throws: CoreError.self) { try Self.profile(["-1"] + Array(repeating: "1", count: 11)) }
    }
}

@Suite struct BudgetPlanTests {
    static let eur = try! CurrencyCode("EUR")
    static let accounts: [String: Account] = [
        "8000": Account(code: "8000", name: "Omzet", type: .revenue, normalSide: .credit),
        "7000": Account(code: "7000", name: "Inkoop", type: .expense, normalSide: .debit),
        "4000": Account(code: "4000", name: "Lonen", type: .expense, normalSide: .debit),
        "4100": Account(code: "4100", name: "Sociale lasten", type: .expense, normalSide: .debit),
    ]
    static var inputs: BudgetInputs {
        BudgetInputs(currency: eur, accounts: accounts,
                     lines: ["revenue": (["8000"], .credit), "personnel": (["4000", "4100"], .debit)],
                     actuals: [2026: ["8000": -120_000_00, "7000": 40_000_00, "4000": 30_000_00, "4100": 10_000_00]],
                     versions: ["2027 v1": ["4000": 33_000_00]],
                     profiles: ["summer": try! SeasonalityProfile(name: "summer", weights: (1...12).map {
                         DecimalNumber(mantissa: Int64($0 >= 6 && $0 <= 8 ? 3 : 1), scale: 0) })])
    }

    func plan(_ rows: [(BudgetPlan.Row.Target, String, String?)]) throws -> BudgetPlan {
        BudgetPlan(version: "2027 v2", year: 2027, rows: try rows.map { try BudgetPlan.Row(target: $0.0, formula: $0.1, profile: $0.2, place: "test") })
    }

    @Test func formulasEvaluateAsSpecified() throws {
        let p = try plan([
            (.line("revenue"), "actual(2026) * 1.05", "summer"),          // 126,000.00
            (.account("7000"), "line(revenue) * 0.3", nil),               // 37,800.00
            (.account("4000"), "budget(\"2027 v1\", 4000) + 1000", nil),  // 34,000.00
            (.line("personnel"), "(actual(2026) - 4000) / 3 * 2", nil),   // 24,000.00 over 4000 and 4100 as 3:1
        ])
        let r = try p.evaluate(Self.inputs)
        #expect(r["8000"]!.reduce(0, +) == -126_000_00)
        #expect(r["8000"]![6] == 3 * r["8000"]![0] || abs(r["8000"]![6] - 3 * r["8000"]![0]) <= 3)  // July weighs 3
        #expect(r["7000"]!.reduce(0, +) == 37_800_00)
        // 4000: its own row (34,000) plus three quarters of the personnel line (18,000); 4100 a quarter (6,000).
        #expect(r["4000"]!.reduce(0, +) == 34_000_00 + 18_000_00)
        #expect(r["4100"]!.reduce(0, +) == 6_000_00)
    }

    @Test func theBuiltInFlatProfileCanBeNamedAndAnUnknownOneIsRefused() throws {
        let named = try plan([(.account("7000"), "12000", "flat")]).evaluate(Self.inputs)
        #expect(named["7000"] == Array(repeating: 1_000_00, count: 12))
        #expect(named == (try plan([(.account("7000"), "12000", nil)]).evaluate(Self.inputs)))
        #expect { try plan([(.account("7000"), "12000", "winter")]).evaluate(Self.inputs) } throws: { error in
            "\(error)".contains("seasonality profile 'winter' does not exist; profiles: flat, summer")
        }
    }

    @Test(arguments: [
        ([(BudgetPlan.Row.Target.account("7000"), "line(revenu) * 0.3")], "line(revenu) refers to no row"),
        ([(.account("7000"), "line(4000)"), (.account("4000"), "line(7000) + 1")], "in a circle: 7000 → 4000 → 7000"),
        ([(.account("7000"), "actual(2026) / (1 - 1)")], "row '7000' (actual(2026) / (1 - 1)): division by zero"),
        ([(.line("sales"), "100")], "report line 'sales' does not exist"),
        ([(.account("4000"), "budget(\"2025\", 4000)")], "budget version '2025' does not exist"),
        ([(.account("4000"), "turnover * 2")], "'turnover' is not a function"),
    ] as [([(BudgetPlan.Row.Target, String)], String)])
    func badPlansNameThePlace(_ rows: [(BudgetPlan.Row.Target, String)], _ message: String) throws {
        let p = try plan(rows.map { ($0.0, $0.1, nil) })
        #expect { try p.evaluate(Self.inputs) } throws: { error in "\(error)".contains(message) && "\(error)".contains("budget 2027 v2") }
    }

    @Test(arguments: [("actual(2026", "')' is missing"), ("1 +", "a number, a function or '(' is missing"),
                      ("foo(1)", "unknown function 'foo'"), ("actual(abc)", "actual(YEAR) needs a year"), ("2 $ 3", "unexpected '$'")])
    func badFormulasAreRefusedWithThePosition(_ text: String, _ message: String) {
        #expect { try BudgetFormula.parse(text, place: "row x") } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("row x") && "\(error)".contains("position")
        }
    }
}
