import Foundation

/// What a transaction's `:86:` text and `:61:` references say about the other party and the payment, read in the
/// dialect the text is in: slash codes (ABN AMRO `/TRTP/`, ING, Rabobank IBAN), ABN AMRO's labels (`IBAN: … NAAM:`),
/// Knab's `REK: …/NAAM: …`, Triodos' `>20` sub-fields, or the free text of the older formats.
struct MT940Narrative: Sendable {
    var counterpartyName: String?
    var counterpartyIBAN: String?
    var counterpartyBIC: String?
    var endToEndID: String?
    var description = ""
    var structuredReference: String?
    var mandateID: String?

    init(_ transaction: MT940Transaction) {
        let text = Self.clean(transaction.information ?? "")
        let lines = text.split(separator: "\n").map(String.init)
        if text.hasPrefix("/"), let codes = Self.codes(in: lines.joined()) {
            readCodes(codes)
        } else if let knab = Self.knab(text) {
            readKnab(knab)
        } else if text.uppercased().hasPrefix("SEPA"), let labels = Self.labels(in: lines) {
            readLabels(labels)
        } else if text.prefixMatch(of: /\d{3}>\d{2}/) != nil {
            readTriodos(lines.joined())
        } else {
            readFreeText(text, lines: lines)
        }
        readStatementLine(transaction)
    }

    /// What the `:61:` adds: the counter account or name in the supplementary details (Rabobank, SNS), and the
    /// customer's reference when the `:86:` has no end-to-end reference.
    private mutating func readStatementLine(_ transaction: MT940Transaction) {
        if let details = transaction.supplementaryDetails.map(Self.clean), !details.hasPrefix("/") {
            let single = details.replacingOccurrences(of: "\n", with: " ")
            if PaymentIdentifier.isIBAN(single) {
                counterpartyIBAN = counterpartyIBAN ?? single
            } else if counterpartyName == nil, !single.isEmpty {
                counterpartyName = single
            }
        }
        let reference = Self.clean(transaction.customerReference).trimmingCharacters(in: .whitespaces)
        if endToEndID == nil, Self.reference(reference) != nil, !["EREF", "MARF", "PREF"].contains(reference),
           reference.wholeMatch(of: /P?\d{5,10}/) == nil {
            endToEndID = reference
        }
    }

    /// A reference the bank actually filled in: not empty, `NONREF` or `NOTPROVIDED`.
    static func reference(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return ["", "NONREF", "NOTPROVIDED"].contains(trimmed.uppercased()) ? nil : trimmed
    }

    /// Soft hyphens (byte 0xAD in ISO-8859-1 files) stand for hyphens in the banks' texts (`22\u{AD}07\u{AD}2010`).
    static func clean(_ text: String) -> String { text.replacingOccurrences(of: "\u{AD}", with: "-") }

    /// Runs of whitespace (column padding, line joins) as one space, ends trimmed.
    static func collapsed(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A value with its surrounding whitespace removed, or nil when nothing is left.
    static func nonEmpty(_ text: (some StringProtocol)?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
