import Core
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("121.00", "EUR", Int64(12_100)), ("-0.05", "EUR", -5), ("7", "EUR", 700), ("0.5", "EUR", 50),
        ("150000", "JPY", 150_000), ("1.234", "KWD", 1_234), (".75", "EUR", 75), ("+3.10", "EUR", 310),
    ])
    func parsesExactly(_ text: String, _ currency: String, _ minor: Int64) throws {
        #expect(try Money(parsing: text, currency: CurrencyCode(currency)).minorUnits == minor)
    }

    @Test(arguments: [
        ("12.345", "EUR", "more decimals than EUR allows (2)"), ("1.5", "JPY", "more decimals than JPY allows (0)"),
        ("1,000.00", "EUR", "is not a decimal number"), ("1e3", "EUR", "is not a decimal number"),
        ("", "EUR", "is not a decimal number"), ("-", "EUR", "is not a decimal number"),
        ("99999999999999999999", "EUR", "too large"), ("12.", "EUR", "is not a decimal number"),
    ])
    func refusesBadAmounts(_ text: String, _ currency: String, _ message: String) throws {
        #expect { try Money(parsing: text, currency: CurrencyCode(currency), field: "debit") } throws: { error in
            let e = error as! CoreError
            return e.location == "debit" && e.message.contains(message)
        }
    }

    @Test func formats() {
        #expect(Money.format(-12_345_678, digits: 2) == "-123456.78")
        #expect(Money.formatGrouped(-12_345_678, digits: 2) == "-123,456.78")
        #expect(Money.formatGrouped(5, digits: 2) == "0.05")
        #expect(Money.formatGrouped(1_000, digits: 0) == "1,000")
    }

    @Test func roundsHalfAwayFromZero() throws {
        let rate = try DecimalNumber(parsing: "21", field: "rate")
        #expect(rate.percentOf(250) == 53)     // 52.5 → 53
        #expect(rate.percentOf(-250) == -53)
        #expect(rate.percentOf(1_000_00) == 210_00)
        let fx = try DecimalNumber(parsing: "0.92345", field: "rate")
        #expect(fx.multiply(100_00) == 9_235)  // 9234.5 → 9235
        #expect(fx.description == "0.92345")
        #expect(try DecimalNumber(parsing: "9.50", field: "r").description == "9.5")
    }

    @Test(arguments: ["EURO", "E1R", "", "€"])
    func refusesBadCurrencies(_ code: String) {
        #expect(throws: CoreError.self) { try CurrencyCode(code) }
    }
}

@Suite struct CalendarTests {
    @Test func dayNumbersRoundTrip() throws {
        var d = try LocalDate(parsing: "1999-12-25")
        for _ in 0..<2_000 {
            let next = d.adding(days: 1)
            #expect(LocalDate(dayNumber: d.dayNumber) == d)
            #expect(d.days(until: next) == 1 && d < next)
            d = next
        }
        #expect(try LocalDate(parsing: "2024-02-29").adding(months: 12) == LocalDate(parsing: "2025-02-28"))
        #expect(try LocalDate(parsing: "1970-01-01").dayNumber == 0)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-1", "26-01-01", "2026/01/01", "2026-00-10", "x"])
    func refusesBadDates(_ text: String) {
        #expect(throws: CoreError.self) { try LocalDate(parsing: text) }
    }

    @Test func fiscalYearStartingInJuly() throws {
        let c = try FiscalCalendar(startMonth: 7)
        #expect(c.fiscalYear(containing: try LocalDate(parsing: "2027-06-30")) == 2026)
        #expect(c.periodNumber(containing: try LocalDate(parsing: "2027-06-30")) == 12)
        #expect(c.periodNumber(containing: try LocalDate(parsing: "2026-07-01")) == 1)
        let year = c.makeYear(2026)
        #expect(year.periods.count == 14)
        #expect(year.periods[12].start == (try LocalDate(parsing: "2027-06-01")))
        #expect(year.end == (try LocalDate(parsing: "2027-06-30")))
        #expect(throws: CoreError.self) { try FiscalCalendar(startMonth: 13) }
    }
}
