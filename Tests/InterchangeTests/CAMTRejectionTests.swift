import Foundation
import Interchange
import Testing

/// A CAMT file that must be refused: the line the error names and words of its message.
struct BadCAMT: Sendable, CustomTestStringConvertible {
    let name: String
    let data: Data
    let line: Int
    let words: [String]
    var testDescription: String { name }

    init(_ name: String, _ data: Data, line: Int, _ words: String...) {
        self.name = name
        self.data = data
        self.line = line
        self.words = words
    }

    init(_ name: String, _ xml: String, line: Int, _ words: String...) {
        self.name = name
        data = Data(xml.utf8)
        self.line = line
        self.words = words
    }

    /// A statement whose second entry (line 12) is `entry`, after a good one on line 11.
    init(entry name: String, _ entry: String, _ words: String...) {
        self.name = name
        data = CAMTTestFile.statement(CAMTTestFile.entry() + "\n" + entry)
        line = 12
        self.words = words
    }
}

@Suite struct CAMTRejectionTests {
    static let cases: [BadCAMT] = [
        BadCAMT("another root",
                "<?xml version=\"1.0\"?>\n<auditfile xmlns=\"http://www.auditfiles.nl/XAF/3.2\">\n</auditfile>",
                line: 2,
                "the root element is <auditfile>, not <Document>", "not a CAMT bank statement"),
        BadCAMT("a payment order, not a statement",
                CAMTTestFile.statement("", namespace: "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"), line: 2,
                "namespace 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03' is not a CAMT bank statement",
                "camt.052, camt.053 or camt.054 in version 02 to 08"),
        BadCAMT("a version after 08",
                CAMTTestFile.statement("", namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.09"), line: 2,
                "'urn:iso:std:iso:20022:tech:xsd:camt.053.001.09' is not a CAMT bank statement"),
        BadCAMT("no namespace", CAMTTestFile.statement("", namespace: ""), line: 2,
                "namespace '' is not a CAMT bank statement"),
        BadCAMT("a report namespace around a statement",
                CAMTTestFile.statement("", namespace: "urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"), line: 3,
                "<Document> of camt.052 holds <BkToCstmrStmt>, expected <BkToCstmrAcctRpt>"),
        BadCAMT("a truncated file", String(decoding: CAMTTestFile.statement(CAMTTestFile.entry()), as: UTF8.self)
                    .components(separatedBy: "\n").prefix(11).joined(separator: "\n"),
                line: 11, "not a complete, well-formed XML file"),
        BadCAMT("a tag closed by another name", CAMTTestFile.statement("<Ntry></Nrty>"), line: 11,
                "not a complete, well-formed XML file"),
        BadCAMT("an empty file", "\n", line: 0, "the file is empty"),
        BadCAMT("no XML at all", ":20:STARTUMS\n:25:NL91ABNA0417164300", line: 1,
                "not a complete, well-formed XML file"),
        BadCAMT(entry: "an entry without amount", CAMTTestFile.entry(amount: nil),
                "<Ntry> has no <Amt>: every entry needs an amount"),
        BadCAMT(entry: "an entry without direction", CAMTTestFile.entry(direction: nil),
                "<Ntry> has no <CdtDbtInd>", "CRDT (money in) or DBIT (money out)"),
        BadCAMT(entry: "an unknown direction", CAMTTestFile.entry(direction: "CR"),
                "<CdtDbtInd> 'CR' of an entry is neither CRDT (credit, money in) nor DBIT (debit, money out)"),
        BadCAMT(entry: "a decimal comma", CAMTTestFile.entry(amount: "12,50"),
                "<Amt> '12,50' has a decimal comma; CAMT writes amounts with a point (e.g. 12.50)"),
        BadCAMT(entry: "a negative amount", CAMTTestFile.entry(amount: "-12.50"),
                "<Amt> '-12.50' has a sign", "<CdtDbtInd> gives the direction"),
        BadCAMT(entry: "an amount that is no number", CAMTTestFile.entry(amount: "12.5O"),
                "<Amt> '12.5O' is not an amount (write e.g. 1234.56)"),
        BadCAMT(entry: "too many decimals", CAMTTestFile.entry(amount: "12.505"),
                "<Amt> '12.505' has more decimals than EUR allows (2)"),
        BadCAMT(entry: "decimals on yen", CAMTTestFile.entry(amount: "1250.5", currency: "JPY"),
                "<Amt> '1250.5' has more decimals than JPY allows (0)"),
        BadCAMT(entry: "an unknown currency", CAMTTestFile.entry(currency: "EUX"),
                "<Amt> names currency 'EUX', which is not an ISO 4217 currency code"),
        BadCAMT(entry: "a day that does not exist", CAMTTestFile.entry(booked: "2024-02-30"),
                "<Dt> '2024-02-30' is not a date (YYYY-MM-DD, e.g. 2015-01-31)"),
        BadCAMT(entry: "a Dutch date", CAMTTestFile.entry(booked: "01-03-2024"), "<Dt> '01-03-2024' is not a date"),
        BadCAMT(entry: "an entry without dates", CAMTTestFile.entry(booked: nil),
                "<Ntry> has neither <BookgDt> nor <ValDt>: the entry of 12.50 EUR cannot be dated"),
        BadCAMT("a creation time without T",
                CAMTTestFile.statement(CAMTTestFile.entry(), created: "2024-03-01 06:00:00"), line: 4,
                "<CreDtTm> '2024-03-01 06:00:00' is not a date and time (YYYY-MM-DDThh:mm:ss"),
        BadCAMT("a statement file without statements",
                Data(String(decoding: CAMTTestFile.statement(""), as: UTF8.self)
                    .replacingOccurrences(of: "<Stmt>", with: "<!--")
                    .replacingOccurrences(of: "</Stmt>", with: "-->").utf8),
                line: 3, "the file holds no <Stmt>: a camt.053 file without a single statement has nothing to import"),
    ]

    @Test(arguments: cases)
    func isRefusedNamingTheFileLineAndElement(_ bad: BadCAMT) {
        do throws(InterchangeError) {
            let statements = try CAMTReader.statements(from: bad.data, file: "bank.xml")
            Issue.record("\(bad.name): read as \(statements.count) statement(s)")
        } catch {
            #expect(error.file == "bank.xml", "\(bad.name)")
            #expect(error.line == bad.line, "\(bad.name): \(error)")
            for words in bad.words {
                #expect(error.message.contains(words), "\(bad.name): \(error.message)")
            }
        }
    }
}
