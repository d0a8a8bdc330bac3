import Synchronization

extension Schema {
    /// The account-in-use statements built from `accountReferences()`, once per process.
    static let inUseCache = Mutex<(one: String, all: String)?>(nil)

    /// Columns holding an account code without a foreign key (maintained summaries; keys would slow every posting).
    /// A renumbering moves these with the keyed ones.
    static let accountColumnsWithoutKey: [(table: String, column: String)] = [
        ("balance", "account"), ("open_item", "account"),
    ]

    /// Distributions that can wait and be fenced, and one leader per workspace.
    /// - a distribution may be `waiting` (a window, suspended administrations) with its reason and the day it waits
    ///   for; `cleared_wave` is the last wave a reviewer resumed past (a `pauseAfter` or a failed health gate);
    ///   `lease_token` grows each time another distributor takes the lease over, and every apply checks it (fencing),
    ///   so a distributor whose lease expired can never apply after its successor started;
    /// - an item may be `skipped` (by a reviewer, audited) or `suspended`, and counts its attempts;
    /// - `leader_lease`: the one timer that proposes and distributes; the others stand by and take over on expiry.
    static let v15 = """
        CREATE TABLE distribution_new (
            proposal_id INTEGER PRIMARY KEY REFERENCES proposal(id),
            state TEXT NOT NULL CHECK (state IN ('running','paused','waiting','done','aborted')),
            reason TEXT,
            waiting_until TEXT,
            gates_passed TEXT NOT NULL DEFAULT '',
            paused_at TEXT,
            lease_owner TEXT,
            lease_expires TEXT,
            lease_token INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO distribution_new (proposal_id, state, lease_owner, lease_expires)
            SELECT proposal_id, state, lease_owner, lease_expires FROM distribution;
        CREATE TABLE distribution_item_new (
            proposal_id INTEGER NOT NULL REFERENCES distribution(proposal_id),
            admin_id TEXT NOT NULL,
            wave INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending','applied','failed','conflict','skipped','suspended')),
            message TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (proposal_id, admin_id)
        ) WITHOUT ROWID;
        INSERT INTO distribution_item_new (proposal_id, admin_id, wave, state, message, attempts)
            SELECT proposal_id, admin_id, wave, state, message, CASE WHEN state = 'pending' THEN 0 ELSE 1 END
            FROM distribution_item;
        DROP TABLE distribution_item;
        DROP TABLE distribution;
        ALTER TABLE distribution_new RENAME TO distribution;
        ALTER TABLE distribution_item_new RENAME TO distribution_item;
        CREATE TRIGGER monitor_stale_distribution AFTER UPDATE ON distribution_item
            BEGIN UPDATE monitor_facts SET stale = 1 WHERE admin_id = NEW.admin_id; END;
        CREATE TABLE leader_lease (
            name TEXT PRIMARY KEY NOT NULL,
            owner TEXT NOT NULL,
            expires TEXT NOT NULL,
            token INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
}
