import Core
import Foundation
import Ledger
import Store
import Testing
import TestSupport

/// Thousands of seeded random operations — posts, rejected posts, replays, reversals, settlements, period closings
/// and reopenings, a year-end — each checked against a plain in-memory model of what the books must hold.
@Suite struct RandomOperationTests {
    struct Key: Hashable, CustomStringConvertible {
        var year: Int, period: Int, account: String, costCentre: String
        var description: String { "\(year)-\(period) \(account) \(costCentre)" }
    }

    /// The model: balances and open items computed naïvely from what was accepted.
    struct Model {
        var balances: [Key: AccountTotals] = [:]
        var openItems: [String: Int64] = [:]
        var closedSnapshots: [Int: [Int: [Key: AccountTotals]]] = [:]
        var keyed: [EntryDraft] = []
        var reversible: [(number: Int64, period: Int)] = []

        mutating func apply(_ entry: PostedEntry, controls: Set<String>) {
            for line in entry.lines {
                let key = Key(year: entry.year, period: entry.period, account: line.account, costCentre: line.costCentre ?? "")
                balances[key, default: .init()] = balances[key, default: .init()]
                    + AccountTotals(debit: max(line.amount, 0), credit: max(-line.amount, 0))
                if controls.contains(line.account), entry.kind != .opening && entry.kind != .closing,
                   let relation = line.relation {
                    openItems["\(line.account)/\(relation)/\(line.invoice ?? "#\(entry.number)")", default: 0] += line.amount
                }
            }
        }

        func snapshot(year: Int, period: Int) -> [Key: AccountTotals] {
            balances.filter { $0.key.year == year && $0.key.period == period }
        }
    }

