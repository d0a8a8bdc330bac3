import Core
import Foundation
import Ledger
import Monitoring
import Store
import TestSupport
import Workspace

/// A workspace with `acme`, an mkb administration built so that every indicator has a known value and known items
/// on 2026-11-20, and `clean`, one with nothing to report.
struct MonitorFixture {
    static let today = day("2026-11-20")
    let directory: String
    let workspace: Workspace
    var ledger: LedgerService { workspace.ledger }
    var proposal: Int64 = 0

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-monitor-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: TestLedger.projectRoot, time: 1_767_225_600)
        for id in ["acme", "clean"] { _ = try await workspace.createAdministration(id: id, name: id.capitalized, cluster: "mkb", openYear: 2026) }
        try await build()
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func memo(_ debit: String, _ credit: String, _ amount: Int64, _ date: String) -> EntryDraft {
        EntryDraft(journal: "MEM", date: day(date), description: "Memo", lines: [
            EntryLineDraft(account: debit, amount: amount), EntryLineDraft(account: credit, amount: -amount),
        ])
    }

    func sale(_ invoice: String, _ customer: String, net: Int64, date: String, due: String, code: String = "V21") -> EntryDraft {
        let vat = code == "V21" ? net * 21 / 100 : 0
        var lines = [
            EntryLineDraft(account: "13011", amount: net + vat, relation: customer, invoice: invoice, dueDate: day(due)),
            EntryLineDraft(account: "80301", amount: -net, vatCode: code),
        ]
        if vat != 0 { lines.append(EntryLineDraft(account: "16201", amount: -vat)) }
        return EntryDraft(journal: "VK", date: day(date), description: "Invoice \(invoice)", lines: lines)
    }

    func purchase(_ invoice: String, amount: Int64, date: String, due: String) -> EntryDraft {
        EntryDraft(journal: "IK", date: day(date), description: "Purchase \(invoice)", lines: [
            EntryLineDraft(account: "46801", amount: amount),
            EntryLineDraft(account: "16011", amount: -amount, relation: "S1", invoice: invoice, dueDate: day(due)),
        ])
    }

    mutating func build() async throws {
        let a = "acme"
        try await ledger.setSetting("vat.period", to: .text("month"), in: a)
        for r in [
            Relation(number: "C1", name: "Klant Een", kind: .customer, country: "NL", iban: "NL01BANK0000000001",
                     vatNumber: "NL001B01", chamberOfCommerce: "11111111"),
            Relation(number: "C2", name: "Klant Twee", kind: .customer, country: "NL", chamberOfCommerce: "22222222"),
            Relation(number: "C3", name: "Kunde Drei", kind: .customer, country: "DE", iban: "NL03BANK0000000003"),
            Relation(number: "C4", name: "Klant Vier", kind: .customer, country: "NL", iban: "NL03BANK0000000003",
                     vatNumber: "NL004B01"),
            Relation(number: "S1", name: "Leverancier", kind: .supplier, country: "NL", iban: "NL05BANK0000000005",
                     vatNumber: "NL005B01", chamberOfCommerce: "55555555"),
        ] { try await ledger.save(r, in: a) }
        let posted = try await ledger.post([
            memo("10201", "05251", 10_000_00, "2026-01-02"),
            sale("F1", "C1", net: 1_000_00, date: "2026-09-10", due: "2026-10-10"),
            sale("F2", "C1", net: 100_00, date: "2026-10-16", due: "2026-11-15"),
            sale("F3", "C1", net: 200_00, date: "2026-11-01", due: "2026-12-31"),
            EntryDraft(journal: "VK", date: day("2026-10-20"), description: "Credit note", lines: [
                EntryLineDraft(account: "13011", amount: -50_00, relation: "C2", invoice: "CN1"),
                EntryLineDraft(account: "80301", amount: 50_00),
            ]),
            sale("F4", "C3", net: 300_00, date: "2026-10-05", due: "2026-11-04", code: "VICP"),
            purchase("P1", amount: 100_00, date: "2026-09-01", due: "2026-10-01"),
            purchase("P2", amount: 50_00, date: "2026-11-01", due: "2026-12-01"),
            memo("46801", "10101", 50_00, "2026-08-01"),        // cash in credit
            memo("14590", "10201", 75_00, "2026-10-01"),        // suspense
            memo("46801", "16101", 20_00, "2026-10-25"),        // net wages not paid
            memo("46801", "16221", 100_00, "2026-07-15"),       // VAT settlement left open
            memo("45105", "10201", 30_00, "2026-03-01"),        // an account to deactivate
            memo("02251", "10201", 3_600_00, "2026-06-15"),     // an asset, partly registered
            memo("43240", "02255", 10_00, "2026-06-30"),        // depreciation off the register
        ], to: a)
        _ = try await ledger.editAccount("45105", in: a) { $0.active = false }
        try await ledger.addAsset(FixedAsset(code: "LAPTOP", description: "Laptops", acquired: day("2026-06-15"), cost: 3_000_00,
                                             lifeMonths: 36, assetAccount: "02251", accumulatedAccount: "02255",
                                             expenseAccount: "43240", resultAccount: "43645"), to: a)
        _ = try await ledger.addBankLines([
            BankStatementLine(id: 0, account: "10201", date: day("2026-11-01"), amount: Money(minorUnits: 121_00, currency: .eur),
                              counterpartyName: "Klant Een", counterpartyIBAN: nil, description: "F2", reference: "L1", entryID: nil),
            BankStatementLine(id: 0, account: "10201", date: day("2026-11-10"), amount: Money(minorUnits: -50_00, currency: .eur),
                              counterpartyName: nil, counterpartyIBAN: nil, description: "kosten", reference: "L2", entryID: nil),
            BankStatementLine(id: 0, account: "10201", date: day("2026-11-15"), amount: Money(minorUnits: 30_00, currency: .eur),
                              counterpartyName: nil, counterpartyIBAN: nil, description: "?", reference: "L3", entryID: nil),
            BankStatementLine(id: 0, account: "10201", date: day("2026-11-18"), amount: Money(minorUnits: -75_00, currency: .eur),
                              counterpartyName: nil, counterpartyIBAN: nil, description: "booked", reference: "L4",
                              entryID: posted[9].entry.id),
        ], to: a)
        for period in 1...8 { try await ledger.setPeriod(.closed, year: 2026, period: period, in: a) }
        for period in 1...10 { try await ledger.setPeriod(.closed, year: 2026, period: period, in: "clean") }
        try await ledger.openYear(2025, in: a)
        for period in 1...12 { try await ledger.setPeriod(.closed, year: 2025, period: period, in: a) }
        try await ledger.setBudget("80301", month: day("2026-01-01"), amount: -1_000_00, in: a)
        try await ledger.setBudget("46801", month: day("2026-01-01"), amount: 500_00, in: a)
        proposal = try await workspace.store.write { tx in
            let previous = try tx.reconcilerRecord(a)
            _ = try tx.save(ReconcilerRecord(administration: a, status: "Drifted", reason: nil, message: nil,
                                             since: "2026-11-01T09:00:00Z", attemptedRevision: nil, desiredHash: nil,
                                             liveHash: nil, planHash: nil, suspended: false), previous: previous)
            let id = try tx.insertProposal(state: "distributing", toRevision: "r", createdAt: "t", body: { _ in "{}" },
                                           clusters: ["mkb"])
            try tx.startDistribution(id, items: [(admin: a, wave: 0)])
            try tx.setDistributionItem(id, admin: a, state: .failed, message: "boom")
            return id
        }
    }
}
