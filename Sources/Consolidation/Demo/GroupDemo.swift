public import Core
import Foundation
import GitSource
import Ledger
import Store
public import Workspace

/// A generated group for demos, tests and the benchmark: a EUR parent and members in EUR, NOK and USD, a year of
/// monthly trading with intercompany sales between members and the parent, rates per month, and the group file
/// committed to the template repository and applied. Deterministic from its seed.
public struct GroupDemo: Sendable {
    public var name: String
    public var members: Int
    public var year: Int
    public var seed: UInt64
    /// The last month traded (12: the whole year).
    public var months: Int

    public init(name: String = "demo-group", members: Int = 49, year: Int = 2026, seed: UInt64 = 7, months: Int = 12) {
        self.name = name
        self.members = members
        self.year = year
        self.seed = seed
        self.months = max(1, min(12, months))
    }

    static let currencies = ["EUR", "NOK", "USD"]
    static let bank = "10201", capital = "05011", debts = "08701", receivables = "13011", payables = "16011"

    var parent: String { "\(name)-parent" }
    func member(_ i: Int) -> String { "\(name)-\(String(format: "%03d", i))" }

    /// Creates the administrations, books, rates and group file; returns the administration ids, parent first.
    @discardableResult
    public func generate(in workspace: Workspace, chart: ChartOfAccounts) async throws -> [String] {
        var random = SeededGenerator(seed: seed)
        let ledger = workspace.ledger
        let ids = [parent] + (1...members).map(member)
        let currencyOf = Dictionary(uniqueKeysWithValues: ids.enumerated().map { i, id in
            (id, try! CurrencyCode(i == 0 ? "EUR" : Self.currencies[i % Self.currencies.count]))
        })
        guard let revenue = chart.accounts.first(where: { $0.type == .revenue && $0.rgsCode?.hasPrefix("WOmz") == true })?.code,
              let cost = chart.accounts.first(where: { $0.type == .expense && $0.rgsCode?.hasPrefix("WBed") == true })?.code
        else { throw ConsolidationError("the chart has no revenue (WOmz) or cost (WBed) account for the demo group") }
        let entityChart = chart
        let accounts = (revenue: revenue, cost: cost)
        _ = try await ledger.createAdministrations(ids.map { id in
            (Administration(id: id, name: id == parent ? "Demo Holding" : "Demo \(id.suffix(3))", currency: currencyOf[id]!),
             entityChart, nil)
        }, openYear: year)
        // Rates: per foreign currency, a closing rate for December before and each month, and monthly averages.
        var rates: [ExchangeRate] = []
        for (code, start) in [("NOK", 1_160), ("USD", 108)] {
            var level = start
            for month in 0...12 {
                let date = try LocalDate(year: year, month: 1, day: 1).adding(months: month - 1)
                let label = "\(date.year)-" + (date.month < 10 ? "0" : "") + "\(date.month)"
                let next = level + Int.random(in: -(start / 50)...(start / 50), using: &random)
                rates.append(ExchangeRate(base: .eur, quote: try CurrencyCode(code), period: label,
                                          closing: DecimalNumber(mantissa: Int64(next), scale: 2),
                                          average: month == 0 ? nil : DecimalNumber(mantissa: Int64(level + next) * 5, scale: 3)))
                level = next
            }
        }
        let fixedRates = rates
        try await workspace.store.write { tx in for rate in fixedRates { try tx.upsert(rate) } }
        func rate(_ code: CurrencyCode, month: Int) -> DecimalNumber {
            guard code != .eur else { return DecimalNumber(mantissa: 1, scale: 0) }
            let label = month == 0 ? "\(year - 1)-12" : "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
            return fixedRates.first { $0.quote == code && $0.period == label }!.closing!
        }
        // Relations standing for group entities: the parent in each member, each member in the parent.
        for id in ids.dropFirst() {
            try await ledger.save(Relation(number: "IC-\(parent)", name: "Demo Holding", kind: .both, groupEntity: parent), in: id)
            try await ledger.save(Relation(number: "IC-\(id)", name: "Demo \(id.suffix(3))", kind: .both, groupEntity: id),
                                  in: parent)
        }
        var members: [String] = []
        var parentOpening: [EntryLineDraft] = []
        var investments: Int64 = 0
        var parentPurchases: [EntryDraft] = []
        for (index, id) in ids.enumerated().dropFirst() {
            let currency = currencyOf[id]!
            let capital = Int64.random(in: 50_000...500_000, using: &random) * 100
            let debts = Int64.random(in: 10_000...200_000, using: &random) * 100
            let ownership = [100, 100, 80, 75, 60][index % 5]
            // The parent paid the members' equity at the opening rate, its share, and a premium: goodwill.
            let inEUR = rate(currency, month: 0).translate(capital, fromDigits: currency.minorDigits, toDigits: 2)
            let cost = inEUR * Int64(ownership) / 100 + Int64.random(in: 0...inEUR / 10, using: &random)
            let account = "047" + String(format: "%02d", index % 100) + String(index / 100)
            try await ledger.addAccount(Account(code: account, name: "Deelneming \(id)", type: .asset, normalSide: .debit,
                                                rgsCode: "BFvaLenLen"), to: parent)
            parentOpening.append(EntryLineDraft(account: account, amount: cost))
            investments += cost
            members.append("""
                  - administration: \(id)
                    ownership: \(ownership)
                    investment: "\(account)"
                    acquired: \(year)-01-01
                """)
            var drafts = [EntryDraft(journal: "MEM", date: try LocalDate(year: year, month: 1, day: 1), description: "Opening",
                                     kind: .opening, lines: [
                                         EntryLineDraft(account: Self.bank, amount: capital + debts),
                                         EntryLineDraft(account: Self.capital, amount: -capital),
                                         EntryLineDraft(account: Self.debts, amount: -debts),
                                     ])]
            let (trade, invoices) = try trading(id: id, currency: currency, accounts: accounts, random: &random)
            drafts += trade
            _ = try await ledger.post(drafts, to: id)
            // The holding books each invoice at the month's closing rate: members in EUR match to the cent, the
            // others differ by what the rates make of them, and the consolidation reports that.
            for (month, amount) in invoices {
                let date = try LocalDate(year: year, month: month, day: 15)
                let inEUR = rate(currency, month: month).translate(amount, fromDigits: currency.minorDigits, toDigits: 2)
                parentPurchases.append(EntryDraft(journal: "MEM", date: date, description: "Invoice from \(id) \(month)", lines: [
                    EntryLineDraft(account: accounts.cost, amount: inEUR),
                    EntryLineDraft(account: Self.payables, amount: -inEUR, relation: "IC-\(id)", invoice: "\(id)-\(month)")]))
            }
        }
        let parentCapital = investments + 1_000_000_00
        var parentDrafts = [EntryDraft(journal: "MEM", date: try LocalDate(year: year, month: 1, day: 1), description: "Opening",
                                       kind: .opening, lines: parentOpening + [
                                           EntryLineDraft(account: Self.bank, amount: 1_000_000_00),
                                           EntryLineDraft(account: Self.capital, amount: -parentCapital),
                                       ])]
        parentDrafts += try trading(id: parent, currency: .eur, accounts: accounts, random: &random).drafts + parentPurchases
        _ = try await ledger.post(parentDrafts, to: parent)
        let file = """
            name: \(name)
            title: Demo group
            currency: EUR
            parent: \(parent)
            members:
            \(members.joined(separator: "\n"))

            """
        let commit = try workspace.templates.commit([.write(path: "groups/\(name).yaml", contents: Array(file.utf8))],
                                                    on: workspace.settings.branch, message: "Add group \(name)\n",
                                                    author: GitSignature(name: "LedgerOps demo", email: "demo@ledgerops.invalid",
                                                                         time: 1_767_225_600))
        let groupName = name
        try await workspace.store.write { tx in try tx.applyGroup(groupName, revision: commit.hex, proposal: nil, at: "demo") }
        return ids
    }

