import Foundation

/// ABN AMRO's labelled `:86:` since SEPA (`SEPA OVERBOEKING  IBAN: … BIC: … NAAM: … OMSCHRIJVING: …
/// KENMERK: …`), laid out in columns of 32 characters that run into each other when full.
extension MT940Narrative {
    /// Longest first, so that `BETALINGSKENMERK:` is not read as `KENMERK:`.
    private static let knownLabels = [
        "BETALINGSKENMERK:", "BETALINGSKENM.:", "ID BEGUNSTIGDE:", "OMSCHRIJVING:", "MACHTIGING:", "INCASSANT:",
        "KENMERK:", "IBAN:", "NAAM:", "BIC:",
    ].map { Array($0) }

    /// The labelled values in order, or nil when the text has no `IBAN:`, `NAAM:` or `INCASSANT:`. A line of 64 or
    /// more characters was cut at the column edge and goes on directly; a shorter one lost its padding: a space.
    static func labels(in lines: [String]) -> [(label: String, value: String)]? {
        var text = ""
        for line in lines { text += line + (line.count >= 64 ? "" : " ") }
        let chars = Array(text)
        var found: [(label: String, start: Int, valueStart: Int)] = []
        var index = 0
        while index < chars.count {
            guard let label = knownLabels.first(where: { matches($0, at: index, in: chars) }) else {
                index += 1
                continue
            }
            found.append((String(label), index, index + label.count))
            index += label.count
        }
        guard found.contains(where: { ["IBAN:", "NAAM:", "INCASSANT:"].contains($0.label) }) else { return nil }
        return found.indices.map { i in
            let end = i + 1 < found.count ? found[i + 1].start : chars.count
            return (found[i].label, collapsed(String(chars[found[i].valueStart..<end])))
        }
    }

    private static func matches(_ label: [Character], at index: Int, in chars: [Character]) -> Bool {
        guard index + label.count <= chars.count else { return false }
        return label.indices.allSatisfy { String(chars[index + $0]).uppercased() == String(label[$0]) }
    }

    mutating func readLabels(_ labels: [(label: String, value: String)]) {
        func first(_ label: String) -> String? { Self.nonEmpty(labels.first { $0.label == label }?.value) }
        counterpartyIBAN = first("IBAN:")
        counterpartyBIC = first("BIC:")
        counterpartyName = first("NAAM:")
        description = first("OMSCHRIJVING:") ?? ""
        endToEndID = first("KENMERK:").flatMap(Self.reference)
        mandateID = first("MACHTIGING:")
        structuredReference = first("BETALINGSKENM.:") ?? first("BETALINGSKENMERK:")
    }
}
