public import Core
public import Ledger

/// How an approved invoice is booked, pure: the entry that carries it, and what the CRM gets back.
///
/// VAT is computed per code over the invoice (the nets of a code summed, the rate applied once, rounded half away
/// from zero) and spread back onto the lines within the posting rules' one-cent tolerance. Sales codes credit
/// their payable account, purchase codes debit their receivable (deductible) account, reverse-charge codes do both
/// with nothing on the invoice total, exempt and 0% codes post no VAT line. The gross goes to the journal's
/// control account with the relation, invoice number and due date, which opens the item.
public enum InvoiceBook {
    /// The idempotency source every invoice entry of the sync carries.
    public static let source = "crm"

    /// The entry's reference: unique per kind, and per supplier for purchases (suppliers' numbers overlap).
    public static func reference(for invoice: InvoiceInput) -> String {
        switch invoice.kind {
        case .sales: "sales:\(invoice.number)"
        case .purchase: "purchase:\(invoice.relation):\(invoice.number)"
        }
    }

    /// Whether a VAT code may be used on an invoice of `kind`: sales invoices take sales codes and the exempt codes
    /// that feed a turnover box (V0, VVL, VEX, VICP, VAFS); purchase invoices take purchase and reverse-charge codes
    /// and the exempt codes that feed none (IVR).
    public static func fits(_ code: VATCode, _ kind: InvoiceInput.Kind) -> Bool {
        let turnoverBox = code.box.map { !$0.hasPrefix("5") } ?? false
        switch (kind, code.kind) {
        case (.sales, .sales), (.purchase, .purchase), (.purchase, .reverseCharge): return true
        case (.sales, .exempt): return turnoverBox
        case (.purchase, .exempt): return !turnoverBox
        default: return false
        }
    }

