public import Core
import Foundation
import Ledger
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a Norwegian SAF-T Financial file (1.10, 1.30) holds, record by record, in file order.
public enum SAFTRecord: Sendable {
    case header(currency: CurrencyCode, start: LocalDate, end: LocalDate, version: String)
    case account(SAFTAccount)
    /// A customer or supplier, the control account its ledger rolls up to, and its opening balance there.
    case party(id: String, name: String, supplier: Bool, account: String?, opening: Int64, line: Int)
    case masterDataEnd
    case transaction(journal: String, id: String, date: LocalDate, description: String, lines: [SAFTLine], line: Int)
}

public struct SAFTAccount: Sendable, Equatable {
    public var id: String
    public var description: String
    /// The standard account (1.10 `StandardAccountID`) or grouping code (1.30 `GroupingCode`).
    public var standard: String?
    /// Opening balance, minor units, debit positive.
    public var opening: Int64
    public var line: Int
}

public struct SAFTLine: Sendable, Equatable {
    public var account: String
    public var amount: Int64
    public var party: String?
    public var description: String?
    public var line: Int
}

/// Streams a SAF-T file (SAX) and hands each record to `handle`; refuses another namespace, bad amounts and dates
/// outside the selection, naming the line.
public struct SAFTReader {
    public let path: String
    public let file: String

    public init(path: String) {
        self.path = path
        file = (path as NSString).lastPathComponent
    }

    public func read(_ handle: @escaping (SAFTRecord) throws -> Void) throws {
        try AuditFileParser.parse(path, file: file, root: "AuditFile", processNamespaces: true,
                                  delegate: SAFTParserDelegate(file: file, handle: handle))
    }
}

final class SAFTParserDelegate: NSObject, AuditFileDelegate {
    static let namespace = "urn:StandardAuditFile-Taxation-Financial:NO"
    let file: String
    let handle: (SAFTRecord) throws -> Void
    var failure: InterchangeError?
    var sawRoot = false
    private var stack: [String] = []
    private var text = ""
    private var fields: [String: String] = [:]
    private var recordLine = 0
    private var currency: CurrencyCode?
    private var range: (LocalDate, LocalDate)?
    private var version = ""
    private var journal = ""
    private var lines: [SAFTLine] = []
    private var line: [String: String] = [:]
    private var lineStart = 0
    private var masterDone = false

    init(file: String, handle: @escaping (SAFTRecord) throws -> Void) {
        self.file = file
        self.handle = handle
    }

