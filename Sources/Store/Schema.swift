import GRDB

/// The versioned schema. Migrations only ever append; a shipped migration is never edited.
enum Schema {
    static let ledgerTables = [
        "administration", "account", "vat_code", "journal", "fiscal_year", "period", "relation", "cost_centre",
        "entry", "entry_line", "balance", "open_item", "settlement", "bank_statement_line", "account_renumbering", "applied_configuration", "configuration", "config_item", "app_user", "audit_log", "proposal",
        "vat_total", "figure", "fixed_asset", "depreciation",
        "budget_amount", "bank_account", "monitor_facts", "monitor_preference", "user_session", "api_token",
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-applied-configuration") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-reconciler-status") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4-users-and-audit") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5-proposals") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-distributions") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7-vat-totals-and-figures") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-fixed-assets") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9-monitor") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10-access") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("v11-consolidation") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("v12-budget-versions") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("v13-bank-statements") { db in
            try db.execute(sql: v13)
        }
        migrator.registerMigration("v14-sync") { db in
            try db.execute(sql: v14)
        }
        migrator.registerMigration("v15-leases") { db in
            try db.execute(sql: v15)
        }
        migrator.registerMigration("v16-webhooks") { db in
            try db.execute(sql: v16)
        }
        return migrator
    }

    /// Distributions: per proposal a lease (one distributor at a time) and per administration its wave and state.
    /// An administration's state changes in the same transaction as its apply, so a crash can neither lose nor
    /// repeat one.
    private static let v6 = """
        CREATE TABLE distribution (
            proposal_id INTEGER PRIMARY KEY REFERENCES proposal(id),
            state TEXT NOT NULL CHECK (state IN ('running','paused','done','aborted')),
            lease_owner TEXT,
            lease_expires TEXT
        );
        CREATE TABLE distribution_item (
            proposal_id INTEGER NOT NULL REFERENCES distribution(proposal_id),
            admin_id TEXT NOT NULL,
            wave INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending','applied','failed','conflict')),
            message TEXT,
            PRIMARY KEY (proposal_id, admin_id)
        ) WITHOUT ROWID;
        """

    /// Proposals (their content as JSON) and the clusters each covers: at most one open proposal per cluster.
    private static let v5 = """
        CREATE TABLE proposal (
            id INTEGER PRIMARY KEY,
            state TEXT NOT NULL,
            to_revision TEXT NOT NULL,
            created_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE TABLE proposal_cluster (
            proposal_id INTEGER NOT NULL REFERENCES proposal(id),
            cluster TEXT NOT NULL,
            open INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (proposal_id, cluster)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX one_open_proposal_per_cluster ON proposal_cluster(cluster) WHERE open = 1;
        """

    /// Users with their role and team, and the audit log: append-only (the database refuses edits and deletions),
    /// each record carrying the hash of the one before.
    private static let v4 = """
        CREATE TABLE app_user (
            name TEXT PRIMARY KEY NOT NULL,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('admin','reviewer','accountant','viewer')),
            team TEXT
        ) WITHOUT ROWID;
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            payload TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_is_never_deleted BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """

    /// What the reconciler last found for each administration. `live_hash` is cleared by every local edit, so a pass
    /// recomputes only what changed and skips the rest in O(1).
    private static let v3 = """
        CREATE TABLE reconciler_status (
            admin_id TEXT PRIMARY KEY NOT NULL REFERENCES administration(id),
            status TEXT NOT NULL,
            reason TEXT,
            message TEXT,
            since TEXT NOT NULL,
            attempted_revision TEXT,
            desired_hash TEXT,
            live_hash TEXT,
            plan_hash TEXT,
            suspended INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        """

    /// Rendered configurations by hash (administrations of a cluster share theirs), the configuration last applied
    /// to each administration (the reconciler's L) and its history, and the live
    /// configuration items that are not ledger tables (reports, dashboards, indicator thresholds, settings).
    private static let v2 = """
        CREATE TABLE configuration (
            hash TEXT PRIMARY KEY NOT NULL,
            config TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE applied_configuration (
            admin_id TEXT PRIMARY KEY NOT NULL REFERENCES administration(id),
            cluster TEXT,
            revision TEXT NOT NULL,
            hash TEXT NOT NULL REFERENCES configuration(hash)
        ) WITHOUT ROWID;
        CREATE TABLE config_item (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            kind TEXT NOT NULL CHECK (kind IN ('reports','dashboards','indicators','settings')),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (admin_id, kind, key)
        ) WITHOUT ROWID;
        CREATE TABLE applied_configuration_history (
            id INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL REFERENCES administration(id),
            revision TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """

    private static let v1 = """
        CREATE TABLE administration (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            fiscal_year_start INTEGER NOT NULL CHECK (fiscal_year_start BETWEEN 1 AND 12),
            cluster TEXT,
            responsible TEXT,
            next_entry_number INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE account (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('asset','liability','equity','revenue','expense')),
            normal_side TEXT NOT NULL CHECK (normal_side IN ('debit','credit')),
            rgs_code TEXT,
            vat_code TEXT,
            control TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (admin_id, code)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX account_control ON account(admin_id, control) WHERE control IS NOT NULL;
        CREATE TABLE vat_code (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            code TEXT NOT NULL,
            description TEXT NOT NULL,
            rate TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('sales','purchase','reverse-charge','exempt')),
            box TEXT,
            deductible_box TEXT,
            payable_account TEXT,
            receivable_account TEXT,
            valid_from TEXT,
            valid_to TEXT,
            PRIMARY KEY (admin_id, code),
            FOREIGN KEY (admin_id, payable_account) REFERENCES account(admin_id, code),
            FOREIGN KEY (admin_id, receivable_account) REFERENCES account(admin_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE journal (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('bank','cash','sales','purchase','general')),
            account TEXT,
            PRIMARY KEY (admin_id, code),
            FOREIGN KEY (admin_id, account) REFERENCES account(admin_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE fiscal_year (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            year INTEGER NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (admin_id, year)
        ) WITHOUT ROWID;
        CREATE TABLE period (
            admin_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL CHECK (number BETWEEN 0 AND 13),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open','closed','locked')),
            PRIMARY KEY (admin_id, year, number),
            FOREIGN KEY (admin_id, year) REFERENCES fiscal_year(admin_id, year)
        ) WITHOUT ROWID;
        CREATE TRIGGER period_locked_is_final BEFORE UPDATE OF state ON period
            WHEN OLD.state = 'locked' AND NEW.state <> 'locked'
            BEGIN SELECT RAISE(ABORT, 'a locked period cannot be reopened'); END;
        CREATE TABLE relation (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            number TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('customer','supplier','both')),
            address TEXT, postal_code TEXT, city TEXT, country TEXT,
            contact_name TEXT, contact_email TEXT, contact_phone TEXT,
            iban TEXT, vat_number TEXT, coc_number TEXT,
            payment_term_days INTEGER NOT NULL DEFAULT 30,
            invoice_delivery TEXT NOT NULL DEFAULT 'email'
                CHECK (invoice_delivery IN ('email','post','peppol','portal')),
            group_entity TEXT,
            PRIMARY KEY (admin_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE cost_centre (
            admin_id TEXT NOT NULL REFERENCES administration(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (admin_id, code)
        ) WITHOUT ROWID;
        CREATE TABLE entry (
            id INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL REFERENCES administration(id),
            number INTEGER NOT NULL,
            journal TEXT NOT NULL,
            date TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL,
            description TEXT NOT NULL,
            source TEXT,
            reference TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('standard','opening','closing','reversal')),
            reversal_of INTEGER REFERENCES entry(id),
            reversed_by INTEGER REFERENCES entry(id),
            UNIQUE (admin_id, number),
            FOREIGN KEY (admin_id, journal) REFERENCES journal(admin_id, code),
            FOREIGN KEY (admin_id, year, period) REFERENCES period(admin_id, year, number)
        );
        CREATE UNIQUE INDEX entry_idempotency ON entry(admin_id, source, reference)
            WHERE source IS NOT NULL AND reference IS NOT NULL;
        CREATE INDEX entry_date ON entry(admin_id, date);
        CREATE TRIGGER entry_is_immutable BEFORE UPDATE OF
                id, admin_id, number, journal, date, year, period, description, source, reference, kind, reversal_of
            ON entry
            BEGIN SELECT RAISE(ABORT, 'a posted entry is immutable; reverse it instead'); END;
        CREATE TRIGGER entry_reversed_once BEFORE UPDATE OF reversed_by ON entry
            WHEN OLD.reversed_by IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'this entry has already been reversed'); END;
        CREATE TRIGGER entry_is_never_deleted BEFORE DELETE ON entry
            BEGIN SELECT RAISE(ABORT, 'a posted entry is never deleted; reverse it instead'); END;
        CREATE TABLE entry_line (
            entry_id INTEGER NOT NULL REFERENCES entry(id),
            line_no INTEGER NOT NULL,
            admin_id TEXT NOT NULL,
            date TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL,
            account TEXT NOT NULL,
            amount INTEGER NOT NULL,
            currency TEXT,
            foreign_amount INTEGER,
            rate TEXT,
            vat_code TEXT,
            vat_amount INTEGER,
            relation TEXT,
            cost_centre TEXT,
            invoice TEXT,
            due_date TEXT,
            description TEXT,
            PRIMARY KEY (entry_id, line_no),
            FOREIGN KEY (admin_id, account) REFERENCES account(admin_id, code),
            FOREIGN KEY (admin_id, relation) REFERENCES relation(admin_id, number),
            FOREIGN KEY (admin_id, cost_centre) REFERENCES cost_centre(admin_id, code),
            FOREIGN KEY (admin_id, vat_code) REFERENCES vat_code(admin_id, code)
        ) WITHOUT ROWID;
        CREATE INDEX entry_line_account ON entry_line(admin_id, account, date);
        CREATE TABLE account_renumbering (
            id INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL REFERENCES administration(id),
            old_code TEXT NOT NULL,
            new_code TEXT NOT NULL,
            revision TEXT
        );
        CREATE TRIGGER entry_line_is_immutable BEFORE UPDATE OF
                entry_id, line_no, admin_id, date, year, period, amount, currency, foreign_amount, rate, vat_code,
                vat_amount, relation, cost_centre, invoice, due_date, description
            ON entry_line
            BEGIN SELECT RAISE(ABORT, 'a posted entry line is immutable'); END;
        CREATE TRIGGER entry_line_account_only_by_renumbering BEFORE UPDATE OF account ON entry_line
            WHEN NOT EXISTS (SELECT 1 FROM account_renumbering r WHERE r.admin_id = OLD.admin_id
                             AND r.old_code = OLD.account AND r.new_code = NEW.account)
            BEGIN SELECT RAISE(ABORT, 'a posted entry line is immutable; accounts move only by a recorded renumbering'); END;
        CREATE TRIGGER entry_line_is_never_deleted BEFORE DELETE ON entry_line
            BEGIN SELECT RAISE(ABORT, 'a posted entry line is never deleted'); END;
        CREATE TABLE balance (
            admin_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            period INTEGER NOT NULL,
            account TEXT NOT NULL,
            cost_centre TEXT NOT NULL DEFAULT '',
            debit INTEGER NOT NULL DEFAULT 0,
            credit INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (admin_id, year, period, account, cost_centre)
        ) WITHOUT ROWID;
        CREATE TABLE open_item (
            id INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL,
            relation TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('receivable','payable')),
            account TEXT NOT NULL,
            invoice TEXT NOT NULL,
            date TEXT NOT NULL,
            due_date TEXT NOT NULL,
            original INTEGER NOT NULL,
            outstanding INTEGER NOT NULL,
            UNIQUE (admin_id, account, relation, invoice),
            FOREIGN KEY (admin_id, relation) REFERENCES relation(admin_id, number)
        );
        CREATE INDEX open_item_outstanding ON open_item(admin_id, relation) WHERE outstanding <> 0;
        CREATE TABLE settlement (
            id INTEGER PRIMARY KEY,
            open_item_id INTEGER NOT NULL REFERENCES open_item(id),
            entry_id INTEGER NOT NULL REFERENCES entry(id),
            line_no INTEGER NOT NULL,
            date TEXT NOT NULL,
            amount INTEGER NOT NULL
        );
        CREATE INDEX settlement_item ON settlement(open_item_id);
        CREATE TABLE bank_statement_line (
            id INTEGER PRIMARY KEY,
            admin_id TEXT NOT NULL,
            account TEXT NOT NULL,
            date TEXT NOT NULL,
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            counterparty_name TEXT,
            counterparty_iban TEXT,
            description TEXT NOT NULL,
            reference TEXT NOT NULL,
            entry_id INTEGER REFERENCES entry(id),
            UNIQUE (admin_id, reference),
            FOREIGN KEY (admin_id, account) REFERENCES account(admin_id, code)
        );
        """
}
