import Consolidation
import Core
import Testing

/// Published worked examples, every figure asserted (whole units, as published; credits negative).
@Suite struct WorkedExampleTests {
    /// IFRScommunity, "IAS 21 example: basic translation of a foreign operation" (knowledge base, IAS 21; calculation
    /// sheet updated 8 Nov 2018): parent A (EUR) owns 100% of X (USD) from 1 Jan 20X1; EUR/USD 1.1 at 1 Jan,
    /// 1.2 average, 1.3 at 31 Dec. Years 20X1 are written 2021.
    @Test func foreignSubsidiaryTranslatedWithItsReserveComputedTwoWays() throws {
        let a = Fixture.entity("a", [
            "investment": 1818.18, "assets": 8000, "share-capital": -3000, "liabilities": -5818.18,
            "revenue": -2500, "expenses": 1500,
        ])
        let x = Fixture.entity("x", currency: Fixture.usd, closing: "1.3", opening: "1.1", [
            "assets": 5300, "share-capital": -2000, "liabilities": -3000, "revenue": -1000, "expenses": 700,
        ], acquisition: ["share-capital": -2000], historical: "1.1",
           results: [("2021 average", "1.2", ["revenue": -1000, "expenses": 700])])
        let group = Fixture.group("ax", parent: "a", [Fixture.member("x", "100", acquired: "2021-01-01")])
        let c = try Fixture.consolidate(group, [a, x], date: "2021-12-31", yearStart: "2021-01-01")

        // X translated: assets and liabilities at 1.3, share capital at 1.1, revenue and expenses at 1.2.
        #expect(c.whole("assets", column: "x") == 4077)
        #expect(c.whole("liabilities", column: "x") == -2308)
        #expect(c.whole("share-capital", column: "x") == -1818)
        #expect(c.whole("revenue", column: "x") == -833)
        #expect(c.whole("expenses", column: "x") == 583)
        // The reserve: (299), of which (280) from opening net assets at 1.3 instead of 1.1 and (19) from the result
        // at 1.3 instead of 1.2; as the balancing figure of the translated trial balance, the same.
        let t = try #require(c.translations.first)
        #expect(t.entity == "x" && t.openingNetAssets == 200_000 && t.reserveAtStart == 0)
        #expect((t.fromOpeningNetAssets - 50) / 100 == -280)
        #expect((t.fromMovements - 50) / 100 == -19)
        #expect((t.reserve - 50) / 100 == -299)
        #expect(abs(t.reserve - t.reserveAtStart - (t.fromOpeningNetAssets + t.fromMovements)) <= 1)
        #expect(c.whole("cta", column: ConsolidatedSnapshot.translationColumn) == 299)
        // Each translated amount traces back to its balance and rate.
        let capital = try #require(t.lines.first { $0.account == "share-capital" })
        #expect(capital.method == .historical && capital.balance == -200_000 && capital.translated == -181_818)
        #expect(capital.rates == ["at acquisition 1.1: -2,000.00"])
        let revenue = try #require(t.lines.first { $0.account == "revenue" })
        #expect(revenue.method == .average && revenue.rates == ["2021 average 1.2: -1,000.00"] && revenue.translated == -83_333)
        // The group at 31 Dec 20X1: other assets 12,077; share capital 3,000; net income 1,250; CTA (299);
        // equity 3,951; liabilities 8,126; revenue 3,333; expenses 2,083; no goodwill (investment = equity at 1.1).
        #expect(c.whole("assets") == 12077)
        #expect(c.whole("investment") == 0 && c.whole("goodwill") == 0)
        #expect(c.whole("share-capital") == -3000)
        #expect(c.whole("revenue") == -3333 && c.whole("expenses") == 2083)
        #expect(c.whole("revenue") + c.whole("expenses") == -1250)
        #expect(c.whole("cta") == 299)
        #expect(c.whole("liabilities") == -8126)
        let equity = (c.total["share-capital"]! + c.total["cta"]! + c.total["revenue"]! + c.total["expenses"]!)
        #expect((equity - 50) / 100 == -3951)
        #expect(c.adjustments.allSatisfy { $0.balances })
    }

