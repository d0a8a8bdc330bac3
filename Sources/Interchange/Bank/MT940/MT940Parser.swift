import Core

/// Groups fields into statements: `:20:` opens one, a closing balance must end it, and each field is read and
/// checked in its place.
struct MT940Parser {
    let file: String

    /// A statement while its fields are read.
    private struct Draft {
        var reference: MT940Field
        var lastLine: Int
        var related: String?
        var account: String?
        var number: String?
        var sequence: String?
        var opening: MT940Balance?
        var closing: MT940Balance?
        var available: MT940Balance?
        var forward: [MT940Balance] = []
        var transactions: [MT940Transaction] = []
        var information: String?
        var others: [MT940Field] = []
    }

    func statements(from fields: [MT940Field]) throws(InterchangeError) -> [MT940Statement] {
        var statements: [MT940Statement] = []
        var draft: Draft?
        for field in fields {
            if field.tag == "20" {
                if let done = draft { statements.append(try finish(done)) }
                draft = Draft(reference: field, lastLine: field.lastLine)
                continue
            }
            guard var current = draft else {
                throw InterchangeError(file: file, line: field.line, "\(field.title) comes before the :20: transaction "
                    + "reference that starts every statement; the file is incomplete or not MT940")
            }
            try read(field, into: &current)
            current.lastLine = field.lastLine
            draft = current
        }
        if let done = draft { statements.append(try finish(done)) }
        return statements
    }

    private func read(_ field: MT940Field, into draft: inout Draft) throws(InterchangeError) {
        do throws(MT940Problem) {
            switch field.tag {
            case "21": draft.related = field.value
            case "25": draft.account = field.value
            case "28", "28C":
                let parts = field.value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                draft.number = parts.first.map(String.init)
                draft.sequence = parts.count > 1 ? String(parts[1]) : nil
            case "60F", "60M", "60":
                guard draft.opening == nil else { throw MT940Problem("the statement already has an opening balance") }
                draft.opening = try MT940Balance(field: field)
            case "61":
                guard let opening = draft.opening else {
                    throw MT940Problem("the statement line comes before the statement's opening balance (:60F: or "
                        + ":60M:); the file is out of order or incomplete")
                }
                guard draft.closing == nil else {
                    throw MT940Problem("the statement line comes after the statement's closing balance")
                }
                draft.transactions.append(try MT940Transaction(field: field, currency: opening.amount.currency))
            case "86":
                if draft.closing == nil, !draft.transactions.isEmpty {
                    draft.transactions[draft.transactions.count - 1].information =
                        Self.appending(field.value, to: draft.transactions[draft.transactions.count - 1].information)
                } else {
                    draft.information = Self.appending(field.value, to: draft.information)
                }
            case "62F", "62M", "62":
                guard draft.closing == nil else { throw MT940Problem("the statement already has a closing balance") }
                draft.closing = try MT940Balance(field: field)
            case "64": draft.available = try MT940Balance(field: field)
            case "65": draft.forward.append(try MT940Balance(field: field))
            default: draft.others.append(field)
            }
        } catch {
            throw InterchangeError(file: file, line: field.line, "\(field.title): \(error.message)")
        }
    }

    private static func appending(_ text: String, to existing: String?) -> String? {
        guard !text.isEmpty else { return existing }
        return existing.map { $0 + "\n" + text } ?? text
    }

    private func finish(_ draft: Draft) throws(InterchangeError) -> MT940Statement {
        let start = draft.reference
        let which = "the statement that starts on line \(start.line) (:20: \(start.value))"
        guard let account = draft.account else {
            throw InterchangeError(file: file, line: start.line, "\(which) has no :25: account identification; the "
                + "bank writes the account after :20:, so the file is incomplete")
        }
        guard let opening = draft.opening else {
            throw InterchangeError(file: file, line: draft.lastLine, "\(which) ends here without an opening balance "
                + "(:60F: or :60M:); the file is truncated or incomplete")
        }
        guard let closing = draft.closing else {
            throw InterchangeError(file: file, line: draft.lastLine, "\(which) ends here without a closing balance "
                + "(:62F: or :62M:); the file is truncated or incomplete")
        }
        for balance in [closing] + [draft.available].compactMap({ $0 }) + draft.forward
        where balance.amount.currency != opening.amount.currency {
            throw InterchangeError(file: file, line: balance.line, MT940Field.title(of: balance.tag)
                + " is in \(balance.amount.currency) but the opening balance on line \(opening.line) is in "
                + "\(opening.amount.currency); one statement has one currency")
        }
        return MT940Statement(
            transactionReference: start.value, relatedReference: draft.related, accountIdentification: account,
            statementNumber: draft.number, sequenceNumber: draft.sequence, openingBalance: opening,
            transactions: draft.transactions, closingBalance: closing, availableBalance: draft.available,
            forwardAvailableBalances: draft.forward, information: draft.information, otherFields: draft.others,
            line: start.line)
    }
}
