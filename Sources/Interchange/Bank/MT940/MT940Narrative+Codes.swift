import Foundation
import Ledger

/// The slash-coded `:86:`: ABN AMRO `/TRTP/…/IBAN/…/BIC/…/NAME/…/REMI/…/EREF/…`, ING
/// `/EREF/…//CNTP/iban/bic/name/city/REMI/USTD//…/` and Rabobank `/EREF/…/BENM//NAME/…/REMI/…`.
extension MT940Narrative {
    /// The codes that start a value; a slash followed by anything else belongs to the value.
    private static let knownCodes: Set<String> = [
        "ACCW", "ADDR", "BENM", "BIC", "BUSP", "CHGS", "CNTP", "CSID", "EREF", "EXCH", "ID", "IBAN", "IREF", "ISDT",
        "MARF", "NAME", "NREF", "OCMT", "ORDP", "PREF", "PURP", "REMI", "RTRN", "SVCL", "TRCD", "TRTP", "ULTB", "ULTC",
        "ULTD",
    ]

    /// The `/CODE/value` pairs in order, or nil when the text does not start with a known code. Lines are joined
    /// as they are: banks cut the text every 64 or 65 characters, in the middle of words.
    static func codes(in text: String) -> [(code: String, value: String)]? {
        let chars = Array(text)
        var found: [(code: String, start: Int, valueStart: Int)] = []
        var index = 0
        while index < chars.count {
            guard chars[index] == "/", let (code, valueStart) = code(at: index, in: chars) else {
                index += 1
                continue
            }
            found.append((code, index, valueStart))
            index = valueStart
            // ING's counterparty is iban/bic/name/city: a name such as "ID" must not start a new code.
            if code == "CNTP" {
                var slashes = 0
                while index < chars.count, slashes < 3 {
                    if chars[index] == "/" { slashes += 1 }
                    index += 1
                }
            }
        }
        guard let first = found.first, first.start == 0 else { return nil }
        return found.indices.map { i in
            let end = i + 1 < found.count ? found[i + 1].start : chars.count
            var value = chars[found[i].valueStart..<max(end, found[i].valueStart)]
            if value.last == "/" { value = value.dropLast() }
            return (found[i].code, String(value).trimmingCharacters(in: .whitespaces))
        }
    }

    private static func code(at index: Int, in chars: [Character]) -> (String, Int)? {
        var end = index + 1
        while end < chars.count, end - index <= 5, chars[end].isASCII, chars[end].isUppercase { end += 1 }
        guard end < chars.count, end > index + 1, chars[end] == "/" else { return nil }
        let code = String(chars[index + 1..<end])
        return knownCodes.contains(code) ? (code, end + 1) : nil
    }

    mutating func readCodes(_ codes: [(code: String, value: String)]) {
        func first(_ code: String) -> String? { Self.nonEmpty(codes.first { $0.code == code }?.value) }
        let counterparty = first("CNTP")?.split(separator: "/", omittingEmptySubsequences: false)
        func part(_ index: Int) -> String? {
            counterparty.flatMap { index < $0.count ? Self.nonEmpty($0[index]) : nil }
        }
        counterpartyIBAN = first("IBAN") ?? part(0)
        counterpartyBIC = first("BIC") ?? part(1)
        counterpartyName = first("NAME") ?? part(2)
        endToEndID = first("EREF").flatMap(Self.reference)
        mandateID = first("MARF")
        if let remittance = first("REMI") { readRemittance(remittance) }
    }

    /// ING `USTD//text` or `STRD/CUR/kenmerk`, ABN AMRO `ISSUER: CUR REF: kenmerk`, or plain text.
    private mutating func readRemittance(_ remittance: String) {
        if remittance.hasPrefix("USTD/") {
            description = String(remittance.dropFirst(5).drop { $0 == "/" }).trimmingCharacters(in: .whitespaces)
        } else if remittance.hasPrefix("STRD/") {
            let parts = remittance.dropFirst(5).split(separator: "/", maxSplits: 1)
            structuredReference = Self.nonEmpty(parts.last)
        } else if let match = remittance.firstMatch(of: /(?i)ISSUER:\s*\S+\s+REF:\s*(\S+)/) {
            structuredReference = String(match.1)
        } else {
            description = remittance
            if PaymentReference.isCreditorReference(remittance) { structuredReference = remittance }
        }
    }
}
