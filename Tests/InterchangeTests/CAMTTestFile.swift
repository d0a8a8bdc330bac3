import Foundation

/// Small CAMT files written for a test, one element per line where the line matters: the header takes lines 1–10,
/// so the first line of `body` is line 11.
enum CAMTTestFile {
    static let namespace053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"

    static func statement(_ body: String, namespace: String = namespace053, message: String = "BkToCstmrStmt",
                          created: String = "2024-03-01T06:00:00+01:00", record: String = "Stmt") -> Data {
        let lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<Document xmlns="\#(namespace)">"#,
            "<\(message)>",
            "<GrpHdr><MsgId>M1</MsgId><CreDtTm>\(created)</CreDtTm></GrpHdr>",
            "<\(record)>",
            "<Id>S1</Id>",
            "<CreDtTm>2024-03-01T06:00:00+01:00</CreDtTm>",
            "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>",
            balance("OPBD", "100.00", "2024-02-29"),
            balance("CLBD", "87.50", "2024-03-01"),
            body,
            "</\(record)>",
            "</\(message)>",
            "</Document>",
        ]
        return Data(lines.joined(separator: "\n").utf8)
    }

    static func balance(_ code: String, _ amount: String, _ day: String) -> String {
        "<Bal><Tp><CdOrPrtry><Cd>\(code)</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">\(amount)</Amt>"
            + "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>\(day)</Dt></Dt></Bal>"
    }

    /// One entry on one line; pass nil to leave an element out.
    static func entry(amount: String? = "12.50", currency: String = "EUR", direction: String? = "DBIT",
                      booked: String? = "2024-03-01", reversal: Bool? = nil, details: String = "") -> String {
        var xml = "<Ntry>"
        if let amount { xml += "<Amt Ccy=\"\(currency)\">\(amount)</Amt>" }
        if let direction { xml += "<CdtDbtInd>\(direction)</CdtDbtInd>" }
        if let reversal { xml += "<RvslInd>\(reversal)</RvslInd>" }
        xml += "<Sts>BOOK</Sts>"
        if let booked { xml += "<BookgDt><Dt>\(booked)</Dt></BookgDt><ValDt><Dt>\(booked)</Dt></ValDt>" }
        if !details.isEmpty { xml += "<NtryDtls>\(details)</NtryDtls>" }
        return xml + "</Ntry>"
    }
}
