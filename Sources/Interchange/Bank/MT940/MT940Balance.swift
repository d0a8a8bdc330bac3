public import Core

/// A balance field: `:60F:`/`:60M:` opening, `:62F:`/`:62M:` closing, `:64:` available, `:65:` forward available.
public struct MT940Balance: Hashable, Sendable {
    /// The tag without colons: `60F`, `60M`, `62F`, `62M`, `64`, `65` (or `60`, `62` from banks that omit the letter).
    public var tag: String
    /// Credit (money on the account) or debit.
    public var mark: MT940Mark
    /// The day the balance is for.
    public var date: LocalDate
    /// The amount as written, never negative: `signedAmount` applies the mark.
    public var amount: Money
    /// The 1-based line of the field.
    public var line: Int

    /// `M`: a balance between two messages of one statement; `F` (or no letter): the statement's own.
    public var isIntermediate: Bool { tag.hasSuffix("M") }

    /// Positive for a credit balance, negative for a debit (overdrawn) one.
    public var signedAmount: Money { Money(minorUnits: mark.sign * amount.minorUnits, currency: amount.currency) }
}

extension MT940Balance {
    /// Reads `C110522EUR3236,28`: mark, date (YYMMDD), currency, amount.
    init(field: MT940Field) throws(MT940Problem) {
        let text = Substring(field.value)
        let example = "write the mark, the date, the currency and the amount, as C110522EUR3236,28"
        guard let first = text.first else { throw MT940Problem("the field is empty; \(example)") }
        switch first {
        case "C": mark = .credit
        case "D": mark = .debit
        default: throw MT940Problem("the debit/credit mark '\(first)' is unknown: write C (credit) or D (debit)")
        }
        let dateText = text.dropFirst().prefix(6)
        guard dateText.count == 6, dateText.allSatisfy(\.isASCIIDigit) else {
            throw MT940Problem("'\(field.value)' does not have a date after the mark; \(example)")
        }
        guard let date = MT940Value.date(dateText) else {
            throw MT940Problem("the date '\(dateText)' is not a calendar date (YYMMDD)")
        }
        let currencyText = text.dropFirst(7).prefix(3)
        let currency: CurrencyCode
        do { currency = try CurrencyCode(String(currencyText)) } catch {
            throw MT940Problem("'\(currencyText)' is not a currency code (three letters, e.g. EUR); \(example)")
        }
        tag = field.tag
        self.date = date
        amount = try MT940Value.amount(text.dropFirst(10), currency: currency)
        line = field.line
    }
}
