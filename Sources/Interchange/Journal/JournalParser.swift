import Core
import Foundation

/// Reads the plain-text journal format that hledger and ledger share, item by item, from UTF-8 bytes.
///
/// Supported: dated transactions (`YYYY-MM-DD`, `/` or `.` separators, optional `=DATE2`) with status and
/// `(code)`; postings with amounts before or after their commodity, one elided amount, `@`/`@@` prices and
/// balance assertions (read, not checked); `;` comments with `name:value` tags on transactions and postings;
/// top-level comments (`;`, `#`, `*`) and `comment … end comment` blocks; `account` directives with `type:`.
/// `commodity`, `P`, `D`, `payee`, `tag` and `decimal-mark` directives are skipped. Anything else — `include`,
/// `alias`, `Y`, periodic and automated transactions, virtual postings — is refused with its line number,
/// because importing it silently wrong would be worse than not importing it.
public struct JournalParser {
    let bytes: [UInt8]
    public let file: String
    private var position = 0
    private var lineNumber = 0
    private var pendingLine: (start: Int, end: Int, number: Int)?
    private var accountNames: [ArraySlice<UInt8>: String] = [:]

    public init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next directive or transaction, or nil at the end of the file.
    public mutating func next() throws(InterchangeError) -> JournalItem? {
        while let (start, end, number) = nextLine() {
            guard start < end else { continue }
            let first = bytes[start]
            switch first {
            case UInt8(ascii: ";"), UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "|"):
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if isBlank(start, end) { continue }
                throw error(number, "an indented line outside a transaction")
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .transaction(try transaction(start, end, number))
            case UInt8(ascii: "~"):
                throw error(number, "periodic transactions (~) are not supported; write the transactions out")
            case UInt8(ascii: "="):
                throw error(number, "automated transactions (=) are not supported; write the postings out")
            default:
                if let item = try directive(start, end, number) { return item }
            }
        }
        return nil
    }

    /// Only the `account` directives of the file, wherever they stand (a declaration may follow its first use).
    public mutating func declarations() throws(InterchangeError) -> [JournalAccountDeclaration] {
        var found: [JournalAccountDeclaration] = []
        let prefix = Array("account ".utf8)
        while let (start, end, number) = nextLine() {
            guard end - start > prefix.count, bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { continue }
            if case .account(let d)? = try directive(start, end, number) { found.append(d) }
        }
        return found
    }

    // MARK: - Lines

    private mutating func nextLine() -> (start: Int, end: Int, number: Int)? {
        if let pending = pendingLine {
            pendingLine = nil
            return pending
        }
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != 10 { end += 1 }
        position = end + 1
        lineNumber += 1
        var trimmed = end
        while trimmed > start && (bytes[trimmed - 1] == 13 || bytes[trimmed - 1] == 32 || bytes[trimmed - 1] == 9) {
            trimmed -= 1
        }
        return (start, trimmed, lineNumber)
    }

    private func isBlank(_ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].allSatisfy { $0 == 32 || $0 == 9 }
    }

    func error(_ line: Int, _ message: String) -> InterchangeError {
        InterchangeError(file: file, line: line, message)
    }

    func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    // MARK: - Directives

    private mutating func directive(_ start: Int, _ end: Int, _ number: Int) throws(InterchangeError) -> JournalItem? {
        var wordEnd = start
        while wordEnd < end && bytes[wordEnd] != 32 && bytes[wordEnd] != 9 { wordEnd += 1 }
        let word = text(start, wordEnd)
        switch word {
        case "account":
            var nameStart = wordEnd
            while nameStart < end && (bytes[nameStart] == 32 || bytes[nameStart] == 9) { nameStart += 1 }
            let (nameEnd, commentStart) = accountNameEnd(nameStart, end)
            guard nameStart < nameEnd else { throw error(number, "the account directive names no account") }
            var tags = commentStart.map { tagsIn($0, end) } ?? [:]
            // Ledger-style indented sub-directives and comments belong to the directive.
            while let next = nextLine() {
                if next.start < next.end && (bytes[next.start] == 32 || bytes[next.start] == 9) {
                    var s = next.start
                    while s < next.end && (bytes[s] == 32 || bytes[s] == 9) { s += 1 }
                    if s < next.end && bytes[s] == UInt8(ascii: ";") { tags.merge(tagsIn(s, next.end)) { $1 } }
                    continue
                }
                pendingLine = next
                break
            }
            let name = text(nameStart, nameEnd)
            var declaration = JournalAccountDeclaration(line: number, name: name, type: nil, isCash: false)
            if let raw = tags["type"] {
                switch raw.lowercased() {
                case "a", "asset", "assets": declaration.type = .asset
                case "c", "cash": declaration.type = .asset; declaration.isCash = true
                case "l", "liability", "liabilities": declaration.type = .liability
                case "e", "equity": declaration.type = .equity
                case "r", "revenue", "revenues", "income": declaration.type = .revenue
                case "x", "expense", "expenses": declaration.type = .expense
                default: throw error(number, "account \(name): unknown type '\(raw)' (use A, L, E, R, X or C)")
                }
            }
            return .account(declaration)
        case "commodity", "P", "D", "payee", "tag", "decimal-mark":
            skipIndentedLines()
            return nil
        case "comment":
            while let next = nextLine() {
                if text(next.start, next.end).trimmingCharacters(in: .whitespaces) == "end comment" { return nil }
            }
            throw error(number, "a comment block is never closed with 'end comment'")
        case "include":
            throw error(number, "include is not supported; import each file on its own")
        case "alias", "apply", "end", "Y", "year", "bucket", "A", "N", "C", "define":
            throw error(number, "the '\(word)' directive is not supported")
        default:
            throw error(number, "unknown directive '\(word)'")
        }
    }

    private mutating func skipIndentedLines() {
        while let next = nextLine() {
            if next.start < next.end && (bytes[next.start] == 32 || bytes[next.start] == 9) { continue }
            pendingLine = next
            return
        }
    }

    /// An account name ends at two spaces, a tab, or the end; returns where, and where a `;` comment starts.
    private func accountNameEnd(_ start: Int, _ end: Int) -> (Int, Int?) {
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 9 || (b == 32 && i + 1 < end && (bytes[i + 1] == 32 || bytes[i + 1] == 9)) { break }
            if b == UInt8(ascii: ";") && (i == start || bytes[i - 1] == 32) { return (trimEnd(start, i), i) }
            i += 1
        }
        var comment: Int?
        var j = i
        while j < end { if bytes[j] == UInt8(ascii: ";") { comment = j; break }; j += 1 }
        return (trimEnd(start, i), comment)
    }

    private func trimEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start && (bytes[e - 1] == 32 || bytes[e - 1] == 9) { e -= 1 }
        return e
    }

    /// `name:value` tags in a comment (from its `;`), comma-separated; a value runs to the next comma.
    func tagsIn(_ start: Int, _ end: Int) -> [String: String] {
        var tags: [String: String] = [:]
        guard start < end else { return tags }
        let comment = text(start + 1, end)
        for part in comment.split(separator: ",") {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let name = part[..<colon].split(separator: " ").last.map(String.init) ?? ""
            guard !name.isEmpty, name.allSatisfy({ !$0.isWhitespace }) else { continue }
            tags[name] = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return tags
    }

    // MARK: - Transactions

    private mutating func transaction(_ start: Int, _ end: Int, _ number: Int) throws(InterchangeError) -> JournalTransaction {
        var i = start
        let date = try parseDate(&i, end, number)
        if i < end && bytes[i] == UInt8(ascii: "=") {
            i += 1
            _ = try parseDate(&i, end, number)
        }
        while i < end && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
        var status: Character?
        if i < end && (bytes[i] == UInt8(ascii: "*") || bytes[i] == UInt8(ascii: "!")) {
            status = Character(UnicodeScalar(bytes[i]))
            i += 1
            while i < end && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
        }
        var code: String?
        if i < end && bytes[i] == UInt8(ascii: "(") {
            var close = i + 1
            while close < end && bytes[close] != UInt8(ascii: ")") { close += 1 }
            guard close < end else { throw error(number, "the transaction code has no closing ')'") }
            code = text(i + 1, close)
            i = close + 1
            while i < end && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
        }
        var descriptionEnd = i
        var tags: [String: String] = [:]
        while descriptionEnd < end && bytes[descriptionEnd] != UInt8(ascii: ";") { descriptionEnd += 1 }
        if descriptionEnd < end { tags = tagsIn(descriptionEnd, end) }
        let description = text(i, trimEnd(i, descriptionEnd))

        var postings: [JournalPosting] = []
        while let next = nextLine() {
            guard next.start < next.end, bytes[next.start] == 32 || bytes[next.start] == 9 else {
                if next.start < next.end { pendingLine = next }
                break
            }
            var s = next.start
            while s < next.end && (bytes[s] == 32 || bytes[s] == 9) { s += 1 }
            if s == next.end { break }
            if bytes[s] == UInt8(ascii: ";") || bytes[s] == UInt8(ascii: "#") {
                let extra = tagsIn(s, next.end)
                if postings.isEmpty { tags.merge(extra) { $1 } } else { postings[postings.count - 1].tags.merge(extra) { $1 } }
                continue
            }
            postings.append(try posting(s, next.end, next.number))
        }
        guard !postings.isEmpty else { throw error(number, "the transaction has no postings") }
        return JournalTransaction(line: number, date: date, status: status, code: code, description: description,
                                  tags: tags, postings: postings)
    }

    private func parseDate(_ i: inout Int, _ end: Int, _ number: Int) throws(InterchangeError) -> LocalDate {
        var parts = [0, 0, 0]
        var part = 0, digits = 0
        var separator: UInt8 = 0
        while i < end {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                parts[part] = parts[part] * 10 + Int(b - 48)
                digits += 1
            } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".")) && part < 2 && digits > 0
                        && (separator == 0 || separator == b) {
                separator = b
                part += 1
                digits = 0
            } else {
                break
            }
            i += 1
        }
        guard part == 2, digits > 0, parts[0] >= 1000 else {
            throw error(number, "a transaction must start with a full date (YYYY-MM-DD)")
        }
        do { return try LocalDate(year: parts[0], month: parts[1], day: parts[2]) } catch {
            throw self.error(number, "\(parts[0])-\(parts[1])-\(parts[2]) is not a calendar date")
        }
    }

    private mutating func posting(_ start: Int, _ end: Int, _ number: Int) throws(InterchangeError) -> JournalPosting {
        var i = start
        if bytes[i] == UInt8(ascii: "*") || bytes[i] == UInt8(ascii: "!") {
            i += 1
            while i < end && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
        }
        if bytes[i] == UInt8(ascii: "(") || bytes[i] == UInt8(ascii: "[") {
            throw error(number, "virtual postings ( ) and [ ] are not supported; every posting must balance")
        }
        let (nameEnd, commentStart) = accountNameEnd(i, end)
        guard i < nameEnd else { throw error(number, "the posting names no account") }
        let slice = bytes[i..<nameEnd]
        let account: String
        if let known = accountNames[slice] { account = known } else {
            account = String(decoding: slice, as: UTF8.self)
            accountNames[slice] = account
        }
        let amountEnd = commentStart ?? end
        var amountStart = nameEnd
        while amountStart < amountEnd && (bytes[amountStart] == 32 || bytes[amountStart] == 9) { amountStart += 1 }
        var amount: JournalAmount?
        var cost: JournalCost?
        if amountStart < amountEnd {
            var stop = amountStart
            var costAt: Int?
            while stop < amountEnd {
                if bytes[stop] == UInt8(ascii: "@") && costAt == nil { costAt = stop }
                if bytes[stop] == UInt8(ascii: "=") { break }  // a balance assertion follows
                stop += 1
            }
            let quantityEnd = costAt ?? stop
            amount = try JournalAmountReader.read(bytes[amountStart..<quantityEnd], line: number, parser: self)
            if let at = costAt {
                let isTotal = at + 1 < stop && bytes[at + 1] == UInt8(ascii: "@")
                let priceStart = at + (isTotal ? 2 : 1)
                guard let price = try JournalAmountReader.read(bytes[priceStart..<stop], line: number, parser: self) else {
                    throw error(number, "the price after @ is missing")
                }
                cost = JournalCost(amount: price, isTotal: isTotal)
            }
        }
        return JournalPosting(line: number, account: account, amount: amount, cost: cost,
                              tags: commentStart.map { tagsIn($0, end) } ?? [:])
    }
}
