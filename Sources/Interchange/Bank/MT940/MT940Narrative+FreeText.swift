import Foundation

/// The `:86:` dialects without codes or labels: Knab, Triodos, and the free text of ABN AMRO (`GIRO`, `BEA`), ING,
/// Rabobank and SNS before SEPA.
extension MT940Narrative {
    /// Knab's closing line `REK: <iban>/NAAM: <name>`, with the text before it.
    static func knab(_ text: String) -> (text: String, account: String, name: String)? {
        guard let match = text.firstMatch(of: /(?m)^REK:\s*([^\s\/]+)\s*\/\s*NAAM:\s*(.*)$/) else { return nil }
        return (String(text[..<match.range.lowerBound]), String(match.1), String(match.2))
    }

    mutating func readKnab(_ knab: (text: String, account: String, name: String)) {
        description = knab.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if PaymentIdentifier.isIBAN(knab.account) { counterpartyIBAN = knab.account }
        counterpartyName = Self.nonEmpty(knab.name)
    }

    /// Triodos: a three-digit code, then `>NN` sub-fields cut every 27 characters: `>10` counter account, `>20`–`>29`
    /// the description (a SEPA payment starts it with the BIC and the IBAN), `>31` the account itself.
    mutating func readTriodos(_ text: String) {
        let markers = text.matches(of: />(\d{2})/)
        var parts: [(number: Int, value: String)] = []
        for (i, marker) in markers.enumerated() {
            let end = i + 1 < markers.count ? markers[i + 1].range.lowerBound : text.endIndex
            parts.append((Int(marker.1) ?? 0, String(text[marker.range.upperBound..<end])))
        }
        var purpose = parts.filter { (20...29).contains($0.number) }.map(\.value)
        if purpose.count >= 2, PaymentIdentifier.isBIC(purpose[0].trimmingCharacters(in: .whitespaces)),
           PaymentIdentifier.isIBAN(purpose[1].trimmingCharacters(in: .whitespaces)) {
            counterpartyBIC = purpose[0].trimmingCharacters(in: .whitespaces)
            counterpartyIBAN = purpose[1].trimmingCharacters(in: .whitespaces)
            purpose.removeFirst(2)
        }
        description = purpose.joined().trimmingCharacters(in: .whitespaces)
        if counterpartyIBAN == nil,
           let account = parts.first(where: { $0.number == 10 })?.value.trimmingCharacters(in: .whitespaces),
           PaymentIdentifier.isIBAN(account) {
            counterpartyIBAN = account
        }
    }

    /// The whole text is the description; ABN AMRO's `GIRO`, `BEA`/`GEA` and account-number lines name the other
    /// party in their first column, and a `BETALINGSKENM.` is the payment reference.
    mutating func readFreeText(_ text: String, lines: [String]) {
        description = text
        let first = lines.first ?? ""
        if let giro = first.prefix(32).wholeMatch(of: /GIRO\s+\d+\s+(.+?)\s*/) {
            counterpartyName = String(giro.1)
        } else if let card = first.firstMatch(of: /^[BG]EA\s+NR:\S+\s+[\d.]{8}\/\d\d[.:]\d\d\s+(.+?)\s*,PAS\s*\d+/) {
            counterpartyName = String(card.1)
        } else if let card = first.firstMatch(of: /^[BG]EA,\s+\S+(?: \S+)?\s{2,}(.+?)\s*,PAS\s*\d+/) {
            counterpartyName = String(card.1)
        } else if let account = first.wholeMatch(of: /\d{2}\.\d{2}\.\d{2}\.\d{3}\s+(.+)/) {
            counterpartyName = Self.collapsed(account.1)
        }
        if let kenmerk = text.firstMatch(of: /BETALINGSKENM(?:ERK|\.)?:?\s*(\d{7,16})(?!\d)/) {
            structuredReference = String(kenmerk.1)
        }
    }
}
