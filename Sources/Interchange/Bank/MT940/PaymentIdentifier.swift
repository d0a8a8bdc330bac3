/// Recognises account numbers and bank codes by their shape (creditor references: `PaymentReference`).
enum PaymentIdentifier {
    /// IBAN lengths of the SEPA countries; others only need the general shape.
    private static let lengths: [String: Int] = [
        "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18,
        "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19,
        "SK": 24, "SM": 27,
    ]

    /// Two letters, two digits and 11–30 letters or digits, at the country's length where it is known. The check
    /// digits are not verified: banks' example files carry IBANs that fail them, and the bank is the authority.
    static func isIBAN<S: StringProtocol>(_ text: S) -> Bool {
        let chars = Array(text)
        guard (15...34).contains(chars.count), chars[0...1].allSatisfy(isUpperLetter),
              chars[2...3].allSatisfy(\.isASCIIDigit), chars[4...].allSatisfy({ isUpperLetter($0) || $0.isASCIIDigit })
        else { return false }
        return lengths[String(chars[0...1])].map { $0 == chars.count } ?? true
    }

    /// A BIC: four letters (bank), two letters (country), two letters or digits, optionally three more.
    static func isBIC<S: StringProtocol>(_ text: S) -> Bool {
        let chars = Array(text)
        guard chars.count == 8 || chars.count == 11 else { return false }
        return chars[0...5].allSatisfy(isUpperLetter) && chars[6...].allSatisfy { isUpperLetter($0) || $0.isASCIIDigit }
    }

    private static func isUpperLetter(_ c: Character) -> Bool { c.isASCII && c.isUppercase }
}
