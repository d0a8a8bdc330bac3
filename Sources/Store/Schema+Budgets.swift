extension Schema {
    /// Budget versions per administration and fiscal year: what each was seeded from, when, and which one the
    /// administration steers by (reports' budget columns and the monitor read that one). Amounts stay in
    /// `budget_amount`; versions made before this table existed are found there too.
    static let v12 = """
        CREATE TABLE budget_version (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            version TEXT NOT NULL,
            year INTEGER NOT NULL,
            basis TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (admin_id, version, year)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX budget_version_active ON budget_version(admin_id, year) WHERE active = 1;
        CREATE TRIGGER monitor_stale_budget_version AFTER UPDATE OF active ON budget_version
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_budget_delete AFTER DELETE ON budget_amount
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = OLD.admin_id; END;
        """
}
