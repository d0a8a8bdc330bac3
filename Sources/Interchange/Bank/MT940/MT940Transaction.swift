public import Core
import Foundation

/// One `:61:` statement line and the `:86:` information to account owner that follows it.
public struct MT940Transaction: Hashable, Sendable {
    /// The date the money counts from (interest).
    public var valueDate: LocalDate
    /// The booking date: `MMDD` in the file, in the year that puts it nearest the value date.
    public var entryDate: LocalDate?
    /// Debit, credit, or the reversal of either.
    public var mark: MT940Mark
    /// The funds code: the third letter of the currency code, where the bank writes one.
    public var fundsCode: String?
    /// The amount as written, never negative: `signedAmount` applies the mark.
    public var amount: Money
    /// Transaction type identification: `N`, `F` or `S` and three characters (`NTRF`, `N426`).
    public var transactionType: String?
    /// The reference for the account owner as written, up to 16 characters (`NONREF` when there is none); old
    /// Rabobank and SNS files put the counter account here.
    public var customerReference: String
    /// The bank's reference, after `//`.
    public var bankReference: String?
    /// Supplementary details: what follows the reference on the line (old Rabobank) or on the next line.
    public var supplementaryDetails: String?
    /// The `:86:` text; several `:86:` fields after one `:61:` (old Rabobank) are joined with newlines.
    public var information: String?
    /// The 1-based line of the `:61:`.
    public var line: Int

    /// Money in positive, money out negative; a reversal turns the sign of its plain mark around.
    public var signedAmount: Money { Money(minorUnits: mark.sign * amount.minorUnits, currency: amount.currency) }
}

extension MT940Transaction {
    /// Reads `6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` and the supplementary details on the next line.
    init(field: MT940Field, currency: CurrencyCode) throws(MT940Problem) {
        let lines = field.value.split(separator: "\n")
        var rest = lines.first ?? ""
        let valueText = rest.prefix(6)
        guard valueText.count == 6, valueText.allSatisfy(\.isASCIIDigit) else {
            throw MT940Problem("'\(field.value)' does not start with the value date (YYMMDD)")
        }
        guard let valueDate = MT940Value.date(valueText, endOfFebruary: true) else {
            throw MT940Problem("the value date '\(valueText)' is not a calendar date (YYMMDD)")
        }
        rest = rest.dropFirst(6)
        let entryText = rest.prefix(4)
        if entryText.count == 4, entryText.allSatisfy(\.isASCIIDigit) {
            guard let entry = MT940Value.entryDate(entryText, near: valueDate) else {
                throw MT940Problem("the entry date '\(entryText)' is not a calendar date (MMDD)")
            }
            entryDate = entry
            rest = rest.dropFirst(4)
        } else {
            if entryText == "    " { rest = rest.dropFirst(4) }
            entryDate = nil
        }
        if let two = MT940Mark(rawValue: String(rest.prefix(2))), two.isReversal {
            mark = two
        } else if let one = MT940Mark(rawValue: String(rest.prefix(1))) {
            mark = one
        } else {
            throw MT940Problem("the debit/credit mark '\(rest.prefix(rest.first == "R" ? 2 : 1))' is unknown: write D "
                + "(debit), C (credit), RD or RC (reversal)")
        }
        rest = rest.dropFirst(mark.rawValue.count)
        if let letter = rest.first, letter.isASCII, letter.isUppercase {
            fundsCode = String(letter)
            rest = rest.dropFirst()
        } else {
            fundsCode = nil
        }
        if rest.first == " " { rest = rest.dropFirst() }
        let amountText = rest.prefix { $0.isASCIIDigit || $0 == "," || $0 == "." }
        amount = try MT940Value.amount(amountText, currency: currency)
        rest = rest.dropFirst(amountText.count)
        if rest.count >= 4, let letter = rest.first, letter.isASCII, letter.isLetter {
            transactionType = String(rest.prefix(4))
            rest = rest.dropFirst(4)
        } else {
            transactionType = nil
        }
        var details = lines.dropFirst().map(String.init)
        if let slashes = rest.range(of: "//") {
            customerReference = String(rest[..<slashes.lowerBound])
            let reference = rest[slashes.upperBound...].trimmingCharacters(in: .whitespaces)
            bankReference = reference.isEmpty ? nil : reference
        } else {
            customerReference = String(rest.prefix(16))
            bankReference = nil
            let sameLine = rest.dropFirst(16).trimmingCharacters(in: .whitespaces)
            if !sameLine.isEmpty { details.insert(sameLine, at: 0) }
        }
        supplementaryDetails = details.isEmpty ? nil : details.joined(separator: "\n")
        self.valueDate = valueDate
        information = nil
        line = field.line
    }
}
