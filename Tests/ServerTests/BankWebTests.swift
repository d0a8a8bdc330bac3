import Core
import Foundation
import Ledger
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The bank page over loopback: a CAMT statement uploaded and matched, the rest posted by hand, roles enforced.
@Suite struct BankWebTests {
    static func camt(_ lines: [(amount: String, indicator: String, text: String)]) -> String {
        let entries = lines.map { l in
            """
            <Ntry><Amt Ccy="EUR">\(l.amount)</Amt><CdtDbtInd>\(l.indicator)</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2026-11-17</Dt></BookgDt><ValDt><Dt>2026-11-17</Dt></ValDt>
            <NtryDtls><TxDtls><RmtInf><Ustrd>\(l.text)</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            """
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-17T18:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>2026-11-17</Id><CreDtTm>2026-11-17T18:00:00</CreDtTm><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(entries)</Stmt></BkToCstmrStmt></Document>
            """
    }

    func upload(_ f: ServerFixture, _ session: ServerFixture.Session, _ file: String, name: String) async throws -> (Int, String, String?) {
        let boundary = "----ledgerops\(UUID().uuidString)"
        var body = ""
        for (field, value) in [("_csrf", session.csrf), ("match", "on")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
            + "Content-Type: application/xml\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)/administrations/m1/bank/import")!)
        request.httpMethod = "POST"
        request.setValue(session.cookie, forHTTPHeaderField: "Cookie")
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await f.noRedirects.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Location"))
    }

    func page(_ f: ServerFixture, _ session: ServerFixture.Session) async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(f.port)/administrations/m1/bank")!)
        request.setValue(session.cookie, forHTTPHeaderField: "Cookie")
        let (data, response) = try await f.noRedirects.data(for: request)
        #expect((response as! HTTPURLResponse).statusCode == 200)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aStatementIsUploadedMatchedAndTheRestPostedByHand() async throws {
        let f = try await ServerFixture()
        defer { f.stop() }
        let ledger = f.workspace.ledger
        let accounts = try await ledger.accounts("m1")
        func role(_ r: ControlRole) -> String { accounts.first { $0.control == r }!.code }
        let revenue = accounts.first { $0.type == .revenue && $0.vatCode == "V21" && $0.active }!.code
        let costs = accounts.first { $0.type == .expense && $0.active && $0.control == nil }!.code
        try await ledger.save(Relation(number: "K1", name: "Klant", kind: .customer), in: "m1")
        _ = try await ledger.post(EntryDraft(journal: "VK", date: day("2026-11-02"), description: "Factuur F-77", lines: [
            EntryLineDraft(account: role(.receivables), amount: 121_00, relation: "K1", invoice: "F-77"),
            EntryLineDraft(account: revenue, amount: -100_00, vatCode: "V21", vatAmount: -21_00),
            EntryLineDraft(account: role(.vatPayableHigh), amount: -21_00),
        ]), to: "m1")
        let statement = Self.camt([("121.00", "CRDT", "Betaling factuur F-77"), ("7.50", "DBIT", "Kosten pakket")])

        let vera = try await f.signIn("vera"), anna = try await f.signIn("anna")
        #expect(try await upload(f, vera, statement, name: "nov.xml").0 == 403)
        let uploaded = try await upload(f, anna, statement, name: "nov.xml")
        #expect(uploaded.0 == 303 && uploaded.2?.contains("1%20matched%20and%20posted") == true, "\(uploaded)")
        var html = try await page(f, anna)
        #expect(html.contains("To process: 1") && html.contains("Kosten pakket") && html.contains("invoice-number"))
        #expect(try await upload(f, anna, statement, name: "nov.xml").2?.contains("0%20new%2C%202%20already%20there") == true)

        let line = try #require(try await ledger.bankLines("m1", unprocessedOnly: true).first)
        let posted = try await WebTests().form(f, "/administrations/m1/bank/\(line.id)/post", "_csrf=\(anna.csrf)&account=\(costs)", session: anna)
        #expect(posted.status == 303)
        html = try await page(f, anna)
        #expect(html.contains("To process: 0") && html.contains("manual"))
        #expect(try await ledger.openItems("m1", today: day("2026-11-18")).items.isEmpty)

        let broken = try await upload(f, anna, "<?xml version=\"1.0\"?><Document>", name: "broken.xml")
        #expect(broken.0 == 422 && broken.1.contains("broken.xml") && broken.1.contains("nothing was written"))
    }
}
