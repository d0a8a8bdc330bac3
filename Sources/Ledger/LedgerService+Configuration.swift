public import Core

extension LedgerService {
    /// Adds an account locally (outside the template): the reconciler will see it as drift.
    public func addAccount(_ account: Account, to admin: String) async throws {
        try await write(admin) { tx in
            if try tx.account(admin, code: account.code) != nil {
                throw LedgerError("exists", "code", "account \(account.code) already exists in administration \(admin)")
            }
            try tx.upsert(account, admin: admin)
            try tx.liveChanged(admin)
        }
    }

    /// Changes an account's attributes locally. Type and normal side cannot change once it has postings.
    public func editAccount(_ code: String, in admin: String, _ change: @escaping @Sendable (inout Account) -> Void) async throws
        -> Account
    {
        try await write(admin) { tx in
            guard let old = try tx.account(admin, code: code) else {
                throw LedgerError("unknown-account", "code", "account \(code) does not exist in administration \(admin)")
            }
            var account = old
            change(&account)
            account.code = old.code
            if (account.type != old.type || account.normalSide != old.normalSide), try tx.hasPostings(admin, account: code) {
                throw LedgerError("account-has-postings", "type", "account \(code) has postings; its type and normal side "
                    + "can no longer change")
            }
            try tx.upsert(account, admin: admin)
            try tx.liveChanged(admin)
            return account
        }
    }

    /// Sets (or adds) a setting locally.
    public func setSetting(_ key: String, to value: SettingValue, in admin: String) async throws {
        guard !key.isEmpty, !key.contains(where: \.isWhitespace) else {
            throw LedgerError("invalid-field", "key", "'\(key)' is not a setting key (no spaces)")
        }
        try await write(admin) { tx in
            try tx.setConfigItem(.settings, key: key, encoding: value, admin: admin)
            try tx.liveChanged(admin)
        }
    }
}

extension SettingValue {
    /// Reads a value as typed on a command line: `true`/`false`, a number, or text.
    public init(parsing text: String) {
        if text == "true" || text == "false" { self = .flag(text == "true") }
        else if let n = try? DecimalNumber(parsing: text, field: "value") { self = .number(n) }
        else { self = .text(text) }
    }
}
