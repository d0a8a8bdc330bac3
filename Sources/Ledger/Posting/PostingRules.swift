public import Core
import Foundation

/// The rules every entry must meet before it is posted. Pure: the caller loads the context and writes the result.
public enum PostingRules {
    /// Checks `draft` against `context`; returns the lines as they will be posted, amounts in the base currency.
    public static func validate(_ draft: EntryDraft, in context: PostingContext) throws(LedgerError) -> (
        period: Period, lines: [PostedLine]
    ) {
        let base = context.administration.currency
        guard draft.lines.count >= 2 else {
            throw LedgerError("too-few-lines", "lines", "an entry needs at least two lines, found \(draft.lines.count)")
        }
        guard !draft.description.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError("missing-field", "description", "the entry has no description")
        }
        guard context.journals[draft.journal] != nil else {
            throw LedgerError("unknown-journal", "journal", "journal '\(draft.journal)' does not exist in "
                + "administration \(context.administration.id) (known: "
                + context.journals.keys.sorted().joined(separator: ", ") + ")")
        }
        if (draft.source == nil) != (draft.reference == nil) {
            throw LedgerError("missing-field", draft.source == nil ? "source" : "reference",
                              "an idempotency key needs both source and reference")
        }
        let key = context.periodKey(for: draft.date, kind: draft.kind)
        guard let period = context.periods[key] else {
            throw LedgerError("no-fiscal-year", "date", "no fiscal year \(key.year) in administration "
                + "\(context.administration.id) for \(draft.date); open it with `ledgerops year open "
                + "\(context.administration.id) \(key.year)`")
        }
        switch period.state {
        case .open: break
        case .closed:
            throw LedgerError("period-closed", "date", "period \(period.label) is closed; reopen it or post in an open period")
        case .locked:
            throw LedgerError("period-locked", "date", "period \(period.label) is locked; it can no longer be changed")
        }

