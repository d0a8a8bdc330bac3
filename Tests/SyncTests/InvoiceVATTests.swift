import Core
import Foundation
import Ledger
import Reporting
import Sync
import Testing
import TestSupport

/// Every Dutch VAT code of the template, posted through an invoice: the exact amounts on the exact GL accounts and
/// the VAT return's boxes.
struct InvoiceVATTests {
    /// (code, invoice kind, VAT lines expected as account → signed amount, the gross on the control account, the
    /// VAT on the invoice, boxes expected as box → (turnover, VAT)).
    static let codes: [(String, String, [String: Int64], Int64, Int64, [String: (Int64?, Int64?)])] = [
        ("V21", "sales", ["16201": -21_000], 121_000, 21_000, ["1a": (1_000_00, 210_00), "5b": (nil, 0)]),
        ("V9", "sales", ["16203": -9_000], 109_000, 9_000, ["1b": (1_000_00, 90_00)]),
        ("VOV", "sales", ["16205": -19_000], 119_000, 19_000, ["1c": (1_000_00, 190_00)]),
        ("VPR", "sales", ["16208": -21_000], 121_000, 21_000, ["1d": (1_000_00, 210_00)]),
        ("V0", "sales", [:], 100_000, 0, ["1e": (1_000_00, nil), "5a": (nil, 0)]),
        ("VVL", "sales", [:], 100_000, 0, ["1e": (1_000_00, nil)]),
        ("VEX", "sales", [:], 100_000, 0, ["3a": (1_000_00, nil)]),
        ("VICP", "sales", [:], 100_000, 0, ["3b": (1_000_00, nil)]),
        ("VAFS", "sales", [:], 100_000, 0, ["3c": (1_000_00, nil)]),
        ("I21", "purchase", ["16219": 21_000], -121_000, 21_000, ["5b": (nil, 210_00), "5g": (nil, -210_00)]),
        ("I9", "purchase", ["16219": 9_000], -109_000, 9_000, ["5b": (nil, 90_00)]),
        ("I0", "purchase", [:], -100_000, 0, ["5b": (nil, 0)]),
        ("IVR", "purchase", [:], -100_000, 0, ["5b": (nil, 0)]),
        ("IVL", "purchase", ["16210": -21_000, "16219": 21_000], -100_000, 0,
         ["2a": (1_000_00, 210_00), "5b": (nil, 210_00), "5g": (nil, 0)]),
        ("IEU", "purchase", ["16217": -21_000, "16219": 21_000], -100_000, 0, ["4b": (1_000_00, 210_00), "5b": (nil, 210_00)]),
        ("INEU", "purchase", ["16215": -21_000, "16219": 21_000], -100_000, 0, ["4a": (1_000_00, 210_00), "5b": (nil, 210_00)]),
    ]

