import Core
import Testing
@testable import Reporting

/// The engine on a constructed chart and constructed balances: signs, formulas, ratios, figures, bad layouts.
@Suite struct ReportEngineTests {
    static let accounts = [
        Account(code: "0200", name: "Inventaris", type: .asset, normalSide: .debit),
        Account(code: "1000", name: "Bank", type: .asset, normalSide: .debit),
        Account(code: "1300", name: "Debiteuren", type: .asset, normalSide: .debit),
        Account(code: "0500", name: "Kapitaal", type: .equity, normalSide: .credit),
        Account(code: "1600", name: "Crediteuren", type: .liability, normalSide: .credit),
        Account(code: "8000", name: "Omzet", type: .revenue, normalSide: .credit),
        Account(code: "7000", name: "Inkoop", type: .expense, normalSide: .debit),
        Account(code: "4000", name: "Lonen", type: .expense, normalSide: .debit),
    ]

    static func line(_ id: String, accounts: [String] = [], types: [AccountType] = [], formula: String? = nil,
                     ratio: LineRatio? = nil, figure: FigureSelector? = nil, sign: PresentationSign = .debit) -> ReportLine {
        let selector = accounts.isEmpty && types.isEmpty ? nil : AccountSelector(accounts: accounts, types: types)
        return ReportLine(id: id, label: id, selector: selector, formula: formula, ratio: ratio, figure: figure, sign: sign)
    }

    /// Opening balances and a period's movements that balance: sales on credit 1,000.00, purchases on credit
    /// 400.00, wages paid 250.00.
    static func basis(days: Int = 31) throws -> ColumnBasis {
        let from = try LocalDate(year: 2026, month: 3, day: 1)
        return ColumnBasis(
            column: ReportColumn(kind: .period, from: from, to: from.adding(days: days - 1)),
            opening: ["0200": 500_00, "1000": 1_000_00, "0500": -1_500_00],
            movement: ["1300": 1_000_00, "8000": -1_000_00, "7000": 400_00, "1600": -400_00, "4000": 250_00, "1000": -250_00],
            figures: ["fte": [DecimalNumber(mantissa: 20, scale: 1), DecimalNumber(mantissa: 30, scale: 1)]])
    }

    func evaluate(_ kind: ReportKind, _ lines: [ReportLine], days: Int = 31) throws -> Report {
        try ReportEngine(layout: ReportLayout(id: "t", title: "T", kind: kind, lines: lines), accounts: Self.accounts)
            .evaluate(administration: "a", currency: .eur, columns: [try Self.basis(days: days)])
    }

    @Test func signsFormulasAndSubtotalsOnAProfitAndLoss() throws {
        let r = try evaluate(.profitAndLoss, [
            Self.line("revenue", accounts: ["8000"], sign: .credit),
            Self.line("purchases", accounts: ["7000"]),
            Self.line("wages", accounts: ["4000"]),
            Self.line("margin", formula: "revenue - purchases"),
            Self.line("result", formula: "margin - (wages)"),
            Self.line("negated", formula: "- result + wages"),
        ])
        #expect(r.amount("revenue") == 1_000_00 && r.amount("purchases") == 400_00)
        #expect(r.amount("margin") == 600_00 && r.amount("result") == 350_00 && r.amount("negated") == -100_00)
        #expect(r.row("revenue")?.accounts == [ReportAccountAmounts(account: "8000", name: "Omzet", amounts: [1_000_00])])
    }

    @Test func aBalanceSheetShowsClosingBalancesAndKPIsMixBalancesWithMovements() throws {
        let bs = try evaluate(.balanceSheet, [
            Self.line("assets", types: [.asset]), Self.line("equity", types: [.equity], sign: .credit),
            Self.line("result", types: [.revenue, .expense], sign: .credit),
            Self.line("liabilities", types: [.liability], sign: .credit),
            Self.line("total", formula: "equity + result + liabilities"),
        ])
        let assets: Int64 = 500_00 + 750_00 + 1_000_00
        #expect(bs.amount("assets") == assets)
        #expect(bs.amount("assets") == bs.amount("total"))
        let kpi = try evaluate(.kpi, [
            Self.line("bank", accounts: ["1000"]), Self.line("revenue", accounts: ["8000"], sign: .credit),
        ])
        #expect(kpi.amount("bank") == 750_00 && kpi.amount("revenue") == 1_000_00)
    }

