import Budgeting
import Core
import Testing

@Suite struct DriverModelTests {
    static let eur = try! CurrencyCode("EUR")
    static let chart: [String: Account] = Dictionary(uniqueKeysWithValues: [
        ("8000", AccountType.revenue), ("7000", .expense), ("4000", .expense), ("4300", .expense), ("8400", .expense),
        ("0200", .asset), ("0205", .asset), ("0800", .liability), ("1000", .asset), ("1300", .asset), ("1600", .liability),
        ("0500", .equity),
    ].map { code, type in
        (code, Account(code: code, name: code, type: type, normalSide: type == .asset || type == .expense ? .debit : .credit))
    })

    static let model = """
        name: horeca
        drivers:
          covers: [900, 850, 1000, 1100, 1200, 1400, 1600, 1600, 1200, 1000, 900, 1100]
          price: 32.50
          purchase: 0.31
          fte: 5
          salary: 3100
          dso: 12
          dpo: 30
        lines:
          - {account: "8000", formula: "covers * price"}
          - {account: "7000", formula: "covers * price * purchase", payable: true}
          - {account: "4000", formula: "fte * salary"}
        investments:
          - {month: 3, amount: 24000, lifeYears: 5, asset: "0200", depreciation: "4300"}
        loans:
          - {month: 1, amount: 50000, ratePercent: 4.5, years: 5, account: "0800", interest: "8400"}
        balance: {cash: "1000", receivables: "1300", payables: "1600", equity: "0500", accumulatedDepreciation: "0205"}
        opening: {cash: 10000}
        """

    @Test func driversGiveTheLinesTheBalanceSheetBalancesAndTheCashFlowIsTheChangeInCash() throws {
        let model = try DriverModel.parse(Self.model, file: "budgets/drivers/horeca.yaml", currency: Self.eur)
        let r = try model.evaluate(yearStart: try LocalDate(year: 2027, month: 1, day: 1), accounts: Self.chart, currency: Self.eur)
        // As specified: January revenue 900 × 32.50, purchases 31% of it, wages 5 × 3,100.
        #expect(r.profitAndLoss["8000"]![0] == -29_250_00)
        #expect(r.profitAndLoss["7000"]![0] == 9_067_50)
        #expect(r.profitAndLoss["4000"]!.allSatisfy { $0 == 15_500_00 })
        // Depreciation from April (24,000 over 60 months = 400); interest from February (50,000 × 4.5% / 12 = 187.50,
        // then on what is left after each 833.33 repayment).
        #expect(r.profitAndLoss["4300"]![2] == 0 && r.profitAndLoss["4300"]![3] == 400_00)
        #expect(r.profitAndLoss["8400"]![0] == 0 && r.profitAndLoss["8400"]![1] == 187_50)
        #expect(r.profitAndLoss["8400"]![2] == 184_37)  // (50,000 − 833.33) × 4.5% / 12
        for (month, sheet) in r.balanceSheets.enumerated() {
            #expect(sheet.values.reduce(0, +) == 0, "the balance sheet after month \(month) is off by \(sheet.values.reduce(0, +))")
        }
        for month in 0..<12 {
            let change = (r.balanceSheets[month + 1]["1000"] ?? 0) - (r.balanceSheets[month]["1000"] ?? 0)
            #expect(r.cashFlows[month].total == change, "month \(month + 1)")
        }
        // Receivables at twelve days of December's sales; payables at thirty days of December's purchases.
        #expect(r.balanceSheets[12]["1300"] == 13_838_71)  // 1,100 × 32.50 × 12 / 31 = 13,838.709…
        #expect(r.balanceSheets[12]["0800"] == -(50_000_00 - 11 * 833_33))
        #expect(r.balanceSheets[12]["0205"] == -9 * 400_00)
    }

    @Test(arguments: [
        ("name: x\nlines:\n  - {account: \"8000\", formula: \"covers * price\"}\nbalance: {}\n", "line 3: account 8000: unknown driver 'covers'"),
        ("name: x\ndrivers:\n  covers: [1, 2, 3]\n", "line 3: driver covers has 3 values"),
        ("name: x\ndrivers:\n  price: abc\n", "line 3: driver price: 'abc' is not a number"),
        ("name: x\nwidgets: 3\n", "line 2: unknown field 'widgets'"),
        ("name: x\ndrivers: {dso: 10, dpo: 10}\nlines:\n  - {account: \"8000\", formula: \"1 / (dso - 10)\"}\n"
            + "balance: {cash: \"1000\", receivables: \"1300\", payables: \"1600\", equity: \"0500\", accumulatedDepreciation: \"0205\"}\n",
         "account 8000, month 1: division by zero"),
        ("name: x\ndrivers: {dso: 10, dpo: 10}\nlines:\n  - {account: \"9999\", formula: \"1\"}\n"
            + "balance: {cash: \"1000\", receivables: \"1300\", payables: \"1600\", equity: \"0500\", accumulatedDepreciation: \"0205\"}\n",
         "line account 9999 does not exist"),
        ("name: x\ndrivers: {dso: 10}\nbalance: {cash: \"1000\", receivables: \"1300\", payables: \"1600\", equity: \"0500\", "
            + "accumulatedDepreciation: \"0205\"}\n", "driver dpo"),
        ("name: [x\n", "not valid YAML"),
        ("name: x\ndrivers: {dso: 1, dpo: 1}\nloans:\n  - {month: 13, amount: 1, ratePercent: 1, years: 1, account: a, interest: b}\n",
         "line 4: month: '13' must be a whole number from 1 to 12"),
    ])
    func badDriverFilesNameTheFileAndLine(_ text: String, _ message: String) throws {
        #expect {
            let model = try DriverModel.parse(text, file: "budgets/drivers/x.yaml", currency: Self.eur)
            _ = try model.evaluate(yearStart: try LocalDate(year: 2027, month: 1, day: 1), accounts: Self.chart, currency: Self.eur)
        } throws: { error in
            "\(error)".contains("budgets/drivers/x.yaml") && "\(error)".contains(message)
        }
    }
}
