import Core

/// What a bank statement import did: statements and lines read, lines new and already there, the ledger account
/// each bank account booked to, and warnings (a statement whose lines do not add up to its closing balance).
public struct BankImportReport: Sendable, Codable, Equatable {
    public var statements: Int
    public var lines: Int
    public var added: Int
    public var alreadyThere: Int
    /// IBAN (or account number) → ledger account.
    public var accounts: [String: String]
    public var warnings: [String]
    public var dryRun: Bool
}

/// Turns parsed statements into bank statement lines with a stable key, so the same transaction imported again,
/// from the same file or another (an intraday report, then the day's statement), is recognised.
enum BankLineKey {
    /// `IBAN/date/hash#n`: the hash covers what the bank says of the transaction; `n` counts identical
    /// transactions on one statement (two equal fees on one day are two lines).
    static func lines(of statement: BankStatement, account: String, occurrences: inout [String: Int]) -> [BankStatementLine] {
        let owner = IBAN.normalise(statement.account)
        return statement.transactions.map { t in
            var hash = FNV1a()
            for field in [owner, t.bookingDate.description, t.amount.currency.code, String(t.amount.minorUnits),
                          t.bankReference ?? "", t.endToEndID ?? "", t.counterpartyIBAN ?? "", t.description,
                          t.typeCode ?? "", t.reversal ? "R" : ""] { hash.add(field) }
            let base = "\(owner)/\(t.bookingDate)/\(hash.hex)"
            let n = occurrences[base, default: 0] + 1
            occurrences[base] = n
            return BankStatementLine(
                id: 0, account: account, date: t.bookingDate, amount: t.amount, counterpartyName: t.counterpartyName,
                counterpartyIBAN: t.counterpartyIBAN.map(IBAN.normalise), description: t.description,
                reference: "\(base)#\(n)", entryID: nil, statement: "\(owner)/\(statement.identifier)",
                valueDate: t.valueDate, counterpartyBIC: t.counterpartyBIC, endToEndID: t.endToEndID,
                structuredReference: t.structuredReference, bankReference: t.bankReference, typeCode: t.typeCode,
                mandateID: t.mandateID, reversal: t.reversal)
        }
    }

    /// A warning when opening balance plus the lines is not the closing balance.
    static func continuity(of statement: BankStatement) -> String? {
        guard let opening = statement.openingBalance, let closing = statement.closingBalance,
              opening.amount.currency == closing.amount.currency,
              statement.transactions.allSatisfy({ $0.amount.currency == opening.amount.currency })
        else { return nil }
        let sum = statement.transactions.reduce(opening.amount.minorUnits) { $0 + $1.amount.minorUnits }
        guard sum != closing.amount.minorUnits else { return nil }
        let digits = opening.amount.currency.minorDigits
        return "statement \(statement.identifier) of \(statement.account): opening balance "
            + Money.formatGrouped(opening.amount.minorUnits, digits: digits) + " plus its lines is "
            + Money.formatGrouped(sum, digits: digits) + ", but the closing balance is "
            + Money.formatGrouped(closing.amount.minorUnits, digits: digits) + "; lines may be missing from the file"
    }
}
