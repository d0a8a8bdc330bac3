extension Schema {
    /// VAT totals per period, code and relation, maintained as entries post (the VAT return and the ICP listing
    /// read these, never the lines), backfilled from the lines already posted; and figures entered per period.
    /// A line's relation is its own, else the first relation among its entry's lines (the customer of an invoice).
    static let v7 = """
        CREATE TABLE vat_total (
            admin_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL,
            vat_code TEXT NOT NULL,
            relation TEXT NOT NULL DEFAULT '',
            base INTEGER NOT NULL DEFAULT 0,
            vat INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (admin_id, year, period, vat_code, relation)
        ) WITHOUT ROWID;
        INSERT INTO vat_total (admin_id, year, period, vat_code, relation, base, vat)
            SELECT l.admin_id, l.year, l.period, l.vat_code,
                   COALESCE(l.relation, (SELECT r.relation FROM entry_line r WHERE r.entry_id = l.entry_id
                                         AND r.relation IS NOT NULL ORDER BY r.line_no LIMIT 1), '') AS rel,
                   SUM(l.amount), SUM(COALESCE(l.vat_amount, 0))
            FROM entry_line l WHERE l.vat_code IS NOT NULL
            GROUP BY l.admin_id, l.year, l.period, l.vat_code, rel;
        CREATE TABLE figure (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            key TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 12),
            value TEXT NOT NULL,
            PRIMARY KEY (admin_id, key, year, period)
        ) WITHOUT ROWID;
        """

    /// The fixed-asset register and, per asset and period, the depreciation posted (at most once: the key).
    static let v8 = """
        CREATE TABLE fixed_asset (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            code TEXT NOT NULL,
            description TEXT NOT NULL,
            acquired TEXT NOT NULL,
            depreciation_start TEXT NOT NULL,
            cost INTEGER NOT NULL CHECK (cost > 0),
            residual INTEGER NOT NULL DEFAULT 0 CHECK (residual >= 0 AND residual <= cost),
            life_months INTEGER NOT NULL CHECK (life_months > 0),
            method TEXT NOT NULL,
            asset_account TEXT NOT NULL,
            accumulated_account TEXT NOT NULL,
            expense_account TEXT NOT NULL,
            result_account TEXT NOT NULL,
            disposed TEXT,
            proceeds INTEGER,
            disposal_entry INTEGER REFERENCES entry(id),
            PRIMARY KEY (admin_id, code),
            FOREIGN KEY (admin_id, asset_account) REFERENCES account(admin_id, code),
            FOREIGN KEY (admin_id, accumulated_account) REFERENCES account(admin_id, code),
            FOREIGN KEY (admin_id, expense_account) REFERENCES account(admin_id, code),
            FOREIGN KEY (admin_id, result_account) REFERENCES account(admin_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE depreciation (
            admin_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            entry_id INTEGER NOT NULL REFERENCES entry(id),
            PRIMARY KEY (admin_id, asset, year, period),
            FOREIGN KEY (admin_id, asset) REFERENCES fixed_asset(admin_id, code)
        ) WITHOUT ROWID;
        """
}