    /// The entry for `invoice` of `relation`, checked against `context`; every refusal names the request's field.
    /// The invoice's own lines come first in the entry, so a posting rule's `lines[i]` is the request's too.
    public static func draft(for invoice: InvoiceInput, relation: Relation, in context: PostingContext)
        throws(SyncError) -> (draft: EntryDraft, summary: PostedInvoice)
    {
        let currency = context.administration.currency
        let admin = context.administration.id
        try SyncRules.checkKey(invoice.number, field: "number", what: "invoice number")
        guard !invoice.lines.isEmpty else { throw SyncError("missing-field", "lines", "the invoice has no lines") }
        let side = invoice.kind == .sales ? "customer" : "supplier"
        guard relation.kind == .both || relation.kind.rawValue == side else {
            throw SyncError("relation-kind", "relation", "relation \(relation.number) is a \(relation.kind.rawValue), "
                + "not a \(side); a \(invoice.kind.rawValue) invoice needs a \(side)")
        }
        let (journal, control) = try journal(for: invoice.kind, in: context)
        let dueDate = invoice.dueDate ?? invoice.date.adding(days: relation.paymentTermDays)
        guard dueDate >= invoice.date else {
            throw SyncError("invalid-field", "dueDate", "the due date \(dueDate) is before the invoice date \(invoice.date)")
        }

        // Lines: accounts, amounts, codes and cost centres, in the request's order.
        var codes: [VATCode] = []
        for (index, line) in invoice.lines.enumerated() {
            let at = "lines[\(index)]"
            guard let account = context.accounts[line.account] else {
                throw SyncError("unknown-account", "\(at).account", "account \(line.account) does not exist in administration \(admin)")
            }
            guard account.active else {
                throw SyncError("inactive-account", "\(at).account", "account \(account.code) \(account.name) is inactive")
            }
            if let role = account.control {
                throw SyncError("control-account", "\(at).account", "account \(account.code) \(account.name) is the "
                    + "\(role.rawValue) control account; invoice lines go to revenue, cost or balance accounts")
            }
            guard line.net != 0 else { throw SyncError("zero-amount", "\(at).net", "the line's net amount is zero") }
            guard let code = context.vatCodes[line.vatCode] else {
                throw SyncError("unknown-vat-code", "\(at).vatCode", "VAT code \(line.vatCode) does not exist in "
                    + "administration \(admin) (known: " + context.vatCodes.keys.sorted().joined(separator: ", ") + ")")
            }
            guard fits(code, invoice.kind) else {
                throw SyncError("vat-code-kind", "\(at).vatCode", "VAT code \(code.code) (\(code.description)) is a "
                    + "\(code.kind.rawValue) code and cannot be used on a \(invoice.kind.rawValue) invoice")
            }
            guard code.isValid(on: invoice.date) else {
                let window = if let to = code.validTo, invoice.date > to { "; it ended on \(to)" }
                    else if let from = code.validFrom { "; it starts on \(from)" } else { "" }
                throw SyncError("vat-code-not-valid", "\(at).vatCode",
                                "VAT code \(code.code) is not valid on the invoice date \(invoice.date)" + window)
            }
            if let centre = line.costCentre {
                guard let known = context.costCentres[centre] else {
                    throw SyncError("unknown-cost-centre", "\(at).costCentre", "cost centre \(centre) does not exist in administration \(admin)")
                }
                guard known.active else {
                    throw SyncError("inactive-cost-centre", "\(at).costCentre", "cost centre \(centre) is inactive")
                }
            }
            if !codes.contains(where: { $0.code == code.code }) { codes.append(code) }
        }

        // VAT per code over the invoice, spread back onto the lines; only sales and purchase codes charge it.
        var lineVAT = invoice.lines.map { context.vatCodes[$0.vatCode]!.vat(on: $0.net) }
        var totals: [CodeSum] = []
        for code in codes {
            let indices = invoice.lines.indices.filter { invoice.lines[$0].vatCode == code.code }
            let net = indices.reduce(Int64(0)) { $0 + invoice.lines[$1].net }
            let vat = code.vat(on: net)
            spread(vat - indices.reduce(Int64(0)) { $0 + lineVAT[$1] }, over: indices, nets: invoice.lines.map(\.net),
                   into: &lineVAT)
            totals.append(CodeSum(code: code, net: net, vat: vat))
        }
        let net = invoice.lines.reduce(Int64(0)) { $0 + $1.net }
        let vatOnInvoice = totals.reduce(Int64(0)) { $0 + $1.charged }
        try checkTotals(invoice, totals: totals, net: net, vat: vatOnInvoice, currency: currency)

        // The entry: the invoice's lines, the VAT lines, the control line.
        let sign: Int64 = invoice.kind == .sales ? -1 : 1
        var lines = invoice.lines.enumerated().map { index, line in
            EntryLineDraft(account: line.account, amount: sign * line.net, vatCode: line.vatCode,
                           vatAmount: sign * lineVAT[index], costCentre: line.costCentre,
                           description: line.description)
        }
        for total in totals where total.vat != 0 {
            let code = total.code
            let text = "VAT \(code.code) \(invoice.number)"
            switch code.kind {
            case .sales, .purchase:
                let account = try vatAccount(code, payable: code.kind == .sales)
                lines.append(EntryLineDraft(account: account, amount: sign * total.vat, description: text))
            case .reverseCharge:
                lines.append(EntryLineDraft(account: try vatAccount(code, payable: true), amount: -total.vat,
                                            description: text + " (reverse charge, owed)"))
                lines.append(EntryLineDraft(account: try vatAccount(code, payable: false), amount: total.vat,
                                            description: text + " (reverse charge, deductible)"))
            case .exempt:
                break
            }
        }
        let gross = net + vatOnInvoice
        lines.append(EntryLineDraft(account: control, amount: -sign * gross, relation: relation.number,
                                    invoice: invoice.number, dueDate: dueDate, description: invoice.description))
        let draft = EntryDraft(journal: journal, date: invoice.date, description: invoice.description, source: source,
                               reference: reference(for: invoice), lines: lines)
        let digits = currency.minorDigits
        let summary = PostedInvoice(
            kind: invoice.kind, number: invoice.number, relation: relation.number, date: invoice.date, dueDate: dueDate,
            journal: journal, entry: 0, currency: currency.code, net: Money.format(net, digits: digits),
            vat: Money.format(vatOnInvoice, digits: digits), total: Money.format(gross, digits: digits),
            vatByCode: totals.map { t in
                PostedInvoice.CodeTotal(vatCode: t.code.code, net: Money.format(t.net, digits: digits),
                                        vat: Money.format(t.charged, digits: digits),
                                        reverseCharged: t.code.kind == .reverseCharge ? Money.format(t.vat, digits: digits) : nil)
            })
        return (draft, summary)
    }