    /// Question 24.1.3, "cancellation with intra-group trading" (P Co and S Co, 31 December 20X6), as set in
    /// holooly.com's solutions to the textbook: P holds all 40,000 shares of S at cost 40,000; P's receivable from S
    /// of 2,000 cancels S's payable to P; P's bank balance is not netted against S's overdraft.
    @Test func intercompanyBalanceAndInvestmentCancelled() throws {
        let p = Fixture.entity("p", [
            "tangible": 35000, "investment": 40000, "inventories": 16000, "receivables": 8000, "cash": 1000,
            "share-capital": -70000, "retained": -16000, "payables": -14000,
        ], intercompany: [("receivables", "s", 2000)])
        let s = Fixture.entity("s", [
            "tangible": 45000, "inventories": 12000, "receivables": 9000,
            "share-capital": -40000, "retained": -19000, "overdraft": -3000, "payables": -4000,
        ], acquisition: ["share-capital": -40000], intercompany: [("payables", "p", -2000)])
        let c = try Fixture.consolidate(Fixture.group("ps", parent: "p", [Fixture.member("s", "100")]), [p, s])
        #expect(c.whole("tangible") == 80000 && c.whole("inventories") == 28000 && c.whole("receivables") == 15000)
        #expect(c.whole("cash") == 1000 && c.whole("overdraft") == -3000 && c.whole("payables") == -16000)
        #expect(c.whole("share-capital") == -70000 && c.whole("retained") == -35000 && c.whole("goodwill") == 0)
        let assets = ["tangible", "inventories", "receivables", "cash", "investment", "goodwill"].reduce(0) { $0 + c.whole($1) }
        #expect(assets == 124000)
        let ic = try #require(c.adjustments.first { $0.kind == .intercompanyBalance })
        #expect(ic.lines.map(\.amount).sorted() == [-200_000, 200_000])
        #expect(c.mismatches.isEmpty)
    }

    /// OpenTuition, FA "consolidated sale and cost of sale" (tutor's answer): Lexus owns 60% of Nexus, which sold it
    /// goods for 50,000 at a 25% mark-up, 40% still in stock. Revenue 450,000 (350 + 150 − 50); cost of sales
    /// 214,000 (200 + 60 − 50 + 4 unrealised profit); the 4,000 is borne 40% by the NCI.
    @Test func intercompanySaleAndUnrealisedProfitEliminated() throws {
        let lexus = Fixture.entity("lexus", [
            "investment": 100, "cash": 150, "revenue": -350, "cost-of-sales": 200, "share-capital": -100,
        ].mapValues { $0 * 1000 }, intercompany: [("cost-of-sales", "nexus", 50000)])
        let nexus = Fixture.entity("nexus", [
            "cash": 190, "inventories": 20, "revenue": -150, "cost-of-sales": 60, "share-capital": -120,
        ].mapValues { $0 * 1000 }, acquisition: ["share-capital": -120000], intercompany: [("revenue", "lexus", -50000)])
        let purp = UnrealisedProfit(year: 2024, month: 12, seller: "nexus", buyer: "lexus", amount: 400_000,
                                    inventoryAccount: "inventories", costAccount: "cost-of-sales")
        let c = try Fixture.consolidate(Fixture.group("ln", parent: "lexus", [
            Fixture.member("nexus", "60"),
        ], unrealisedProfits: [purp]), [lexus, nexus])
        #expect(c.whole("revenue") == -450_000)
        #expect(c.whole("cost-of-sales") == 214_000)
        #expect(c.whole("inventories") == 16_000)
        let up = try #require(c.adjustments.first { $0.kind == .unrealisedProfit })
        #expect(up.lines.contains { $0.account == "nci" && $0.amount == Fixture.units(1600) })
        #expect(c.mismatches.isEmpty)
    }