    @Test(arguments: codes)
    func vatLandsOnTheRightAccounts(_ code: String, _ kind: String, _ vatLines: [String: Int64], _ gross: Int64,
                                    _ invoiceVAT: Int64, _ boxes: [String: (Int64?, Int64?)]) async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let account = kind == "sales" ? f.t.revenue : f.t.expense
        let relation = kind == "sales" ? "C1" : "S1"
        let vatText = Money.format(invoiceVAT, digits: 2), totalText = Money.format(abs(gross), digits: 2)
        let reply = try await f.sync.postInvoice(
            SyncFixture.invoice(kind, number: "F-\(code)", relation: relation, lines: [(account, "1000.00", code, nil)],
                                totalVat: vatText, total: totalText),
            to: SyncFixture.admin, idempotencyKey: "k-\(code)")
        #expect(reply.body.created && !reply.replayed)
        #expect(reply.body.invoice.vat == vatText && reply.body.invoice.total == totalText)
        let entry = try await f.t.ledger.entry(reply.body.invoice.entry, in: SyncFixture.admin)
        #expect(entry.journal == (kind == "sales" ? "VK" : "IK") && entry.source == "crm")
        // The invoice's line: the net with its code and VAT, signed as booked.
        let sign: Int64 = kind == "sales" ? -1 : 1
        let lineVAT = Int64(vatLines.values.map(\.magnitude).max() ?? 0)
        #expect(entry.lines[0].account == account && entry.lines[0].amount == sign * 100_000)
        #expect(entry.lines[0].vatCode == code && entry.lines[0].vatAmount == sign * lineVAT)
        // The VAT lines, exactly, and nothing else but the control line.
        let control = entry.lines.last!
        #expect(control.account == f.t.code(kind == "sales" ? .receivables : .payables) && control.amount == gross)
        #expect(control.relation == relation && control.invoice == "F-\(code)")
        var posted: [String: Int64] = [:]
        for line in entry.lines.dropFirst().dropLast() { posted[line.account, default: 0] += line.amount }
        #expect(posted == vatLines)
        #expect(entry.lines.dropFirst().dropLast().allSatisfy { $0.vatCode == nil })
        // The open item, and the VAT return.
        let items = try await f.sync.openItems(SyncFixture.admin, relation: relation, today: day("2026-03-10")).items
        #expect(items.map(\.outstanding) == [totalText])
        let vatReturn = try await ReportService(ledger: f.t.ledger).vatReturn(SyncFixture.admin, from: day("2026-03-01"),
                                                                           to: day("2026-03-31"))
        for (id, (turnover, vat)) in boxes {
            let box = try #require(vatReturn.boxes.first { $0.id == id })
            #expect(box.turnover == turnover, "box \(id) turnover")
            #expect(box.vat == vat, "box \(id) VAT")
        }
    }

    @Test(arguments: [("V6", "sales"), ("I6", "purchase")])
    func historicalCodesAreRefusedAfter2018(_ code: String, _ kind: String) async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let before = try await f.t.counts()
        let body = SyncFixture.invoice(kind, number: "OLD-1", relation: kind == "sales" ? "C1" : "S1",
                                       lines: [(kind == "sales" ? f.t.revenue : f.t.expense, "100.00", code, nil)],
                                       totalVat: "6.00", total: "106.00")
        let error = await #expect(throws: SyncError.self) {
            try await f.sync.postInvoice(body, to: SyncFixture.admin, idempotencyKey: "old")
        }
        #expect(error?.code == "vat-code-not-valid" && error?.field == "lines[0].vatCode")
        #expect(error?.message.contains("it ended on 2018-12-31") == true)
        #expect(try await f.t.counts() == before)
        // In 2018 the same code is fine.
        try await f.t.ledger.openYear(2018, in: SyncFixture.admin)
        let in2018 = SyncFixture.invoice(kind, number: "OLD-1", relation: kind == "sales" ? "C1" : "S1", date: "2018-06-01",
                                         lines: [(kind == "sales" ? f.t.revenue : f.t.expense, "100.00", code, nil)],
                                         totalVat: "6.00", total: "106.00")
        let reply = try await f.sync.postInvoice(in2018, to: SyncFixture.admin, idempotencyKey: "old-2018")
        #expect(reply.body.invoice.vat == "6.00")
    }

    @Test func vatIsComputedPerCodeAndSpreadOntoTheLines() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        // Three lines of 0.50 at 9%: 0.045 each (0.05 rounded), but 9% of 1.50 is 0.135, so 0.14 on the invoice.
        let r = f.t.revenue
        let reply = try await f.sync.postInvoice(
            SyncFixture.invoice(number: "R-1", lines: [(r, "0.50", "V9", nil), (r, "0.50", "V9", nil), (r, "0.50", "V9", nil),
                                                      (r, "10.00", "V21", "P1")],
                                totalVat: "2.24", total: "13.74", vat: [("V9", "0.14"), ("V21", "2.10")]),
            to: SyncFixture.admin, idempotencyKey: "r1")
        let entry = try await f.t.ledger.entry(reply.body.invoice.entry, in: SyncFixture.admin)
        let v9 = entry.lines.filter { $0.vatCode == "V9" }
        #expect(v9.map { $0.vatAmount! }.reduce(0, +) == -14)
        #expect(v9.allSatisfy { ($0.vatAmount! - -5).magnitude <= 1 })
        #expect(entry.lines.first { $0.account == "16203" }?.amount == -14)
        #expect(entry.lines.first { $0.account == "16201" }?.amount == -210)
        #expect(entry.lines.first { $0.vatCode == "V21" }?.costCentre == "P1")
        #expect(reply.body.invoice.vatByCode.map(\.vat) == ["0.14", "2.10"])
        // The per-line sum (0.15) is not what the invoice shows: refused, naming both figures.
        let error = await #expect(throws: SyncError.self) {
            try await f.sync.postInvoice(
                SyncFixture.invoice(number: "R-2", lines: [(r, "0.50", "V9", nil), (r, "0.50", "V9", nil), (r, "0.50", "V9", nil)],
                                    totalVat: "0.15", total: "1.65"),
                to: SyncFixture.admin, idempotencyKey: "r2")
        }
        #expect(error?.code == "unbalanced" && error?.field == "totalVat")
        #expect(error?.message.contains("0.14") == true && error?.message.contains("0.15") == true)
    }

    @Test func aCreditNoteReversesTheSigns() async throws {
        let f = try await SyncFixture()
        defer { f.remove() }
        let reply = try await f.sync.postInvoice(
            SyncFixture.invoice(number: "CN-1", lines: [(f.t.revenue, "-100.00", "V21", nil)], totalVat: "-21.00", total: "-121.00"),
            to: SyncFixture.admin, idempotencyKey: "cn")
        let entry = try await f.t.ledger.entry(reply.body.invoice.entry, in: SyncFixture.admin)
        #expect(entry.lines.map(\.amount) == [10_000, 2_100, -12_100])
        let items = try await f.sync.openItems(SyncFixture.admin, relation: "C1", today: day("2026-05-01")).items
        #expect(items.map(\.outstanding) == ["-121.00"])
    }
}
