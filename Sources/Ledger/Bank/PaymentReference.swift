import Core

/// Structured payment references: the ISO 11649 creditor reference (`RF18 5390 0754 7034`) and the Dutch
/// betalingskenmerk (16 digits, the first a check digit). Both carry the invoice they pay; matching reads it back.
public enum PaymentReference {
    /// The invoice key a structured reference carries, or nil when `text` is neither kind or its check fails.
    /// Letters are upper-cased and leading zeros of an all-digit key dropped, as `InvoiceKey` does for invoices.
    public static func payload(of text: String) -> String? {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        if isCreditorReference(compact) {
            return InvoiceKey.normalise(String(compact.dropFirst(4)))
        }
        if compact.count == 16, compact.allSatisfy(\.isASCII), compact.allSatisfy(\.isNumber),
           checkDigit(String(compact.dropFirst())) == compact.first!.wholeNumberValue {
            return InvoiceKey.normalise(String(compact.dropFirst()))
        }
        return nil
    }

    /// Whether `text` is an ISO 11649 creditor reference as written electronically: `RF`, two check digits and up
    /// to 21 upper-case letters or digits, the check digits valid.
    public static func isCreditorReference(_ text: some StringProtocol) -> Bool {
        (5...25).contains(text.count) && text.hasPrefix("RF")
            && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && IBAN.mod97(String(text.dropFirst(4)) + text.prefix(4)) == 1
    }

    /// The creditor reference for an invoice number (letters and digits only, at most 21 of them).
    public static func creditorReference(for invoice: String) -> String? {
        let key = invoice.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard !key.isEmpty, key.count <= 21 else { return nil }
        let check = 98 - IBAN.mod97(key + "RF00")
        return "RF" + (check < 10 ? "0" : "") + String(check) + key
    }

    /// The 16-digit betalingskenmerk for an invoice whose number holds digits only (at most 15 of them).
    public static func betalingskenmerk(for invoice: String) -> String? {
        guard !invoice.isEmpty, invoice.count <= 15, invoice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let body = String(repeating: "0", count: 15 - invoice.count) + invoice
        return String(checkDigit(body)) + body
    }

    /// The Currence check digit of a betalingskenmerk's 15 digits: weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the
    /// right, 11 minus the sum modulo 11, with 10 written as 1 and 11 as 0.
    static func checkDigit(_ digits: String) -> Int {
        let weights = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1]
        var sum = 0
        for (i, c) in digits.reversed().enumerated() { sum += (c.wholeNumberValue ?? 0) * weights[i % weights.count] }
        let check = 11 - sum % 11
        return check == 10 ? 1 : check == 11 ? 0 : check
    }
}

/// How invoice numbers are compared: letters and digits only, upper-cased, leading zeros of an all-digit number
/// dropped (`VF-2026/0001` is `VF20260001`; `000123` is `123`).
public enum InvoiceKey {
    public static func normalise(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var digitsOnly = true
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b); digitsOnly = false
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(b - 32); digitsOnly = false
            default: break
            }
        }
        if digitsOnly, let first = bytes.firstIndex(where: { $0 != UInt8(ascii: "0") }), first > 0 {
            bytes.removeFirst(first)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The keys a free text may refer to: each word, and each run of four or more digits inside a word; keys
    /// shorter than three characters would match too much and are left out.
    public static func candidates(in text: String) -> Set<String> {
        var keys: Set<String> = []
        func add(_ run: Substring.UTF8View) {
            let key = normalise(String(decoding: run, as: UTF8.self))
            if key.count >= 3 { keys.insert(key) }
        }
        let separators = Set(" \t\n\r,;:()[]{}\"'<>".utf8)
        let utf8 = Substring(text).utf8
        var wordStart = utf8.startIndex
        var index = utf8.startIndex
        while true {
            let atEnd = index == utf8.endIndex
            if atEnd || separators.contains(utf8[index]) {
                if wordStart < index {
                    let word = utf8[wordStart..<index]
                    add(word)
                    var runStart: Substring.UTF8View.Index?
                    var runLength = 0
                    var i = word.startIndex
                    while true {
                        let isDigit = i != word.endIndex && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(word[i])
                        if isDigit {
                            if runStart == nil { runStart = i }
                            runLength += 1
                        } else {
                            if let start = runStart, runLength >= 4, runLength < word.count { add(word[start..<i]) }
                            runStart = nil
                            runLength = 0
                        }
                        if i == word.endIndex { break }
                        i = word.index(after: i)
                    }
                }
                if atEnd { break }
                wordStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return keys
    }
}
