public import Core
import Foundation
public import Ledger
public import Store
public import Workspace

/// A fresh workspace in a temp folder with one administration `acme` on the shipped chart, a customer, a supplier
/// and a cost centre. Each test gets its own; nothing is shared between tests.
public struct TestLedger: Sendable {
    public static let admin = "acme"
    public let directory: String
    public let workspace: Workspace
    public var ledger: LedgerService { workspace.ledger }
    public var store: LedgerStore { workspace.store }
    public let chart: ChartOfAccounts

    /// The shipped base chart: `templates/base` of the project.
    public static var baseChartDirectory: String { projectRoot + "/templates/base" }

    public static var projectRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url = url.deletingLastPathComponent() }  // Tests/TestSupport/TestLedger.swift
        return url.path
    }

    public init(year: Int = 2026, fiscalYearStart: Int = 1) async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ledgerops-test-\(UUID().uuidString)").path
        workspace = try Workspace.initialize(directory, templatesFrom: Self.projectRoot, time: 1_767_225_600)
        var chart = try ChartLoader.load(directory: Self.baseChartDirectory)
        // One ordinary expense account starts inactive, so the rules about inactive accounts can be exercised.
        let inactive = chart.accounts.lastIndex { $0.type == .expense && $0.control == nil && $0.vatCode == "I21" }!
        chart.accounts[inactive].active = false
        self.chart = chart
        _ = try await workspace.ledger.createAdministration(
            Administration(id: Self.admin, name: "Acme B.V.", currency: .eur, fiscalYearStart: fiscalYearStart),
            chart: chart, openYear: year)
        try await ledger.save(Relation(number: "C1", name: "Klant Een", kind: .customer, paymentTermDays: 30), in: Self.admin)
        try await ledger.save(Relation(number: "S1", name: "Leverancier Een", kind: .supplier, paymentTermDays: 14), in: Self.admin)
        try await ledger.save(Relation(number: "B1", name: "Beide", kind: .both), in: Self.admin)
        try await ledger.save(CostCentre(code: "P1", name: "Project 1"), in: Self.admin)
        try await ledger.save(CostCentre(code: "OLD", name: "Closed project", active: false), in: Self.admin)
    }

    public func code(_ role: ControlRole) -> String { chart.account(for: role)!.code }

    /// An active revenue account with VAT code V21, and an expense account with I21.
    public var revenue: String { chart.accounts.first { $0.type == .revenue && $0.vatCode == "V21" }!.code }
    public var expense: String { chart.accounts.first { $0.type == .expense && $0.vatCode == "I21" && $0.active }!.code }
    public var inactiveAccount: String { chart.accounts.first { !$0.active }!.code }

    /// Counts of every ledger table: a rejected write must leave these unchanged.
    public func counts() async throws -> [String: Int] { try await store.tableCounts() }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

public func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

/// A sales invoice: receivable (gross) against revenue (net, V21) and VAT payable.
public func salesInvoice(_ t: TestLedger, net: Int64, date: String = "2026-03-10", invoice: String, relation: String = "C1",
                  reference: String? = nil) -> EntryDraft {
    let vat = net * 21 / 100
    return EntryDraft(
        journal: "VK", date: day(date), description: "Invoice \(invoice)", source: reference == nil ? nil : "test",
        reference: reference,
        lines: [
            EntryLineDraft(account: t.code(.receivables), amount: net + vat, relation: relation, invoice: invoice),
            EntryLineDraft(account: t.revenue, amount: -net, vatCode: "V21", vatAmount: -vat),
            EntryLineDraft(account: t.code(.vatPayableHigh), amount: -vat),
        ])
}

/// A bank receipt settling (part of) an invoice.
public func receipt(_ t: TestLedger, amount: Int64, date: String = "2026-04-01", invoice: String, relation: String = "C1")
    -> EntryDraft
{
    EntryDraft(journal: "BNK", date: day(date), description: "Receipt \(invoice)", lines: [
        EntryLineDraft(account: t.code(.bank), amount: amount),
        EntryLineDraft(account: t.code(.receivables), amount: -amount, relation: relation, invoice: invoice),
    ])
}

/// A plain two-line journal entry.
public func memo(_ debit: String, _ credit: String, _ amount: Int64, date: String = "2026-03-15", costCentre: String? = nil)
    -> EntryDraft
{
    EntryDraft(journal: "MEM", date: day(date), description: "Memo", lines: [
        EntryLineDraft(account: debit, amount: amount, costCentre: costCentre),
        EntryLineDraft(account: credit, amount: -amount),
    ])
}