    /// A year of monthly sales and costs; members also sell to the parent, and buy from it, on account.
    func trading(id: String, currency: CurrencyCode, accounts: (revenue: String, cost: String),
                 random: inout SeededGenerator) throws
        -> (drafts: [EntryDraft], invoices: [(Int, Int64)])
    {
        var drafts: [EntryDraft] = []
        var invoices: [(Int, Int64)] = []
        let scale = currency.code == "NOK" ? 10 : 1
        for month in 1...12 {
            let date = try LocalDate(year: year, month: month, day: 15)
            // Drawn for every month, so the figures of a month do not depend on how many are traded.
            defer { _ = random.next() }
            guard month <= months else { continue }
            let sales = Int64.random(in: 5_000...50_000, using: &random) * 100 * Int64(scale)
            let costs = sales * Int64.random(in: 60...95, using: &random) / 100
            drafts.append(EntryDraft(journal: "MEM", date: date, description: "Sales \(month)", lines: [
                EntryLineDraft(account: Self.bank, amount: sales), EntryLineDraft(account: accounts.revenue, amount: -sales)]))
            drafts.append(EntryDraft(journal: "MEM", date: date, description: "Costs \(month)", lines: [
                EntryLineDraft(account: accounts.cost, amount: costs), EntryLineDraft(account: Self.bank, amount: -costs)]))
            if id != parent && month % 3 == 0 {
                let ic = Int64.random(in: 1_000...5_000, using: &random) * 100 * Int64(scale)
                drafts.append(EntryDraft(journal: "MEM", date: date, description: "Invoice to the holding \(month)", lines: [
                    EntryLineDraft(account: Self.receivables, amount: ic, relation: "IC-\(parent)", invoice: "\(id)-\(month)"),
                    EntryLineDraft(account: accounts.revenue, amount: -ic)]))
                invoices.append((month, ic))
            }
        }
        return (drafts, invoices)
    }
}
