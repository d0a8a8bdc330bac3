import Core

extension LedgerService {
    /// The control-account lines of a manual match: each named invoice takes its amount (or what it has open, or
    /// what is left of the line), and what is left after them goes to `rest`.
    static func allocate(_ line: BankStatementLine, _ payments: [BankPosting.InvoicePayment], rest: String?,
                         items: [OpenItem], admin: String) throws -> [EntryLineDraft] {
        guard !payments.isEmpty else { throw LedgerError("missing-field", "invoice", "name at least one invoice to match") }
        let digits = line.amount.currency.minorDigits
        var left = line.amount.minorUnits
        var lines: [EntryLineDraft] = []
        for (n, payment) in payments.enumerated() {
            let key = InvoiceKey.normalise(payment.invoice)
            let found = items.filter {
                InvoiceKey.normalise($0.invoice) == key && (payment.relation == nil || $0.relation == payment.relation)
            }
            guard let item = found.first else {
                throw LedgerError("unknown-invoice", "invoices[\(n)]", "invoice \(payment.invoice)"
                    + (payment.relation.map { " of \($0)" } ?? "") + " has nothing open in administration \(admin)")
            }
            guard found.count == 1 else {
                throw LedgerError("ambiguous-invoice", "invoices[\(n)]", "invoice \(payment.invoice) is open with "
                    + found.map(\.relation).joined(separator: ", ") + "; name the relation")
            }
            let amount = payment.amount ?? (left.magnitude < item.outstanding.magnitude && (left > 0) == (item.outstanding > 0)
                ? left : item.outstanding)
            guard amount != 0 else { throw LedgerError("zero-amount", "invoices[\(n)].amount", "nothing left of the line for \(payment.invoice)") }
            lines.append(EntryLineDraft(account: item.account, amount: -amount, relation: item.relation, invoice: item.invoice))
            left -= amount
        }
        if left != 0 {
            guard let rest else {
                throw LedgerError("unallocated", "rest", "the line is " + Money.formatGrouped(line.amount.minorUnits, digits: digits)
                    + " and the invoices take " + Money.formatGrouped(line.amount.minorUnits - left, digits: digits)
                    + "; give amounts, or an account for the difference of " + Money.formatGrouped(left, digits: digits))
            }
            lines.append(EntryLineDraft(account: rest, amount: -left, description: "Betalingsverschil"))
        }
        return lines
    }

    /// The lines of a bank line posted onto an account: with a VAT code the line is gross, split into net and VAT.
    static func accountLines(_ line: BankStatementLine, _ code: String, vatCode: String?, relation: String?,
                             costCentre: String?, description: String?, vatCodes: [VATCode]) throws -> [EntryLineDraft] {
        let gross = -line.amount.minorUnits
        guard let vatCode else {
            return [EntryLineDraft(account: code, amount: gross, relation: relation, costCentre: costCentre, description: description)]
        }
        guard let vat = vatCodes.first(where: { $0.code == vatCode }) else {
            throw LedgerError("unknown-vat-code", "vatCode", "VAT code \(vatCode) does not exist")
        }
        guard vat.kind != .reverseCharge else {
            throw LedgerError("invalid-vat-code", "vatCode",
                              "VAT code \(vatCode) is reverse charge: book the supplier's invoice, then match the payment to it")
        }
        let net = netOfGross(gross, rate: vat.rate)
        let tax = gross - net
        let vatAccount = vat.kind == .sales ? vat.payableAccount : vat.receivableAccount
        var lines = [EntryLineDraft(account: code, amount: net, vatCode: vatCode, vatAmount: tax, relation: relation,
                                    costCentre: costCentre, description: description)]
        if tax != 0 {
            guard let vatAccount else {
                throw LedgerError("invalid-vat-code", "vatCode", "VAT code \(vatCode) names no account to post its VAT to")
            }
            lines.append(EntryLineDraft(account: vatAccount, amount: tax))
        }
        return lines
    }

    /// The net part of a gross amount at `rate` percent, rounded half away from zero.
    static func netOfGross(_ gross: Int64, rate: DecimalNumber) -> Int64 {
        let hundred = 100 * Int128(DecimalNumber.powerOfTen(rate.scale))
        return Int64((Int128(gross) * hundred).dividedRounded(by: hundred + Int128(rate.mantissa)))
    }
}