    func fail(_ parser: XMLParser, _ line: Int?, _ message: String) {
        guard failure == nil else { return }
        failure = InterchangeError(file: file, line: line ?? parser.lineNumber, message)
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if stack.isEmpty {
            guard name == "AuditFile" else { return fail(parser, nil, "the root element is <\(name)>, not <AuditFile>") }
            guard namespaceURI == Self.namespace else {
                return fail(parser, nil, "namespace '\(namespaceURI ?? "")' is not SAF-T Financial NO (\(Self.namespace))")
            }
            sawRoot = true
        }
        stack.append(name)
        text = ""
        switch name {
        case "Account", "Customer", "Supplier", "Transaction": if stack.dropLast().last != "Line" { fields = [:]; recordLine = parser.lineNumber }
        case "Line": line = [:]; lineStart = parser.lineNumber
        default: break
        }
        if name == "Transaction" { lines = [] }
        if name == "GeneralLedgerEntries" { endMaster(parser) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    private func endMaster(_ parser: XMLParser) {
        guard !masterDone, failure == nil else { return }
        masterDone = true
        do { try handle(.masterDataEnd) } catch let e as InterchangeError { fail(parser, e.line, e.message) } catch {
            fail(parser, nil, "\(error)")
        }
    }

    func amount(_ text: String, _ at: Int, _ element: String) throws -> Int64 {
        guard let currency else { throw InterchangeError(file: file, line: at, "an amount comes before the header's currency") }
        if text.contains(",") { throw InterchangeError(file: file, line: at, "<\(element)> '\(text)' has a comma; SAF-T writes 1234.56") }
        guard let money = try? Money(parsing: text, currency: currency, field: element) else {
            throw InterchangeError(file: file, line: at, "<\(element)> '\(text)' is not an amount (write 1234.56)")
        }
        return money.minorUnits
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        stack.removeLast()
        let parent = stack.last ?? ""
        do {
            if parent == "Line" || (stack.dropLast().last == "Line" && parent.hasSuffix("Amount")) {
                line[parent.hasSuffix("Amount") && parent != "Line" ? parent : name] = value
                return
            }
            switch name {
            case "AuditFileVersion": version = value
            case "DefaultCurrencyCode":
                guard let c = try? CurrencyCode(value) else {
                    throw InterchangeError(file: file, line: parser.lineNumber, "<DefaultCurrencyCode> '\(value)' is not an ISO code")
                }
                currency = c
            case "SelectionCriteria":
                let start: LocalDate, end: LocalDate
                if let s = fields["SelectionStartDate"], let e = fields["SelectionEndDate"] {
                    start = try LocalDate(parsing: s, field: "SelectionStartDate")
                    end = try LocalDate(parsing: e, field: "SelectionEndDate")
                } else {
                    guard let sy = Int(fields["PeriodStartYear"] ?? ""), let sp = Int(fields["PeriodStart"] ?? ""),
                          let ey = Int(fields["PeriodEndYear"] ?? ""), let ep = Int(fields["PeriodEnd"] ?? "") else {
                        throw InterchangeError(file: file, line: parser.lineNumber, "<SelectionCriteria> gives no period or dates")
                    }
                    start = try LocalDate(year: sy, month: sp, day: 1)
                    end = try LocalDate(year: ey, month: ep, day: 1).lastOfMonth
                }
                range = (start, end)
                guard let currency else { throw InterchangeError(file: file, line: parser.lineNumber, "<DefaultCurrencyCode> is missing") }
                try handle(.header(currency: currency, start: start, end: end, version: version))
            case "Account" where parent == "GeneralLedgerAccounts":
                let id = fields["AccountID"] ?? ""
                guard !id.isEmpty else { throw InterchangeError(file: file, line: recordLine, "<Account> without <AccountID>") }
                let debit = try fields["OpeningDebitBalance"].map { try amount($0, recordLine, "OpeningDebitBalance") } ?? 0
                let credit = try fields["OpeningCreditBalance"].map { try amount($0, recordLine, "OpeningCreditBalance") } ?? 0
                try handle(.account(SAFTAccount(id: id, description: fields["AccountDescription"] ?? id,
                                                standard: fields["StandardAccountID"] ?? fields["GroupingCode"],
                                                opening: debit - credit, line: recordLine)))
            case "Customer", "Supplier":
                let id = fields[name + "ID"] ?? ""
                guard !id.isEmpty else { throw InterchangeError(file: file, line: recordLine, "<\(name)> without <\(name)ID>") }
                let debit = try fields["OpeningDebitBalance"].map { try amount($0, recordLine, "OpeningDebitBalance") } ?? 0
                let credit = try fields["OpeningCreditBalance"].map { try amount($0, recordLine, "OpeningCreditBalance") } ?? 0
                try handle(.party(id: id, name: fields["Name"] ?? id, supplier: name == "Supplier", account: fields["AccountID"],
                                  opening: debit - credit, line: recordLine))
            case "Line":
                let debit = try line["DebitAmount"].map { try amount($0, lineStart, "DebitAmount") }
                let credit = try line["CreditAmount"].map { try amount($0, lineStart, "CreditAmount") }
                guard (debit == nil) != (credit == nil) else {
                    throw InterchangeError(file: file, line: lineStart, "a <Line> needs either <DebitAmount> or <CreditAmount>")
                }
                lines.append(SAFTLine(account: line["AccountID"] ?? "", amount: debit ?? -(credit ?? 0),
                                      party: line["CustomerID"] ?? line["SupplierID"], description: line["Description"], line: lineStart))
            case "Transaction":
                guard let (start, end) = range else { throw InterchangeError(file: file, line: recordLine, "a transaction before the header") }
                let text = fields["TransactionDate"] ?? ""
                guard let date = try? LocalDate(parsing: text, field: "TransactionDate") else {
                    throw InterchangeError(file: file, line: recordLine, "<TransactionDate> '\(text)' is not a date")
                }
                guard date >= start && date <= end else {
                    throw InterchangeError(file: file, line: recordLine, "transaction \(fields["TransactionID"] ?? ""): "
                        + "<TransactionDate> \(date) lies outside the selection (\(start) to \(end))")
                }
                try handle(.transaction(journal: journal, id: fields["TransactionID"] ?? "", date: date,
                                        description: fields["Description"] ?? "", lines: lines, line: recordLine))
            case "JournalID": journal = value
            case "AuditFile": endMaster(parser)
            default: fields[name] = fields[name] ?? value
            }
        } catch let e as InterchangeError {
            fail(parser, e.line, e.message)
        } catch let e as LedgerError {
            fail(parser, e.line ?? parser.lineNumber, e.message)
        } catch {
            fail(parser, nil, "\(error)")
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = InterchangeError(file: file, line: parser.lineNumber, "not a complete, well-formed XML file (\(parseError.localizedDescription))")
        }
    }
}
