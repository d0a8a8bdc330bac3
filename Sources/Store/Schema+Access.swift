extension Schema {
    /// Signing in: a password hash per user (scrypt, salted), sessions and API tokens stored only as SHA-256 of the
    /// secret, a token optionally narrowed to some administrations. Proposals gain a version that every update
    /// moves, so a decoded proposal is served again until it changes.
    static let v10 = """
        ALTER TABLE proposal ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE app_user ADD COLUMN password_hash TEXT;
        CREATE TABLE user_session (
            token_hash TEXT PRIMARY KEY NOT NULL,
            user_name TEXT NOT NULL REFERENCES app_user(name),
            csrf TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE api_token (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            user_name TEXT NOT NULL REFERENCES app_user(name),
            token_hash TEXT NOT NULL UNIQUE,
            administrations TEXT,
            created TEXT NOT NULL,
            revoked TEXT
        );
        """
}