    /// OpenTuition, FA "Ask the tutor" (opentuition.com/?p=193036): Sand owns 80% of Sun; profits after tax Sand
    /// £120,000, Sun £35,000; Sun sold Sand goods for £40,000 at a margin of 40%, a quarter still in stock.
    /// Unrealised profit 4,000; profit attributable to the parent 144,800 (NCI 6,200).
    @Test func unrealisedProfitOfAPartlyOwnedSellerIsSharedWithTheNCI() throws {
        let sand = Fixture.entity("sand", [
            "investment": 50_000, "cash": 170_000, "share-capital": -100_000, "revenue": -160_000, "cost-of-sales": 40_000,
        ], intercompany: [("cost-of-sales", "sun", 40_000)])
        let sun = Fixture.entity("sun", [
            "cash": 97_500, "inventories": 10_000, "share-capital": -72_500, "revenue": -75_000, "cost-of-sales": 40_000,
        ], acquisition: ["share-capital": -62_500], intercompany: [("revenue", "sand", -40_000)])
        let purp = UnrealisedProfit(year: 2024, month: 12, seller: "sun", buyer: "sand", amount: Fixture.units(4000),
                                    inventoryAccount: "inventories", costAccount: "cost-of-sales")
        let c = try Fixture.consolidate(Fixture.group("ss", parent: "sand", [Fixture.member("sun", "80")],
                                                      unrealisedProfits: [purp]), [sand, sun])
        let profit = -(c.whole("revenue") + c.whole("cost-of-sales"))
        #expect(profit == 151_000)
        #expect(c.nonControllingResult == Fixture.units(6_200))
        #expect(profit - c.nonControllingResult / 100 == 144_800)
    }

    /// Tom Clendon, "A Student's Guide to Group Accounts" (Kaplan Publishing), answer "Lion": 75% acquired a year ago
    /// for 300, NCI at fair value 100; S's net assets 160 at acquisition (shares 100, reserves 60), 300 now.
    /// Goodwill 240, NCI 135, group retained earnings 265, total assets 1,390.
    @Test func partlyOwnedSubsidiaryWithGoodwillAndNCIAtFairValue() throws {
        let p = Fixture.entity("p", ["investment": 300, "tangible": 500, "current": 150, "share-capital": -650,
                                     "retained": -160, "liabilities": -140])
        let s = Fixture.entity("s", ["tangible": 400, "current": 100, "share-capital": -100, "retained": -200,
                                     "liabilities": -200], acquisition: ["share-capital": -100, "retained": -60])
        let c = try Fixture.consolidate(Fixture.group("lion", parent: "p", [
            Fixture.member("s", "75", nci: .fairValue(Fixture.units(100))),
        ]), [p, s])
        #expect(c.whole("goodwill") == 240 && c.whole("nci") == -135 && c.whole("retained") == -265)
        #expect(c.whole("tangible") == 900 && c.whole("current") == 250 && c.whole("share-capital") == -650)
        #expect(c.whole("liabilities") == -340)
        #expect(c.whole("goodwill") + c.whole("tangible") + c.whole("current") == 1390)
    }

    /// Kaplan, CIMA F1 Integrated Workbook (2018), chapter on the consolidated statement of financial position,
    /// Example 3: 80% for 1,540; S's net assets 1,030 at acquisition and 1,110 at 31 Dec 20X0; NCI proportionate.
    /// Goodwill 716, NCI 222, group retained earnings 3,064, total 6,286.
    @Test func partlyOwnedSubsidiaryWithNCIAtItsShareOfNetAssets() throws {
        let p = Fixture.entity("p", ["investment": 1540, "tangible": 3330, "current": 1030, "share-capital": -2500,
                                     "retained": -3000, "liabilities": -400])
        let s = Fixture.entity("s", ["tangible": 550, "current": 660, "retained": -1110, "liabilities": -100],
                               acquisition: ["retained": -1030])
        let c = try Fixture.consolidate(Fixture.group("f1", parent: "p", [Fixture.member("s", "80")]), [p, s])
        #expect(c.whole("goodwill") == 716 && c.whole("nci") == -222 && c.whole("retained") == -3064)
        #expect(c.whole("tangible") == 3880 && c.whole("current") == 1690 && c.whole("liabilities") == -500)
        #expect(c.whole("goodwill") + c.whole("tangible") + c.whole("current") == 6286)
    }

