import Core

/// Reads `-1,234.56 EUR`, `EUR -1234.56`, `€12.50`, `$-5`, `"green apples" 3`: a sign, a quantity and a commodity
/// on either side. With both `.` and `,` in a number the last is the decimal mark; a single mark of one kind is a
/// decimal mark and a repeated one a digit-group mark — as hledger reads numbers without commodity directives.
enum JournalAmountReader {
    static func read(_ slice: ArraySlice<UInt8>, line: Int, parser: JournalParser) throws(InterchangeError)
        -> JournalAmount?
    {
        var s = slice.startIndex, e = slice.endIndex
        while s < e && (slice[s] == 32 || slice[s] == 9) { s += 1 }
        while e > s && (slice[e - 1] == 32 || slice[e - 1] == 9) { e -= 1 }
        guard s < e else { return nil }
        var negative = false
        var commodity = ""
        var i = s

        func readSign() {
            if i < e && (slice[i] == UInt8(ascii: "-") || slice[i] == UInt8(ascii: "+")) {
                if slice[i] == UInt8(ascii: "-") { negative.toggle() }
                i += 1
                while i < e && slice[i] == 32 { i += 1 }
            }
        }
        func isNumberStart(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") }
        func readCommodity() throws(InterchangeError) {
            if i < e && slice[i] == UInt8(ascii: "\"") {
                var close = i + 1
                while close < e && slice[close] != UInt8(ascii: "\"") { close += 1 }
                guard close < e else { throw parser.error(line, "a quoted commodity has no closing quote") }
                commodity = String(decoding: slice[(i + 1)..<close], as: UTF8.self)
                i = close + 1
            } else {
                let start = i
                while i < e, !isNumberStart(slice[i]), slice[i] != 32, slice[i] != UInt8(ascii: "-"),
                      slice[i] != UInt8(ascii: "+") { i += 1 }
                commodity = String(decoding: slice[start..<i], as: UTF8.self)
            }
            while i < e && slice[i] == 32 { i += 1 }
        }

        readSign()
        if i < e && !isNumberStart(slice[i]) {
            try readCommodity()
            readSign()
        }
        let numberStart = i
        while i < e && isNumberStart(slice[i]) { i += 1 }
        let numberEnd = i
        guard numberStart < numberEnd else {
            throw parser.error(line, "'\(String(decoding: slice[s..<e], as: UTF8.self))' is not an amount")
        }
        while i < e && slice[i] == 32 { i += 1 }
        if i < e {
            guard commodity.isEmpty else {
                throw parser.error(line, "'\(String(decoding: slice[s..<e], as: UTF8.self))' is not an amount")
            }
            try readCommodity()
            guard i == e else {
                throw parser.error(line, "'\(String(decoding: slice[s..<e], as: UTF8.self))' is not an amount")
            }
        }
        let quantity = try number(slice[numberStart..<numberEnd], negative: negative, line: line, parser: parser)
        return JournalAmount(quantity: quantity, commodity: normalised(commodity))
    }

    /// Currency symbols stand for their ISO code, so `€5` and `5 EUR` are one commodity.
    static func normalised(_ commodity: String) -> String {
        switch commodity {
        case "€": "EUR"
        case "$": "USD"
        case "£": "GBP"
        case "¥": "JPY"
        default: commodity
        }
    }

    static func number(_ digits: ArraySlice<UInt8>, negative: Bool, line: Int, parser: JournalParser)
        throws(InterchangeError) -> DecimalNumber
    {
        var lastDot = -1, lastComma = -1, dots = 0, commas = 0
        for (offset, b) in digits.enumerated() {
            if b == UInt8(ascii: ".") { lastDot = offset; dots += 1 }
            if b == UInt8(ascii: ",") { lastComma = offset; commas += 1 }
        }
        var decimalAt = -1
        if dots > 0 && commas > 0 {
            decimalAt = max(lastDot, lastComma)
            if (decimalAt == lastDot ? dots : commas) > 1 {
                throw parser.error(line, "'\(String(decoding: digits, as: UTF8.self))' has two decimal marks")
            }
        } else if dots == 1 {
            decimalAt = lastDot
        } else if commas == 1 {
            decimalAt = lastComma
        }
        var mantissa: Int64 = 0
        var scale = 0
        for (offset, b) in digits.enumerated() {
            if b >= 48 && b <= 57 {
                let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(Int64(b - 48))
                guard !o1 && !o2 else {
                    throw parser.error(line, "'\(String(decoding: digits, as: UTF8.self))' is too large")
                }
                mantissa = m2
                if decimalAt >= 0 && offset > decimalAt { scale += 1 }
            }
        }
        guard scale <= 12 else { throw parser.error(line, "'\(String(decoding: digits, as: UTF8.self))' has too many decimals") }
        return DecimalNumber(mantissa: negative ? -mantissa : mantissa, scale: scale)
    }
}
