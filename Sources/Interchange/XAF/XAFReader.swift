import Core
import Foundation
import Ledger
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XAF file as a stream (SAX, never the whole tree in memory) and hands each record to `handle`.
/// Refuses what is not XAF 3.1 or 3.2, amounts that are not `1234.56`, dates outside the header's fiscal year and
/// duplicate account or relation ids, naming the file, line and element.
public struct XAFReader {
    public let path: String
    public let file: String

    public init(path: String) {
        self.path = path
        file = (path as NSString).lastPathComponent
    }

    public func read(_ handle: @escaping (XAFRecord) throws -> Void) throws {
        // The root's xmlns attribute is checked by hand: namespace processing costs a quarter of the parse.
        try AuditFileParser.parse(path, file: file, root: "auditfile", processNamespaces: false,
                                  delegate: XAFParserDelegate(file: file, handle: handle))
    }
}

/// The SAX callbacks: a stack of open elements, the text of leaves, and records emitted as they close.
final class XAFParserDelegate: NSObject, AuditFileDelegate {
    static let namespaces = ["http://www.auditfiles.nl/XAF/3.2": "3.2", "http://www.auditfiles.nl/XAF/3.1": "3.1"]

    let file: String
    let handle: (XAFRecord) throws -> Void
    var failure: InterchangeError?
    var sawRoot = false
    private var stack: [String] = []
    private var text = ""
    private var fields: [String: String] = [:]
    private var recordLine = 0
    private var header: XAFHeader?
    private var version = ""
    private var journal: (id: String, type: String) = ("", "")
    private var transaction: XAFTransaction?
    private var openingDate: LocalDate?
    private var openingLines: [XAFLine]?
    private var line: [String: String] = [:]
    private var lineStart = 0
    private var accounts: Set<String> = []
    private var relations: Set<String> = []
    private var masterDone = false

    init(file: String, handle: @escaping (XAFRecord) throws -> Void) {
        self.file = file
        self.handle = handle
    }

    func fail(_ parser: XMLParser, _ message: String) { fail(parser, nil, message) }