        var lines: [PostedLine] = []
        var total: Int64 = 0, debits: Int64 = 0, credits: Int64 = 0
        for (index, line) in draft.lines.enumerated() {
            let at = "lines[\(index)]"
            let posted = try validate(line, at: at, date: draft.date, base: base, number: index + 1, in: context)
            total += posted.amount
            debits += posted.debit
            credits += posted.credit
            lines.append(posted)
        }
        guard total == 0 else {
            let digits = base.minorDigits
            throw LedgerError("unbalanced", "lines", "the entry does not balance: debits "
                + Money.format(debits, digits: digits) + ", credits " + Money.format(credits, digits: digits)
                + ", difference " + Money.format(total, digits: digits) + " \(base)")
        }
        return (period, lines)
    }

    private static func validate(_ line: EntryLineDraft, at: String, date: LocalDate, base: CurrencyCode,
                                 number: Int, in context: PostingContext) throws(LedgerError) -> PostedLine {
        let admin = context.administration.id
        guard let account = context.accounts[line.account] else {
            throw LedgerError("unknown-account", "\(at).account",
                              "account \(line.account) does not exist in administration \(admin)")
        }
        guard account.active else {
            throw LedgerError("inactive-account", "\(at).account",
                              "account \(account.code) \(account.name) is inactive; post to an active account")
        }
        guard line.amount != 0 else { throw LedgerError("zero-amount", "\(at).amount", "the line's amount is zero") }

        var amount = line.amount
        var currency: CurrencyCode? = nil
        var foreignAmount: Int64? = nil
        var rate: DecimalNumber? = nil
        if let lineCurrency = line.currency, lineCurrency != base {
            guard let r = line.rate else {
                throw LedgerError("missing-rate", "\(at).rate",
                                  "a line in \(lineCurrency) needs the exchange rate to \(base)")
            }
            guard r.mantissa > 0 else { throw LedgerError("invalid-rate", "\(at).rate", "the rate must be positive") }
            guard let baseAmount = line.baseAmount else {
                throw LedgerError("missing-base-amount", "\(at).baseAmount",
                                  "a line in \(lineCurrency) needs its amount in \(base)")
            }
            let expected = expectedBase(line.amount, from: lineCurrency, to: base, rate: r)
            guard (baseAmount - expected).magnitude <= 1, baseAmount != 0 else {
                throw LedgerError("base-amount-mismatch", "\(at).baseAmount",
                    Money.format(line.amount, digits: lineCurrency.minorDigits) + " \(lineCurrency) at \(r) is "
                    + Money.format(expected, digits: base.minorDigits) + " \(base), not "
                    + Money.format(baseAmount, digits: base.minorDigits))
            }
            amount = baseAmount
            currency = lineCurrency
            foreignAmount = line.amount
            rate = r
        } else if let baseAmount = line.baseAmount, baseAmount != line.amount {
            throw LedgerError("base-amount-mismatch", "\(at).baseAmount",
                              "a line in \(base) has baseAmount equal to its amount")
        }

        var vatAmount = line.vatAmount
        if let code = line.vatCode {
            guard let vat = context.vatCodes[code] else {
                throw LedgerError("unknown-vat-code", "\(at).vatCode", "VAT code \(code) does not exist in administration \(admin)")
            }
            guard vat.isValid(on: date) else {
                let window = if let to = vat.validTo, date > to { " (it ended on \(to))" } else if let from = vat.validFrom {
                    " (it starts on \(from))"
                } else { "" }
                throw LedgerError("vat-code-not-valid", "\(at).vatCode", "VAT code \(code) is not valid on \(date)" + window)
            }
            let expected = vat.vat(on: amount)
            if let given = vatAmount {
                guard (given - expected).magnitude <= 1 else {
                    throw LedgerError("vat-amount-mismatch", "\(at).vatAmount",
                        "\(vat.rate)% of " + Money.format(amount, digits: base.minorDigits) + " is "
                        + Money.format(expected, digits: base.minorDigits) + ", not " + Money.format(given, digits: base.minorDigits))
                }
            } else {
                vatAmount = expected
            }
        } else if vatAmount != nil {
            throw LedgerError("missing-field", "\(at).vatCode", "a line with a VAT amount needs its VAT code")
        }

        if let role = account.control, role.needsRelation {
            guard let number = line.relation else {
                throw LedgerError("missing-relation", "\(at).relation", "account \(account.code) \(account.name) is the "
                    + "\(role.rawValue) control account; name the " + (role == .receivables ? "customer" : "supplier"))
            }
            guard let relation = context.relations[number] else {
                throw LedgerError("unknown-relation", "\(at).relation", "relation \(number) does not exist in administration \(admin)")
            }
            let fits = relation.kind == .both || (role == .receivables) == (relation.kind == .customer)
            guard fits else {
                throw LedgerError("relation-kind", "\(at).relation", "relation \(number) is a \(relation.kind.rawValue), "
                    + "not a " + (role == .receivables ? "customer" : "supplier"))
            }
        } else if let number = line.relation, context.relations[number] == nil {
            throw LedgerError("unknown-relation", "\(at).relation", "relation \(number) does not exist in administration \(admin)")
        }

        if let code = line.costCentre {
            guard let centre = context.costCentres[code] else {
                throw LedgerError("unknown-cost-centre", "\(at).costCentre", "cost centre \(code) does not exist in administration \(admin)")
            }
            guard centre.active else {
                throw LedgerError("inactive-cost-centre", "\(at).costCentre", "cost centre \(code) is inactive")
            }
        }
        if let due = line.dueDate, due < date {
            throw LedgerError("invalid-due-date", "\(at).dueDate", "the due date \(due) is before the entry date \(date)")
        }
        return PostedLine(number: number, account: account.code, amount: amount, currency: currency,
                          foreignAmount: foreignAmount, rate: rate, vatCode: line.vatCode, vatAmount: vatAmount,
                          relation: line.relation, costCentre: line.costCentre, invoice: line.invoice,
                          dueDate: line.dueDate, description: line.description)
    }

    /// `amount` (minor units of `from`) × rate, in minor units of `to`.
    static func expectedBase(_ amount: Int64, from: CurrencyCode, to: CurrencyCode, rate: DecimalNumber) -> Int64 {
        let shift = to.minorDigits - from.minorDigits
        let scaled = DecimalNumber(mantissa: rate.mantissa, scale: rate.scale - shift)
        if scaled.scale >= 0 { return scaled.multiply(amount) }
        return DecimalNumber(mantissa: rate.mantissa * DecimalNumber.powerOfTen(-scaled.scale), scale: 0).multiply(amount)
    }
}
