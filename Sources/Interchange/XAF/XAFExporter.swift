public import Core
import Foundation
public import Ledger
import Store

/// Writes one fiscal year of an administration as an XAF 3.2 audit file: company, relations, chart (with RGS codes),
/// periods, the opening balance and every other entry by journal — in the order and with the elements the tax
/// authority's schema requires.
public struct XAFExporter: Sendable {
    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

    public func export(_ admin: String, year: Int, created: LocalDate) async throws -> String {
        let data = try await ledger.store.read { tx -> (Administration, [Account], [Relation], [Journal], [PostedEntry]) in
            guard let a = try tx.administration(admin) else { throw LedgerError("not-found", "", "administration \(admin) does not exist") }
            guard try tx.fiscalYears(admin).contains(where: { $0.year == year }) else {
                throw LedgerError("not-found", "", "fiscal year \(year) does not exist in administration \(admin)")
            }
            return (a, try tx.accounts(admin), try tx.relations(admin), try tx.journals(admin),
                    try tx.entries(admin).filter { $0.year == year && $0.kind != .closing })
        }
        let (administration, accounts, relations, journals, entries) = data
        let calendar = try FiscalCalendar(startMonth: administration.fiscalYearStart)
        let digits = administration.currency.minorDigits
        var x = XMLWriter()
        func amount(_ minor: Int64) -> String { Money.format(minor.magnitude > 0 ? Int64(minor.magnitude) : 0, digits: digits) }
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        x.open("auditfile", attributes: "xmlns=\"http://www.auditfiles.nl/XAF/3.2\"")
        x.open("header")
        x.leaf("fiscalYear", String(year))
        x.leaf("startDate", calendar.startOfYear(year).description)
        x.leaf("endDate", calendar.endOfYear(year).description)
        x.leaf("curCode", administration.currency.code)
        x.leaf("dateCreated", created.description)
        x.leaf("softwareDesc", "LedgerOps")
        x.leaf("softwareVersion", "1")
        x.close("header")
        x.open("company")
        x.leaf("companyIdent", administration.id)
        x.leaf("companyName", administration.name)
        x.leaf("taxRegistrationCountry", "NL")
        x.leaf("taxRegIdent", "")
        if !relations.isEmpty {
            x.open("customersSuppliers")
            for r in relations {
                x.open("customerSupplier")
                x.leaf("custSupID", r.number)
                x.leaf("custSupName", r.name)
                if let c = r.contact?.name { x.leaf("contact", c) }
                if let e = r.contact?.email { x.leaf("eMail", e) }
                if let coc = r.chamberOfCommerce { x.leaf("commerceNr", coc) }
                if let vat = r.vatNumber { x.leaf("taxRegIdent", vat) }
                x.leaf("custSupTp", r.kind == .customer ? "C" : r.kind == .supplier ? "S" : "B")
                if r.city != nil || r.country != nil {
                    x.open("streetAddress")
                    if let s = r.address { x.leaf("streetname", s) }
                    if let c = r.city { x.leaf("city", c) }
                    if let p = r.postalCode { x.leaf("postalCode", p) }
                    if let c = r.country { x.leaf("country", c) }
                    x.close("streetAddress")
                }
                if let iban = r.iban {
                    x.open("bankAccount")
                    x.leaf("bankAccNr", iban)
                    x.close("bankAccount")
                }
                x.close("customerSupplier")
            }
            x.close("customersSuppliers")
        }
        x.open("generalLedger")
        for a in accounts {
            x.open("ledgerAccount")
            x.leaf("accID", a.code)
            x.leaf("accDesc", a.name)
            x.leaf("accTp", a.type.isBalanceSheet ? "B" : "P")
            if let rgs = a.rgsCode { x.leaf("leadReference", rgs) }
            x.close("ledgerAccount")
        }
        x.close("generalLedger")
        x.open("periods")
        for month in 0..<12 {
            let start = calendar.startOfYear(year).adding(months: month)
            x.open("period")
            x.leaf("periodNumber", String(month + 1))
            x.leaf("startDatePeriod", start.description)
            x.leaf("endDatePeriod", start.lastOfMonth.description)
            x.close("period")
        }
        x.close("periods")
        let opening = entries.filter { $0.kind == .opening }
        if !opening.isEmpty {
            let lines = opening.flatMap(\.lines)
            x.open("openingBalance")
            x.leaf("opBalDate", calendar.startOfYear(year).description)
            x.leaf("opBalDesc", "Beginbalans")
            x.leaf("linesCount", String(lines.count))
            x.leaf("totalDebit", amount(lines.filter { $0.amount > 0 }.reduce(0) { $0 + $1.amount }))
            x.leaf("totalCredit", amount(lines.filter { $0.amount < 0 }.reduce(0) { $0 - $1.amount }))
            for (index, l) in lines.enumerated() {
                x.open("obLine")
                x.leaf("nr", String(index + 1))
                x.leaf("accID", l.account)
                x.leaf("amnt", amount(l.amount))
                x.leaf("amntTp", l.amount >= 0 ? "D" : "C")
                x.close("obLine")
            }
            x.close("openingBalance")
        }
        let others = entries.filter { $0.kind != .opening }
        let allLines = others.flatMap(\.lines)
        x.open("transactions")
        x.leaf("linesCount", String(allLines.count))
        x.leaf("totalDebit", amount(allLines.filter { $0.amount > 0 }.reduce(0) { $0 + $1.amount }))
        x.leaf("totalCredit", amount(allLines.filter { $0.amount < 0 }.reduce(0) { $0 - $1.amount }))
        let byJournal = Dictionary(grouping: others, by: \.journal)
        for journal in journals where byJournal[journal.code] != nil {
            x.open("journal")
            x.leaf("jrnID", journal.code)
            x.leaf("desc", journal.name)
            let type: String = switch journal.kind {
            case .bank: "B"
            case .cash: "C"
            case .sales: "S"
            case .purchase: "P"
            case .general: "M"
            }
            x.leaf("jrnTp", type)
            for e in byJournal[journal.code]!.sorted(by: { $0.number < $1.number }) {
                x.open("transaction")
                x.leaf("nr", String(e.number))
                x.leaf("desc", e.description)
                x.leaf("periodNumber", String(e.period))
                x.leaf("trDt", e.date.description)
                if let source = e.source { x.leaf("sourceID", source) }
                for l in e.lines {
                    x.open("trLine")
                    x.leaf("nr", String(l.number))
                    x.leaf("accID", l.account)
                    x.leaf("docRef", e.reference ?? "")
                    x.leaf("effDate", e.date.description)
                    if let d = l.description { x.leaf("desc", d) }
                    x.leaf("amnt", amount(l.amount))
                    x.leaf("amntTp", l.amount >= 0 ? "D" : "C")
                    if let r = l.relation { x.leaf("custSupID", r) }
                    if let i = l.invoice { x.leaf("invRef", i) }
                    if let c = l.costCentre { x.leaf("costID", c) }
                    x.close("trLine")
                }
                x.close("transaction")
            }
            x.close("journal")
        }
        x.close("transactions")
        x.close("company")
        x.close("auditfile")
        return x.text
    }
}

/// Indented XML, escaped.
struct XMLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func raw(_ s: String) { text += s }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    mutating func open(_ name: String, attributes: String = "") {
        text += String(repeating: "  ", count: depth) + "<\(name)" + (attributes.isEmpty ? "" : " " + attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += String(repeating: "  ", count: depth) + "</\(name)>\n"
    }

    mutating func leaf(_ name: String, _ value: String) {
        text += String(repeating: "  ", count: depth) + "<\(name)>\(Self.escape(value))</\(name)>\n"
    }
}