    func fail(_ parser: XMLParser, _ line: Int?, _ message: String) {
        guard failure == nil else { return }
        failure = InterchangeError(file: file, line: line ?? parser.lineNumber, message)
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if stack.isEmpty {
            guard name == "auditfile" else { return fail(parser, "the root element is <\(name)>, not <auditfile>") }
            let namespace = attributes["xmlns"] ?? namespaceURI ?? ""
            guard let v = Self.namespaces[namespace] else {
                return fail(parser, "namespace '\(namespace)' is not XAF 3.1 or 3.2 (http://www.auditfiles.nl/XAF/3.2)")
            }
            version = v
            sawRoot = true
        }
        stack.append(name)
        text = ""
        switch name {
        case "ledgerAccount", "customerSupplier", "transaction": fields = [:]; recordLine = parser.lineNumber
        case "trLine", "obLine": line = [:]; lineStart = parser.lineNumber
        case "openingBalance": openingLines = []; fields = [:]
        case "journal": journal = ("", "")
        default: break
        }
        if name == "transactions" || name == "openingBalance" { endMasterData(parser) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    /// `s` without surrounding whitespace, cheaply when there is none (nearly always).
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return "" }
        let space: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        if !space(first) && !space(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        let value = Self.trimmed(text)
        stack.removeLast()
        let parent = stack.last ?? ""
        // The leaves of lines are most of the file: stored without going through every other case.
        if parent == "trLine" || parent == "obLine" {
            line[name] = value
            return
        }
        if parent == "vat" {
            line["vat." + name] = value
            return
        }
        do {
            switch (parent, name) {
            case ("header", _): fields["header." + name] = value
            case ("auditfile", "header"): break
            case ("ledgerAccount", _), ("customerSupplier", _), ("streetAddress", _), ("bankAccount", _): fields[name] = value
            case ("journal", "jrnID"): journal.id = value
            case ("journal", "jrnTp"): journal.type = value
            case ("transaction", "nr"), ("transaction", "desc"), ("transaction", "trDt"): fields[name] = value
            case ("openingBalance", "opBalDate"): openingDate = try date(value, parser, "opBalDate")
            default: break
            }
            switch name {
            case "header": try emitHeader(parser)
            case "ledgerAccount": try emitAccount(parser)
            case "customerSupplier": try emitRelation(parser)
            case "trLine":
                guard transaction != nil || fields["trDt"] != nil else { break }
                try startTransaction(parser)
                transaction!.lines.append(try lineRecord(parser))
            case "obLine": openingLines?.append(try lineRecord(parser))
            case "openingBalance":
                guard let d = openingDate else { throw InterchangeError(file: file, line: parser.lineNumber, "<openingBalance> has no <opBalDate>") }
                try handle(.openingBalance(date: d, lines: openingLines ?? []))
                openingLines = nil
            case "transaction":
                try startTransaction(parser)
                let t = transaction!
                transaction = nil
                try handle(.transaction(t))
            case "auditfile": endMasterData(parser)
            default: break
            }
        } catch let e as InterchangeError {
            fail(parser, e.line, e.message)
        } catch let e as LedgerError {
            fail(parser, e.line ?? parser.lineNumber, e.message)
        } catch {
            fail(parser, "\(error)")
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = InterchangeError(file: file, line: parser.lineNumber,
                                       "not a complete, well-formed XML file (\(parseError.localizedDescription))")
        }
    }

    private func endMasterData(_ parser: XMLParser) {
        guard !masterDone, failure == nil else { return }
        masterDone = true
        do { try handle(.masterDataEnd) } catch let e as InterchangeError { fail(parser, e.line, e.message) } catch {
            fail(parser, "\(error)")
        }
    }

    func date(_ text: String, _ parser: XMLParser, _ element: String) throws -> LocalDate {
        do { return try LocalDate(parsing: text, field: element) } catch {
            throw InterchangeError(file: file, line: parser.lineNumber, "<\(element)> '\(text)' is not a date (YYYY-MM-DD)")
        }
    }

    private func emitHeader(_ parser: XMLParser) throws {
        let currencyText = fields["header.curCode"] ?? ""
        guard let currency = try? CurrencyCode(currencyText) else {
            throw InterchangeError(file: file, line: parser.lineNumber, "<curCode> '\(currencyText)' is not an ISO currency code")
        }
        let h = XAFHeader(version: version, fiscalYear: fields["header.fiscalYear"] ?? "",
                          start: try date(fields["header.startDate"] ?? "", parser, "startDate"),
                          end: try date(fields["header.endDate"] ?? "", parser, "endDate"), currency: currency,
                          software: fields["header.softwareDesc"] ?? "")
        header = h
        try handle(.header(h))
    }

    private func emitAccount(_ parser: XMLParser) throws {
        let id = fields["accID"] ?? ""
        guard !id.isEmpty else { throw InterchangeError(file: file, line: recordLine, "<ledgerAccount> without <accID>") }
        guard accounts.insert(id).inserted else {
            throw InterchangeError(file: file, line: recordLine, "<ledgerAccount> \(id) appears twice (duplicate accID)")
        }
        try handle(.account(XAFAccount(id: id, description: fields["accDesc"] ?? id, type: fields["accTp"] ?? "",
                                       rgs: fields["leadReference"].flatMap { $0.isEmpty ? nil : $0 }, line: recordLine)))
    }

    private func emitRelation(_ parser: XMLParser) throws {
        let id = fields["custSupID"] ?? ""
        guard !id.isEmpty else { throw InterchangeError(file: file, line: recordLine, "<customerSupplier> without <custSupID>") }
        guard relations.insert(id).inserted else {
            throw InterchangeError(file: file, line: recordLine, "<customerSupplier> \(id) appears twice (duplicate custSupID)")
        }
        func nonEmpty(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        try handle(.relation(XAFRelation(id: id, name: nonEmpty("custSupName") ?? id, type: fields["custSupTp"] ?? "B",
                                         vatNumber: nonEmpty("taxRegIdent"), chamberOfCommerce: nonEmpty("commerceNr"),
                                         iban: nonEmpty("bankAccNr"), email: nonEmpty("eMail"), contact: nonEmpty("contact"),
                                         city: nonEmpty("city"), line: recordLine)))
    }

    private func startTransaction(_ parser: XMLParser) throws {
        guard transaction == nil else { return }
        guard let h = header else { throw InterchangeError(file: file, line: recordLine, "a transaction comes before the <header>") }
        let day = try date(fields["trDt"] ?? "", parser, "trDt")
        guard day >= h.start && day <= h.end else {
            throw InterchangeError(file: file, line: recordLine, "transaction \(fields["nr"] ?? ""): <trDt> \(day) lies outside "
                + "the fiscal year of the header (\(h.start) to \(h.end))")
        }
        transaction = XAFTransaction(journal: journal.id, journalType: journal.type, number: fields["nr"] ?? "",
                                     description: fields["desc"] ?? "", date: day, lines: [], line: recordLine)
    }

    private func lineRecord(_ parser: XMLParser) throws -> XAFLine {
        let amountText = line["amnt"] ?? ""
        let kind = line["amntTp"] ?? ""
        guard kind == "D" || kind == "C" else {
            throw InterchangeError(file: file, line: lineStart, "<amntTp> '\(kind)' must be D or C")
        }
        guard let digits = header?.currency.minorDigits else {
            throw InterchangeError(file: file, line: lineStart, "a line comes before the <header>")
        }
        if amountText.contains(",") {
            throw InterchangeError(file: file, line: lineStart, "<amnt> '\(amountText)' has a comma; XAF writes amounts as 1234.56")
        }
        guard let money = try? Money(parsing: amountText, currency: header!.currency, field: "amnt"), money.minorUnits >= 0 else {
            throw InterchangeError(file: file, line: lineStart,
                                   "<amnt> '\(amountText)' is not an amount of at most \(digits) decimals (write 1234.56)")
        }
        let account = line["accID"] ?? ""
        guard accounts.contains(account) else {
            throw InterchangeError(file: file, line: lineStart, "<accID> \(account) is not a <ledgerAccount> of the file")
        }
        func nonEmpty(_ key: String) -> String? { line[key].flatMap { $0.isEmpty ? nil : $0 } }
        let relation = nonEmpty("custSupID")
        if let relation, !relations.contains(relation) {
            throw InterchangeError(file: file, line: lineStart, "<custSupID> \(relation) is not a <customerSupplier> of the file")
        }
        var vat: (percent: DecimalNumber, amount: Int64)?
        if let percentText = nonEmpty("vat.vatPerc"), let percent = try? DecimalNumber(parsing: percentText, field: "vatPerc"),
           let vatText = nonEmpty("vat.vatAmnt"), let vatMoney = try? Money(parsing: vatText, currency: header!.currency, field: "vatAmnt") {
            vat = (percent, line["vat.vatAmntTp"] == "C" ? -vatMoney.minorUnits : vatMoney.minorUnits)
        }
        return XAFLine(number: line["nr"] ?? "", account: account, amount: kind == "D" ? money.minorUnits : -money.minorUnits,
                       description: nonEmpty("desc"), relation: relation, invoice: nonEmpty("invRef"),
                       costCentre: nonEmpty("costID"), vat: vat, line: lineStart)
    }
}
