public import Core
public import Foundation

/// Reads MT940 customer statements (SWIFT), as the Dutch banks export them, into bank statements.
public enum MT940Reader {
    /// Every statement in the file, in the ledger's model; `file` names the file in errors.
    public static func statements(from data: Data, file: String) throws(InterchangeError) -> [BankStatement] {
        try messages(from: data, file: file).map(BankStatement.init(mt940:))
    }

    /// Every statement in the file as the bank wrote it, field by field.
    public static func messages(from data: Data, file: String) throws(InterchangeError) -> [MT940Statement] {
        let text = MT940Lexer.text(from: data)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InterchangeError(file: file, line: 0, "the file is empty; export the statements from the bank "
                + "again as MT940")
        }
        let fields = try MT940Lexer.fields(in: text, file: file)
        guard !fields.isEmpty else { throw notMT940(text, file: file) }
        return try MT940Parser(file: file).statements(from: fields)
    }

    /// Names what the file seems to be when no line in it starts with a tag.
    private static func notMT940(_ text: String, file: String) -> InterchangeError {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        let index = lines.firstIndex { $0.contains { !$0.isWhitespace } } ?? 0
        let first = lines[index].trimmingCharacters(in: .whitespaces)
        let looksLike = first.hasPrefix("<") ? " (it looks like XML, perhaps CAMT.053)"
            : first.contains(";") || first.contains(",") ? " (it looks like CSV)" : ""
        return InterchangeError(file: file, line: index + 1, "this is not an MT940 bank statement\(looksLike): no line "
            + "starts with a tag such as :20:, which starts every statement; export the statements from the bank as "
            + "MT940")
    }
}
