/// An International Bank Account Number (ISO 13616), checked and in its electronic form: no spaces, upper case.
public struct IBAN: Hashable, Sendable, CustomStringConvertible {
    /// The electronic form (`NL91ABNA0417164300`).
    public let value: String

    /// Normalises `text` (spaces removed, letters upper-cased) and checks its length, form and mod-97 check digits.
    public init(_ text: String, field: String = "iban") throws(CoreError) {
        let compact = String(text.filter { !$0.isWhitespace }).uppercased()
        guard compact.count >= 15, compact.count <= 34,
              compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else {
            throw CoreError(field, "'\(text)' is not an IBAN: two letters, two check digits and the account, "
                + "15 to 34 characters (e.g. NL91 ABNA 0417 1643 00)")
        }
        guard Self.remainder(compact) == 1 else {
            throw CoreError(field, "'\(text)' is not a valid IBAN: its check digits fail; check it for a typing error")
        }
        value = compact
    }

    public var description: String { value }

    /// The electronic form of `text` without checking it: spaces removed, letters upper-cased (for comparing).
    public static func normalise(_ text: String) -> String { text.uppercased().filter { !$0.isWhitespace } }

    /// Whether `text` is a well-formed IBAN whose check digits hold.
    public static func isValid(_ text: String) -> Bool { (try? IBAN(text)) != nil }

    /// ISO 7064 mod 97 of the rearranged number, letters as 10–35.
    static func remainder(_ iban: String) -> Int { mod97(iban.dropFirst(4) + iban.prefix(4)) }

    /// ISO 7064 mod 97-10 of letters and digits, letters counting as 10–35 (A–Z): the check behind IBANs and ISO 11649
    /// creditor references. Other characters are skipped.
    public static func mod97(_ text: some StringProtocol) -> Int {
        var remainder = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): remainder = (remainder * 10 + Int(byte) - 48) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): remainder = (remainder * 100 + Int(byte) - 55) % 97
            case UInt8(ascii: "a")...UInt8(ascii: "z"): remainder = (remainder * 100 + Int(byte) - 87) % 97
            default: continue
            }
        }
        return remainder
    }
}
