public import Core
import GRDB

extension StoreTransaction {
    /// Adds a bank statement line; returns false when a line with the same reference is already there.
    public func insert(_ line: BankStatementLine, admin: String) throws -> Bool {
        try execute("""
            INSERT INTO bank_statement_line (admin_id, account, date, amount, currency, counterparty_name,
                counterparty_iban, description, reference, entry_id, statement, value_date, counterparty_bic,
                end_to_end_id, structured_reference, bank_reference, type_code, mandate_id, reversal, processed_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, reference) DO NOTHING
            """, [admin, line.account, line.date.description, line.amount.minorUnits, line.amount.currency.code,
                  line.counterpartyName, line.counterpartyIBAN, line.description, line.reference, line.entryID,
                  line.statement, line.valueDate?.description, line.counterpartyBIC, line.endToEndID,
                  line.structuredReference, line.bankReference, line.typeCode, line.mandateID, line.reversal,
                  line.processedBy])
        return changes > 0
    }

    /// Marks a line processed by `entry`; `by` names the matching rule or `manual`.
    public func markProcessed(bankLine id: Int64, entry: Int64, by: String = "manual") throws {
        try execute("UPDATE bank_statement_line SET entry_id = ?, processed_by = ? WHERE id = ? AND entry_id IS NULL",
                    [entry, by, id])
        guard changes == 1 else { throw StoreError("bank line \(id) does not exist or is already processed") }
    }

    public func bankLines(_ admin: String, unprocessedOnly: Bool) throws -> [BankStatementLine] {
        let filter = unprocessedOnly ? " AND entry_id IS NULL" : ""
        return try rows("SELECT \(Self.bankLineColumns) FROM bank_statement_line WHERE admin_id = ?\(filter) ORDER BY date, id", [admin])
            .map(Self.bankLine(from:))
    }

    public func bankLine(_ admin: String, id: Int64) throws -> BankStatementLine? {
        try row("SELECT \(Self.bankLineColumns) FROM bank_statement_line WHERE admin_id = ? AND id = ?", [admin, id]).map(Self.bankLine(from:))
    }

    /// The references of lines already held, among `references`.
    public func existingBankReferences(_ admin: String, among references: [String]) throws -> Set<String> {
        var found: Set<String> = []
        for chunk in stride(from: 0, to: references.count, by: 500).map({ references[$0..<min($0 + 500, references.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let args = StatementArguments([admin] + Array(chunk))
            for r in try rows("SELECT reference FROM bank_statement_line WHERE admin_id = ? AND reference IN (\(marks))", args) {
                found.insert(r["reference"])
            }
        }
        return found
    }

    /// The ledger account an IBAN books to, as recorded by an earlier import.
    public func bankAccount(_ admin: String, iban: String) throws -> String? {
        try row("SELECT account FROM bank_account WHERE admin_id = ? AND iban = ?", [admin, iban])?["account"]
    }

    /// Records (or moves) the ledger account an IBAN books to.
    public func setBankAccount(_ admin: String, iban: String, account: String) throws {
        try execute("""
            INSERT INTO bank_account (admin_id, iban, account) VALUES (?, ?, ?)
            ON CONFLICT (admin_id, iban) DO UPDATE SET account = excluded.account
            """, [admin, iban, account])
    }

    /// Every IBAN of an administration with the ledger account it books to.
    public func bankAccounts(_ admin: String) throws -> [(iban: String, account: String)] {
        try rows("SELECT iban, account FROM bank_account WHERE admin_id = ? ORDER BY iban", [admin]).map { ($0["iban"], $0["account"]) }
    }

    static let bankLineColumns = """
        id, account, date, amount, currency, counterparty_name, counterparty_iban, description, reference, entry_id, \
        statement, value_date, counterparty_bic, end_to_end_id, structured_reference, bank_reference, type_code, \
        mandate_id, reversal, processed_by
        """

    /// Reads a row of `bankLineColumns` by position: matching reads every line to process at once.
    static func bankLine(from r: Row) throws -> BankStatementLine {
        guard let currency = try? CurrencyCode(r[4] as String) else { throw StoreError("bank line \(r[0] as Int64) has no valid currency") }
        return BankStatementLine(
            id: r[0], account: r[1], date: try Row.day(r[2], "date"), amount: Money(minorUnits: r[3], currency: currency),
            counterpartyName: r[5], counterpartyIBAN: r[6], description: r[7], reference: r[8], entryID: r[9],
            statement: r[10], valueDate: try (r[11] as String?).map { try Row.day($0, "value_date") }, counterpartyBIC: r[12],
            endToEndID: r[13], structuredReference: r[14], bankReference: r[15], typeCode: r[16], mandateID: r[17],
            reversal: r[18], processedBy: r[19])
    }
}