    /// One VAT code's share of an invoice: its nets summed and the VAT on them.
    struct CodeSum {
        var code: VATCode
        var net: Int64
        var vat: Int64
        /// The VAT on the invoice's total: none for reverse-charge and exempt codes.
        var charged: Int64 { code.kind == .sales || code.kind == .purchase ? vat : 0 }
    }

    /// Moves `difference` cents onto the lines of one code, one cent per line at most, largest amounts first, so each
    /// line stays within a cent of its own VAT.
    static func spread(_ difference: Int64, over indices: [Int], nets: [Int64], into vat: inout [Int64]) {
        guard difference != 0 else { return }
        let step: Int64 = difference > 0 ? 1 : -1
        let order = indices.sorted { a, b in
            nets[a].magnitude != nets[b].magnitude ? nets[a].magnitude > nets[b].magnitude : a < b
        }
        for index in order.prefix(Int(difference.magnitude)) { vat[index] += step }
    }

    /// The client's totals must be what the lines make: VAT per code (when sent), total VAT and the gross.
    static func checkTotals(_ invoice: InvoiceInput, totals: [CodeSum], net: Int64, vat: Int64,
                            currency: CurrencyCode) throws(SyncError) {
        func text(_ amount: Int64) -> String { Money.format(amount, digits: currency.minorDigits) }
        let charged = Dictionary(totals.map { ($0.code.code, $0.charged) }, uniquingKeysWith: { a, _ in a })
        if let given = invoice.vat {
            for (index, item) in given.enumerated() {
                guard let made = charged[item.vatCode] else {
                    throw SyncError("unbalanced", "vat[\(index)].vatCode", "the invoice shows VAT for code \(item.vatCode), "
                        + "which none of its lines uses")
                }
                guard made == item.amount else {
                    throw SyncError("unbalanced", "vat[\(index)].amount", "the lines make \(text(made)) VAT for code "
                        + "\(item.vatCode), the invoice shows \(text(item.amount)); the invoice is unbalanced")
                }
            }
            for total in totals where total.charged != 0 && !given.contains(where: { $0.vatCode == total.code.code }) {
                throw SyncError("unbalanced", "vat", "the lines make \(text(total.charged)) VAT for code \(total.code.code), which the "
                    + "invoice does not show; the invoice is unbalanced")
            }
        }
        guard vat == invoice.totalVat else {
            let parts = totals.filter { $0.charged != 0 }.map { "\($0.code.code) \(text($0.charged))" }
            throw SyncError("unbalanced", "totalVat", "the lines make \(text(vat)) VAT"
                + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
                + ", the invoice shows \(text(invoice.totalVat)); the invoice is unbalanced")
        }
        guard net + vat == invoice.total else {
            throw SyncError("unbalanced", "total", "the lines make a total of \(text(net + vat)) (net \(text(net)) + VAT "
                + "\(text(vat))), the invoice shows \(text(invoice.total)); the invoice is unbalanced")
        }
    }

    /// The administration's journal of the invoice's kind and its control account.
    static func journal(for kind: InvoiceInput.Kind, in context: PostingContext) throws(SyncError) -> (String, String) {
        let journalKind: JournalKind = kind == .sales ? .sales : .purchase
        let role: ControlRole = kind == .sales ? .receivables : .payables
        for journal in context.journals.values.sorted(by: { $0.code < $1.code }) where journal.kind == journalKind {
            if let code = journal.account, context.accounts[code]?.control == role { return (journal.code, code) }
        }
        throw SyncError("no-journal", "kind", "administration \(context.administration.id) has no \(journalKind.rawValue) "
            + "journal on the \(role.rawValue) control account; add one to its template")
    }

    static func vatAccount(_ code: VATCode, payable: Bool) throws(SyncError) -> String {
        guard let account = payable ? code.payableAccount : code.receivableAccount else {
            throw SyncError("vat-code-account", "", "VAT code \(code.code) names no "
                + (payable ? "payable" : "receivable") + " account; fix it in the template")
        }
        return account
    }
}
