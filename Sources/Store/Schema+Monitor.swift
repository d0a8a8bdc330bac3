extension Schema {
    /// The monitor: per administration its facts (a compact summary for the values, JSON for the items), marked
    /// stale by triggers on what they are gathered from (entries mark it from the posting session, once per
    /// transaction); users' own thresholds; budget amounts per
    /// account and period (the budget module builds its versions on these); indexes for the facts' queries; and a
    /// generation that moves with anything an overview depends on, so a computed overview is served until it moves.
    static let v9 = """
        CREATE TABLE budget_amount (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            version TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL CHECK (period BETWEEN 1 AND 12),
            account TEXT NOT NULL,
            amount INTEGER NOT NULL,
            PRIMARY KEY (admin_id, version, year, period, account),
            FOREIGN KEY (admin_id, account) REFERENCES account(admin_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE monitor_facts (
            admin_id TEXT PRIMARY KEY NOT NULL REFERENCES administration(id),
            as_of TEXT NOT NULL,
            stale INTEGER NOT NULL DEFAULT 0,
            summary BLOB NOT NULL,
            thresholds TEXT NOT NULL,
            facts TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE monitor_preference (
            user_name TEXT NOT NULL,
            indicator TEXT NOT NULL,
            threshold TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (user_name, indicator)
        ) WITHOUT ROWID;
        CREATE INDEX bank_line_date ON bank_statement_line(admin_id, date);
        CREATE TRIGGER monitor_stale_bank_insert AFTER INSERT ON bank_statement_line
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_bank_update AFTER UPDATE ON bank_statement_line
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_relation_insert AFTER INSERT ON relation
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_relation_update AFTER UPDATE ON relation
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_period AFTER UPDATE ON period
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_year_insert AFTER INSERT ON fiscal_year
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_year_update AFTER UPDATE ON fiscal_year
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_account AFTER UPDATE ON account
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_asset_insert AFTER INSERT ON fixed_asset
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_asset_update AFTER UPDATE ON fixed_asset
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_budget_insert AFTER INSERT ON budget_amount
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_budget_update AFTER UPDATE ON budget_amount
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_config_insert AFTER INSERT ON config_item
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_config_update AFTER UPDATE ON config_item
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_status_insert AFTER INSERT ON reconciler_status
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_status_update AFTER UPDATE ON reconciler_status
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TRIGGER monitor_stale_distribution AFTER UPDATE ON distribution_item
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TABLE monitor_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
        INSERT INTO monitor_generation (id, n) VALUES (1, 0);
        CREATE TRIGGER monitor_generation_facts_insert AFTER INSERT ON monitor_facts
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_facts_update AFTER UPDATE ON monitor_facts
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_administration AFTER INSERT ON administration
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_responsible AFTER UPDATE OF responsible ON administration
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_preference_insert AFTER INSERT ON monitor_preference
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_preference_update AFTER UPDATE ON monitor_preference
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_preference_delete AFTER DELETE ON monitor_preference
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_user_insert AFTER INSERT ON app_user
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        CREATE TRIGGER monitor_generation_user_update AFTER UPDATE ON app_user
            BEGIN UPDATE monitor_generation SET n = n + 1; END;
        """
}