    /// Kaplan, CIMA F2 Integrated Workbook, Example 13.4 (2019) / 14.4: Stelling bought 75% of Kamara on 1 Jan 20X4
    /// for 210 (Kamara's reserves 69); Kamara bought 80% of Merse on 30 Jun 20X4 for 140 (Merse's reserves 42); NCI
    /// proportionate. Published: goodwill 27 on each; group share of Merse 60%. Consolidated: goodwill 54, other
    /// assets 1,033, share capital 350, retained earnings 208, NCI 91, other liabilities 438, total 1,087.
    /// Here Kamara's sub-group is consolidated first and then taken in as one entity; the NCI measured
    /// proportionately takes no part in the sub-group's goodwill, which gives the workbook's figures.
    @Test func threeLevelGroupConsolidatedLevelByLevel() throws {
        let kamara = Fixture.entity("kamara", ["investment": 140, "assets": 315, "share-capital": -175, "retained": -105,
                                               "liabilities": -175])
        let merse = Fixture.entity("merse", ["assets": 228, "share-capital": -88, "retained": -52, "liabilities": -88],
                                   acquisition: ["share-capital": -88, "retained": -42])
        let sub = try Fixture.consolidate(Fixture.group("kamara-group", parent: "kamara", [
            Fixture.member("merse", "80", acquired: "2024-06-30"),
        ]), [kamara, merse])
        #expect(sub.whole("goodwill") == 36 && sub.whole("nci") == -28 && sub.whole("retained") == -113)

        let stelling = Fixture.entity("stelling", ["investment": 210, "assets": 490, "share-capital": -350,
                                                   "retained": -175, "liabilities": -175])
        let atAcquisition = RatedAmounts(label: "at acquisition", rate: Fixture.one,
                                         amounts: ["share-capital": -17500, "retained": -6900])
        let kamaraGroup = sub.asEntity("kamara-group", title: "Kamara group", currency: Fixture.eur,
                                       groupTypes: Fixture.chart, equityAtAcquisition: atAcquisition)
        let c = try Fixture.consolidate(Fixture.group("stelling-group", parent: "stelling", [
            Fixture.member("kamara-group", "75", group: true),
        ]), [stelling, kamaraGroup])
        #expect(c.whole("goodwill") == 54 && c.whole("assets") == 1033 && c.whole("share-capital") == -350)
        #expect(c.whole("retained") == -208 && c.whole("nci") == -91 && c.whole("liabilities") == -438)
        #expect(c.whole("goodwill") + c.whole("assets") == 1087)
        let investment = try #require(c.adjustments.first { $0.kind == .investment })
        #expect(investment.lines.contains { $0.account == "goodwill" && $0.amount == 2700 })
    }

    /// Kaplan, CIMA F2 Integrated Workbook, Example 11.3 (Paulie and Sal, 31 Dec 20X8, $000): Paulie owes Sal 45 after
    /// recording a cheque of 9 that Sal has not received; Sal shows 54. The engine eliminates the 45 that match and
    /// reports the 9; once Sal records the cash in transit the current items are the workbook's: inventory 1,602,
    /// receivables 1,287, cash 882, payables 1,935.
    @Test func aMismatchedIntercompanyPairIsReported() throws {
        func books(salInTransit: Bool) -> [EntitySnapshot] {
            let paulie = Fixture.entity("paulie", ["investment": 100, "inventories": 1350, "receivables": 1170,
                                                   "cash": 720, "payables": -1620, "retained": -1720],
                                        intercompany: [("payables", "sal", -45)])
            let sal = Fixture.entity("sal", ["inventories": 252, "receivables": salInTransit ? 162 : 171,
                                             "cash": salInTransit ? 162 : 153, "payables": -360, "share-capital": -100,
                                             "retained": -116],
                                     acquisition: ["share-capital": -100],
                                     intercompany: [("receivables", "paulie", salInTransit ? 45 : 54)])
            return [paulie, sal]
        }
        let group = Fixture.group("ps", parent: "paulie", [Fixture.member("sal", "100")])
        let c = try Fixture.consolidate(group, books(salInTransit: false))
        let mismatch = try #require(c.mismatches.first)
        #expect(mismatch.kind == "balance" && mismatch.entity == "paulie" && mismatch.counterparty == "sal")
        #expect(mismatch.entityAmount == -4500 && mismatch.counterpartyAmount == 5400 && mismatch.difference == 900)
        #expect(c.whole("receivables") == 1296 && c.whole("payables") == -1935)

        let fixed = try Fixture.consolidate(group, books(salInTransit: true))
        #expect(fixed.mismatches.isEmpty)
        #expect(fixed.whole("inventories") == 1602 && fixed.whole("receivables") == 1287)
        #expect(fixed.whole("cash") == 882 && fixed.whole("payables") == -1935)
    }
}