    @Test(arguments: [UInt64(20261122), 7, 424_242])
    func randomOperationsKeepTheBooksRight(seed: UInt64) async throws {
        let t = try await TestLedger(year: 2026)
        defer { t.remove() }
        var rng = SeededGenerator(seed: seed)
        var model = Model()
        var states: [Int: [Int: PeriodState]] = [2026: Dictionary(uniqueKeysWithValues: (0...13).map { ($0, .open) })]
        let controls: Set<String> = [t.code(.receivables), t.code(.payables)]
        let expenses = t.chart.accounts.filter { $0.type == .expense && $0.active && $0.control == nil }.map(\.code).prefix(8)
        var year = 2026
        var invoices = 0
        let steps = 2_500
        let admin = TestLedger.admin
        let usd = try CurrencyCode("USD")

        func openPeriods() -> [Int] { (1...12).filter { states[year]?[$0] == .open } }
        func randomDate(_ rng: inout SeededGenerator) -> LocalDate? {
            guard let p = openPeriods().randomElement(using: &rng) else { return nil }
            return try! LocalDate(year: year, month: p, day: rng.int(1...28))
        }

        for step in 0..<steps {
            let context = "seed \(seed), step \(step)"
            if step == steps * 3 / 4 && year == 2026 {
                // Year-end: the model computes the closing and opening by hand.
                let result = try await t.ledger.closeYear(2026, in: admin)
                var pl: [String: Int64] = [:], bs: [String: Int64] = [:]
                let byCode = Dictionary(uniqueKeysWithValues: t.chart.accounts.map { ($0.code, $0) })
                for (k, v) in model.balances where k.year == 2026 {
                    if byCode[k.account]!.type.isBalanceSheet { bs[k.account, default: 0] += v.net } else { pl[k.account, default: 0] += v.net }
                }
                let profit = -pl.values.reduce(0, +)
                #expect(result.result == profit, "\(context): year result")
                for (account, net) in pl where net != 0 {
                    let k = Key(year: 2026, period: 13, account: account, costCentre: "")
                    model.balances[k, default: .init()] = model.balances[k, default: .init()]
                        + AccountTotals(debit: max(-net, 0), credit: max(net, 0))
                }
                if profit != 0 {
                    let k = Key(year: 2026, period: 13, account: t.code(.retainedEarnings), costCentre: "")
                    model.balances[k, default: .init()] = model.balances[k, default: .init()]
                        + AccountTotals(debit: max(-profit, 0), credit: max(profit, 0))
                    bs[t.code(.retainedEarnings), default: 0] -= profit
                }
                for p in 0...13 { model.closedSnapshots[2026, default: [:]][p] = model.snapshot(year: 2026, period: p) }
                states[2026] = Dictionary(uniqueKeysWithValues: (0...13).map { ($0, .locked) })
                let opening = try await t.store.read { tx in try tx.periodBalances(admin, year: 2027) }
                    .filter { $0.period == 0 }
                var openingNet: [String: Int64] = [:]
                for b in opening { openingNet[b.account, default: 0] += b.net }
                #expect(openingNet == bs.filter { $0.value != 0 }, "\(context): opening balances 2027")
                for b in opening {
                    model.balances[Key(year: 2027, period: 0, account: b.account, costCentre: "")] =
                        AccountTotals(debit: b.debit, credit: b.credit)
                }
                year = 2027
                states[2027] = Dictionary(uniqueKeysWithValues: (0...13).map { ($0, .open) })
                model.reversible.removeAll()
                continue
            }

            let roll = rng.int(1...100)
            switch roll {
            case 1...30:  // a sale, sometimes keyed
                guard let date = randomDate(&rng) else { break }
                invoices += 1
                var draft = salesInvoice(t, net: Int64(rng.int(1...500_000)), date: date.description, invoice: "R\(invoices)",
                                         relation: rng.chance(70) ? "C1" : "B1",
                                         reference: rng.chance(50) ? "sale-\(invoices)" : nil)
                if rng.chance(30) { draft.lines[1].costCentre = "P1" }
                let r = try await t.ledger.post(draft, to: admin)
                #expect(r.created, "\(context)")
                model.apply(r.entry, controls: controls)
                if draft.reference != nil { model.keyed.append(draft) }
                model.reversible.append((r.entry.number, r.entry.period))
            case 31...45:  // a purchase, sometimes in dollars
                guard let date = randomDate(&rng) else { break }
                invoices += 1
                let net = Int64(rng.int(1...200_000))
                let draft: EntryDraft
                if rng.chance(20) {
                    let rate = DecimalNumber(mantissa: Int64(rng.int(8_000...9_999)), scale: 4)
                    let base = rate.multiply(net)
                    draft = EntryDraft(journal: "IK", date: date, description: "US purchase", lines: [
                        EntryLineDraft(account: expenses.randomElement(using: &rng)!, amount: base),
                        EntryLineDraft(account: t.code(.payables), amount: -net, currency: usd, rate: rate, baseAmount: -base,
                                       relation: "S1", invoice: "P\(invoices)")])
                } else {
                    let vat = net * 21 / 100 + ((net * 21) % 100 >= 50 ? 1 : 0)
                    draft = EntryDraft(journal: "IK", date: date, description: "Purchase", lines: [
                        EntryLineDraft(account: expenses.randomElement(using: &rng)!, amount: net, vatCode: "I21", vatAmount: vat),
                        EntryLineDraft(account: t.code(.vatReceivable), amount: vat),
                        EntryLineDraft(account: t.code(.payables), amount: -(net + vat), relation: rng.chance(80) ? "S1" : "B1",
                                       invoice: "P\(invoices)")])
                }
                let r = try await t.ledger.post(draft, to: admin)
                model.apply(r.entry, controls: controls)
                model.reversible.append((r.entry.number, r.entry.period))
            case 46...60:  // a settlement: part or all of an open receivable
                guard let date = randomDate(&rng) else { break }
                let open = model.openItems.filter { $0.key.hasPrefix(t.code(.receivables) + "/") && $0.value > 0 }
                    .sorted { $0.key < $1.key }
                guard let (key, outstanding) = open.randomElement(using: &rng) else { break }
                let parts = key.split(separator: "/").map(String.init)
                let amount = rng.chance(50) ? outstanding : Int64(rng.int(1...Int(outstanding)))
                let r = try await t.ledger.post(receipt(t, amount: amount, date: date.description, invoice: parts[2],
                                                        relation: parts[1]), to: admin)
                model.apply(r.entry, controls: controls)
                model.reversible.append((r.entry.number, r.entry.period))
            case 61...68:  // a rejected entry: unbalanced, or in a closed period
                let before = try await t.counts()
                var bad = memo(expenses.first!, t.code(.bank), Int64(rng.int(1...10_000)),
                               date: (randomDate(&rng) ?? day("\(year)-06-15")).description)
                if rng.chance(50), let closed = (1...12).first(where: { states[year]?[$0] != .open }) {
                    bad.date = try LocalDate(year: year, month: closed, day: 10)
                } else {
                    bad.lines[1].amount += 1
                }
                await #expect(throws: LedgerError.self, "\(context): a bad entry was accepted") {
                    try await t.ledger.post(bad, to: admin)
                }
                #expect(try await t.counts() == before, "\(context): a rejected entry wrote something")
            case 69...76:  // a replay of a keyed entry
                guard let draft = model.keyed.randomElement(using: &rng) else { break }
                let before = try await t.counts()
                let r = try await t.ledger.post(draft, to: admin)
                #expect(!r.created, "\(context): a replay posted again")
                #expect(try await t.counts() == before, "\(context): a replay wrote something")
            case 77...84:  // a reversal
                guard !model.reversible.isEmpty else { break }
                let index = rng.int(0...(model.reversible.count - 1))
                let target = model.reversible.remove(at: index)
                let date = states[year]?[target.period] == .open ? nil : randomDate(&rng)
                if states[year]?[target.period] != .open && date == nil { break }
                let r = try await t.ledger.reverse(entry: target.number, in: admin, on: date)
                model.apply(r, controls: controls)
            case 85...93:  // close an open period
                let open = openPeriods()
                guard open.count > 3, let p = open.randomElement(using: &rng) else { break }
                try await t.ledger.setPeriod(.closed, year: year, period: p, in: admin)
                states[year]?[p] = .closed
                model.closedSnapshots[year, default: [:]][p] = model.snapshot(year: year, period: p)
            default:  // reopen a closed period
                guard let p = (1...12).filter({ states[year]?[$0] == .closed }).randomElement(using: &rng) else { break }
                try await t.ledger.setPeriod(.open, year: year, period: p, in: admin)
                states[year]?[p] = .open
                model.closedSnapshots[year]?[p] = nil
            }

            // After every step: the store agrees with the model, and with itself.
            let maintained = try await t.store.read { tx in try tx.allBalances(admin) }
            var stored: [Key: AccountTotals] = [:]
            var debit: Int64 = 0, credit: Int64 = 0
            for b in maintained {
                stored[Key(year: b.year, period: b.period, account: b.account, costCentre: b.costCentre)] =
                    AccountTotals(debit: b.debit, credit: b.credit)
                debit += b.debit
                credit += b.credit
            }
            #expect(debit == credit, "\(context): debits \(debit) ≠ credits \(credit)")
            guard stored == model.balances else {
                let differing = Set(stored.keys).union(model.balances.keys).filter { stored[$0] != model.balances[$0] }
                let shown = differing.map { k in
                    "\(k): stored \(String(describing: stored[k])), model \(String(describing: model.balances[k]))"
                }.sorted().prefix(5).joined(separator: "; ")
                Issue.record("\(context): maintained balances differ from the model: \(shown)")
                break
            }
            for (y, periods) in model.closedSnapshots {
                for (p, snapshot) in periods {
                    #expect(stored.filter { $0.key.year == y && $0.key.period == p } == snapshot,
                            "\(context): closed period \(y)-\(p) changed")
                }
            }
            if step % 25 == 0 || step == steps - 1 {
                let summed = try await t.store.read { tx in try tx.balancesFromLines(admin) }
                #expect(Set(summed) == Set(maintained), "\(context): maintained balances differ from the posted lines")
                let vatFromLines = try await t.store.read { tx in try tx.vatTotalsFromLines(admin) }
                let vatMaintained = try await t.store.read { tx in try tx.vatTotals(admin) }
                #expect(Set(vatFromLines.filter { $0.base != 0 || $0.vat != 0 })
                    == Set(vatMaintained.filter { $0.base != 0 || $0.vat != 0 }),
                        "\(context): maintained VAT totals differ from the posted lines")
                let items = try await t.store.read { tx in try tx.openItems(admin, includeSettled: true) }
                let stored = Dictionary(uniqueKeysWithValues: items.map { ("\($0.account)/\($0.relation)/\($0.invoice)", $0.outstanding) })
                #expect(stored == model.openItems, "\(context): open items differ from the model")
            }
        }
    }
}
