import Foundation

/// Turns the bytes of an MT940 file into tagged fields, skipping what banks wrap around the messages: SWIFT blocks
/// (`{1:…}{2:…}{4:`), preambles (ING `0000 01INGBNL2AXXXX00001`, `940 00`; ABN AMRO `ABNANL2A`, `940`; Rabobank
/// `:940:`) and trailers (`-`, `-XXX`, `-}`).
enum MT940Lexer {
    /// UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 with Windows-1252's characters in 0x80–0x9F.
    static func text(from data: Data) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Windows-1252 for 0x80–0x9F; its five unassigned bytes keep their ISO-8859-1 code points.
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D,
        0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D,
        0x17E, 0x178,
    ]

    /// What a line that is not a tag means after a field with this tag.
    private enum Continuation {
        /// More text of the field: `:61:` supplementary details, `:86:` lines, tags kept uninterpreted.
        case text
        /// Bank envelope text between messages that lack a trailer: nothing of the statement follows a closing or
        /// available balance but a tag.
        case envelope
        /// None: the field is one line.
        case none
    }

    private static func continuation(after tag: String) -> Continuation {
        switch tag {
        case "62F", "62M", "62", "64", "65": .envelope
        case "20", "21", "25", "28", "28C", "60F", "60M", "60": .none
        default: .text
        }
    }

    /// The fields of every message in file order; a one-line field followed by untagged text is refused.
    static func fields(in text: String, file: String) throws(InterchangeError) -> [MT940Field] {
        var fields: [MT940Field] = []
        var open: (tag: String, lines: [String], line: Int, lastLine: Int)?
        var inMessage = false
        func close() {
            guard let field = open else { return }
            let value = field.lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            fields.append(MT940Field(tag: field.tag, value: value, line: field.line, lastLine: field.lastLine))
            open = nil
        }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            var line = Substring(raw)
            while let last = line.last, last.isWhitespace { line.removeLast() }
            let trimmed = line.drop { $0.isWhitespace }
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("{") {
                close()
                inMessage = false
                guard let block = trimmed.range(of: "{4:") else { continue }
                inMessage = true
                line = trimmed[block.upperBound...]
                if line.isEmpty { continue }
            }
            if trimmed == "-" || trimmed == "-XXX" || trimmed.hasPrefix("-}") {
                close()
                inMessage = false
                continue
            }
            if let (tag, value) = tagged(line) {
                close()
                open = (String(tag), [String(value)], number, number)
                inMessage = true
                continue
            }
            guard inMessage, let field = open else { continue }
            switch continuation(after: field.tag) {
            case .text:
                open?.lines.append(String(line))
                open?.lastLine = number
            case .envelope:
                close()
                inMessage = false
            case .none:
                throw InterchangeError(file: file, line: number, "'\(trimmed)' does not start with a tag, but the "
                    + ":\(field.tag): field before it (line \(field.line)) is one line; remove the line or start it "
                    + "with its tag")
            }
        }
        close()
        return fields
    }

    /// `:20:`, `:28C:`, `:NS:`: two digits and an optional letter, or `NS`, between colons at the line's start.
    private static func tagged(_ line: Substring) -> (tag: Substring, value: Substring)? {
        guard line.first == ":", let end = line.dropFirst().firstIndex(of: ":") else { return nil }
        let tag = line[line.index(after: line.startIndex)..<end]
        let digits = tag.prefix(2)
        let letter = tag.dropFirst(2)
        let valid = tag == "NS" || (digits.count == 2 && digits.allSatisfy(\.isASCIIDigit)
            && letter.count <= 1 && letter.allSatisfy { $0.isASCII && $0.isUppercase })
        return valid ? (tag, line[line.index(after: end)...]) : nil
    }
}