    @Test func ratiosInEveryUnitAndAZeroDenominator() throws {
        let r = try evaluate(.kpi, [
            Self.line("revenue", accounts: ["8000"], sign: .credit),
            Self.line("receivables", accounts: ["1300"]),
            Self.line("purchases", accounts: ["7000"]),
            Self.line("nothing", accounts: ["9999"]),
            Self.line("fte", figure: FigureSelector(key: "fte", aggregate: .average)),
            Self.line("margin", ratio: LineRatio(numerator: "purchases", denominator: "revenue", unit: .percent)),
            Self.line("times", ratio: LineRatio(numerator: "revenue", denominator: "purchases")),
            Self.line("dso", ratio: LineRatio(numerator: "receivables", denominator: "revenue", unit: .days)),
            Self.line("per-fte", ratio: LineRatio(numerator: "revenue", denominator: "fte", unit: .amount)),
            Self.line("undefined", ratio: LineRatio(numerator: "revenue", denominator: "nothing")),
        ])
        #expect(r.row("margin")?.values == [.number(DecimalNumber(mantissa: 400, scale: 1), .percent)])
        #expect(r.row("times")?.values == [.number(DecimalNumber(mantissa: 250, scale: 2), .ratio)])
        // 1,000 receivable on 1,000 revenue over 31 days
        #expect(r.row("dso")?.values == [.number(DecimalNumber(mantissa: 310, scale: 1), .days)])
        #expect(r.row("fte")?.values == [.number(DecimalNumber(mantissa: 25, scale: 1), .ratio)])
        #expect(r.amount("per-fte") == 400_00)  // 1,000.00 / 2.5 FTE
        #expect(r.row("undefined")?.values == [.missing])
    }

    @Test func figuresAggregateBySumAverageAndLast() {
        let values = [DecimalNumber(mantissa: 1, scale: 0), DecimalNumber(mantissa: 25, scale: 1), DecimalNumber(mantissa: 2, scale: 0)]
        #expect(ReportEngine.aggregate(values, .sum) == .number(DecimalNumber(mantissa: 55, scale: 1), .ratio))
        // (1 + 2.5 + 2) / 3 = 1.8333 → 1.833 at one decimal more than the values carry, plus two
        #expect(ReportEngine.aggregate(values, .average) == .number(DecimalNumber(mantissa: 1833, scale: 3), .ratio))
        #expect(ReportEngine.aggregate(values, .last) == .number(DecimalNumber(mantissa: 2, scale: 0), .ratio))
        #expect(ReportEngine.aggregate([], .sum) == .missing)
        #expect(ReportEngine.divide(.amount(1), by: .amount(3), unit: .ratio, days: 1) == .number(DecimalNumber(mantissa: 33, scale: 2), .ratio))
        #expect(ReportEngine.divide(.amount(-2), by: .amount(3), unit: .ratio, days: 1) == .number(DecimalNumber(mantissa: -67, scale: 2), .ratio))
    }

