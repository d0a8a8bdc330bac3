extension Schema {
    /// Bank statements from files: what identifies a line's counterparty and purpose (read by matching), which rule
    /// or person processed it, and which ledger account each bank account (IBAN) books to.
    static let v13 = """
        ALTER TABLE bank_statement_line ADD COLUMN statement TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN value_date TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN counterparty_bic TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN end_to_end_id TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN structured_reference TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN bank_reference TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN type_code TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN mandate_id TEXT;
        ALTER TABLE bank_statement_line ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE bank_statement_line ADD COLUMN processed_by TEXT;
        CREATE INDEX bank_line_unprocessed ON bank_statement_line(admin_id, date) WHERE entry_id IS NULL;
        CREATE TABLE bank_account (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            iban TEXT NOT NULL,
            account TEXT NOT NULL,
            PRIMARY KEY (admin_id, iban),
            FOREIGN KEY (admin_id, account) REFERENCES account(admin_id, code)
        ) WITHOUT ROWID;
        """
}
