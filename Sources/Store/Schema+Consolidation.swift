extension Schema {
    /// Consolidation: exchange rates per currency pair and period (exact decimals as text), and per group the
    /// reviewed revision of the template repository its definition is read at (set when a proposal with the
    /// group's change is distributed).
    static let v11 = """
        CREATE TABLE exchange_rate (
            base TEXT NOT NULL,
            quote TEXT NOT NULL,
            period TEXT NOT NULL,
            closing TEXT,
            average TEXT,
            historical TEXT,
            PRIMARY KEY (base, quote, period),
            CHECK (base <> quote)
        ) WITHOUT ROWID;
        CREATE TABLE applied_group (
            name TEXT PRIMARY KEY,
            revision TEXT NOT NULL,
            proposal INTEGER,
            applied_at TEXT NOT NULL
        );
        CREATE INDEX entry_line_relation ON entry_line(admin_id, relation) WHERE relation IS NOT NULL;
        """
}