    /// Bad layouts, each refused with a message naming the report and line.
    @Test(arguments: [
        ("revenue +", "formula 'revenue +' ends where a line id was expected"),
        ("revenue - (purchases", "misses a closing parenthesis"),
        ("revenue purchases", "has 'purchases' where + or - was expected"),
        ("revenue - unknown", "refers to 'unknown', which is not a line of it"),
        ("loop", "line 'loop' depends on itself"),
        ("revenue + share", "adds 'share', which is a ratio or figure"),
    ])
    func badFormulasAreRefusedNamingTheLine(formula: String, message: String) throws {
        do {
            _ = try evaluate(.profitAndLoss, [
                Self.line("revenue", accounts: ["8000"], sign: .credit), Self.line("purchases", accounts: ["7000"]),
                Self.line("share", ratio: LineRatio(numerator: "purchases", denominator: "revenue")),
                Self.line("loop", formula: formula == "loop" ? "revenue + loop" : formula),
            ])
            Issue.record("formula '\(formula)' was accepted")
        } catch let error as ReportingError {
            #expect(error.code == "formula" && error.message.contains(message), "\(error.message)")
            #expect(error.message.contains("report t"))
        }
    }

    @Test func placementFindsUnplacedAndTwicePlacedAccounts() {
        let layout = ReportLayout(id: "bs", title: "B", kind: .balanceSheet, lines: [
            Self.line("fixed", accounts: ["0000-0999"]), Self.line("current", accounts: ["1000-1999"]),
            Self.line("bank", accounts: ["1000"]), Self.line("result", types: [.revenue, .expense]),
        ])
        let problems = layout.placementProblems(Self.accounts)
        #expect(problems.contains(PlacementProblem(account: "1000", lines: ["current", "bank"])))
        #expect(problems.contains(PlacementProblem(account: "0500", lines: ["fixed"])) == false)
        #expect(problems.contains(PlacementProblem(account: "1600", lines: ["current"])) == false)
        #expect(Set(problems.map(\.account)) == ["1000"])
        let pl = ReportLayout(id: "pl", title: "P", kind: .profitAndLoss, lines: [
            Self.line("revenue", accounts: ["8000"]), Self.line("bank", accounts: ["1000"]),
        ])
        #expect(Set(pl.placementProblems(Self.accounts)) == [
            PlacementProblem(account: "1000", lines: ["bank"]), PlacementProblem(account: "7000", lines: []),
            PlacementProblem(account: "4000", lines: []),
        ])
    }

    @Test(arguments: [
        ("2026", "2026-01-01", "2026-12-31"), ("2026-Q2", "2026-04-01", "2026-06-30"), ("2026-02", "2026-02-01", "2026-02-28"),
    ])
    func periodsParse(text: String, from: String, to: String) throws {
        let r = try ReportPeriod.parse(text, calendar: FiscalCalendar(startMonth: 1))
        #expect(r == (try LocalDate(parsing: from))...(try LocalDate(parsing: to)))
    }

    @Test(arguments: ["26", "2026-Q5", "2026-13", "2026-1", "q2", "2026-Q2-01"])
    func badPeriodsAreRefused(text: String) {
        #expect(throws: ReportingError.self) { try ReportPeriod.parse(text, calendar: FiscalCalendar(startMonth: 1)) }
    }

    @Test func comparisonColumnsCoverTheRightDates() throws {
        let calendar = try FiscalCalendar(startMonth: 7)
        let q = try LocalDate(parsing: "2026-01-01")...(try LocalDate(parsing: "2026-03-31"))
        #expect(ReportPeriod.range(.priorPeriod, of: q, calendar: calendar) == (try LocalDate(parsing: "2025-10-01"))...(try LocalDate(parsing: "2025-12-31")))
        #expect(ReportPeriod.range(.priorYear, of: q, calendar: calendar) == (try LocalDate(parsing: "2025-01-01"))...(try LocalDate(parsing: "2025-03-31")))
        #expect(ReportPeriod.range(.yearToDate, of: q, calendar: calendar) == (try LocalDate(parsing: "2025-07-01"))...(try LocalDate(parsing: "2026-03-31")))
        let leap = try LocalDate(parsing: "2028-02-01")...(try LocalDate(parsing: "2028-02-29"))
        #expect(ReportPeriod.range(.priorYear, of: leap, calendar: calendar) == (try LocalDate(parsing: "2027-02-01"))...(try LocalDate(parsing: "2027-02-28")))
    }
}
