public import Core
public import Foundation

/// An approved sales or purchase invoice as the CRM sends it: lines with their net amounts and VAT codes, and
/// the totals the CRM shows (which must be what the lines make).
public struct InvoiceInput: Sendable, Codable, Equatable {
    /// Which side the invoice is on.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case sales, purchase
    }

    /// One line: where the net amount goes and how it is taxed.
    public struct Line: Sendable, Codable, Equatable {
        public var account: String
        /// Minor units; negative on a credit note.
        public var net: Int64
        public var vatCode: String
        public var costCentre: String?
        public var description: String?

        public init(account: String, net: Int64, vatCode: String, costCentre: String? = nil, description: String? = nil) {
            self.account = account
            self.net = net
            self.vatCode = vatCode
            self.costCentre = costCentre
            self.description = description
        }
    }

    /// The VAT the CRM shows for one code.
    public struct CodeTotal: Sendable, Codable, Equatable {
        public var vatCode: String
        public var amount: Int64

        public init(vatCode: String, amount: Int64) {
            self.vatCode = vatCode
            self.amount = amount
        }
    }

    public var kind: Kind
    public var number: String
    public var relation: String
    public var date: LocalDate
    /// Else the invoice date plus the relation's payment terms.
    public var dueDate: LocalDate?
    public var description: String
    public var lines: [Line]
    /// The CRM's VAT per code, when it sends them.
    public var vat: [CodeTotal]?
    /// The CRM's total VAT on the invoice (reverse-charged VAT is not on it).
    public var totalVat: Int64
    /// The CRM's gross total: nets plus the VAT on the invoice.
    public var total: Int64

    public init(kind: Kind, number: String, relation: String, date: LocalDate, dueDate: LocalDate? = nil,
                description: String, lines: [Line], vat: [CodeTotal]? = nil, totalVat: Int64, total: Int64) {
        self.kind = kind
        self.number = number
        self.relation = relation
        self.date = date
        self.dueDate = dueDate
        self.description = description
        self.lines = lines
        self.vat = vat
        self.totalVat = totalVat
        self.total = total
    }

    static let keys: Set<String> = [
        "kind", "number", "relation", "date", "dueDate", "description", "currency", "lines", "vat", "totalVat", "total",
    ]
    static let lineKeys: Set<String> = ["account", "net", "vatCode", "costCentre", "description"]

    /// Parses the JSON body of `POST invoices`; amounts are decimal strings in `currency`, the administration's.
    public static func parse(_ data: Data, currency: CurrencyCode) throws(SyncError) -> InvoiceInput {
        let json = try SyncJSON(data, known: keys)
        if let given = try json.string("currency"), given.uppercased() != currency.code {
            throw SyncError("invalid-field", "currency", "the administration books in \(currency.code); an invoice in "
                + "\(given) cannot be posted through the sync")
        }
        guard let lineObjects = try json.objects("lines", known: lineKeys) else {
            throw SyncError("missing-field", "lines", "required field 'lines' is missing")
        }
        var lines: [Line] = []
        for line in lineObjects {
            lines.append(Line(account: try line.string("account", required: true)!,
                              net: try line.money("net", currency: currency, required: true)!,
                              vatCode: try line.string("vatCode", required: true)!,
                              costCentre: try line.string("costCentre"), description: try line.string("description")))
        }
        var codeTotals: [CodeTotal]? = nil
        if let objects = try json.objects("vat", known: ["vatCode", "amount"]) {
            codeTotals = []
            for object in objects {
                codeTotals!.append(CodeTotal(vatCode: try object.string("vatCode", required: true)!,
                                             amount: try object.money("amount", currency: currency, required: true)!))
            }
        }
        return InvoiceInput(
            kind: try json.choice("kind", as: Kind.self, required: true)!,
            number: try json.string("number", required: true)!, relation: try json.string("relation", required: true)!,
            date: try json.date("date", required: true)!, dueDate: try json.date("dueDate"),
            description: try json.string("description", required: true)!, lines: lines, vat: codeTotals,
            totalVat: try json.money("totalVat", currency: currency, required: true)!,
            total: try json.money("total", currency: currency, required: true)!)
    }
}
