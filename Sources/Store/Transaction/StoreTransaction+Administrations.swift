public import Core
import GRDB

extension StoreTransaction {
    /// Inserts a new administration; fails when the id is taken.
    public func insert(_ admin: Administration) throws {
        if try row("SELECT 1 FROM administration WHERE id = ?", [admin.id]) != nil {
            throw StoreError("administration \(admin.id) already exists")
        }
        try execute("""
            INSERT INTO administration (id, name, currency, fiscal_year_start, cluster, responsible)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [admin.id, admin.name, admin.currency.code, admin.fiscalYearStart, admin.cluster, admin.responsible])
    }

    public func administration(_ id: String) throws -> Administration? {
        try row("SELECT * FROM administration WHERE id = ?", [id]).map(Self.administration(from:))
    }

    public func administrations() throws -> [Administration] {
        try rows("SELECT * FROM administration ORDER BY id").map(Self.administration(from:))
    }

    /// The number the next entry of an administration gets.
    public func nextEntryNumber(_ admin: String) throws -> Int64 {
        guard let r = try row("SELECT next_entry_number FROM administration WHERE id = ?", [admin]) else {
            throw StoreError("administration \(admin) does not exist")
        }
        return r["next_entry_number"]
    }

    /// Moves the entry counter on after a batch (never back: entry numbers are unique per administration).
    public func setNextEntryNumber(_ admin: String, _ next: Int64) throws {
        try execute("UPDATE administration SET next_entry_number = max(next_entry_number, ?) WHERE id = ?", [next, admin])
    }

    /// Entry, line and open-item counts of an administration.
    public func counts(_ admin: String) throws -> (entries: Int, lines: Int, openItems: Int) {
        let e = try row("SELECT count(*) AS n FROM entry WHERE admin_id = ?", [admin])?["n"] as Int? ?? 0
        let l = try row("SELECT count(*) AS n FROM entry_line WHERE admin_id = ?", [admin])?["n"] as Int? ?? 0
        let o = try row("SELECT count(*) AS n FROM open_item WHERE admin_id = ? AND outstanding <> 0", [admin])?["n"]
            as Int? ?? 0
        return (e, l, o)
    }

    static func administration(from r: Row) throws -> Administration {
        guard let currency = try r.currency("currency") else { throw StoreError("administration without currency") }
        return Administration(id: r["id"], name: r["name"], currency: currency, fiscalYearStart: r["fiscal_year_start"],
                              cluster: r["cluster"], responsible: r["responsible"])
    }

    // MARK: - Chart

    public func insert(_ accounts: [Account], admin: String) throws {
        for a in accounts { try upsert(a, admin: admin) }
    }

    /// Inserts or replaces one account's attributes.
    public func upsert(_ a: Account, admin: String) throws {
        try execute("""
            INSERT INTO account (admin_id, code, name, type, normal_side, rgs_code, vat_code, control, active)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (admin_id, code) DO UPDATE SET name = excluded.name, type = excluded.type,
                normal_side = excluded.normal_side, rgs_code = excluded.rgs_code, vat_code = excluded.vat_code,
                control = excluded.control, active = excluded.active
            """, [admin, a.code, a.name, a.type.rawValue, a.normalSide.rawValue, a.rgsCode, a.vatCode,
                  a.control?.rawValue, a.active])
    }

    /// The chart, read by column position: charts are read for every report and trial balance, and looking
    /// columns up by name cost more than the query.
    public func accounts(_ admin: String) throws -> [Account] {
        try rows("""
            SELECT code, name, type, normal_side, rgs_code, vat_code, control, active FROM account
            WHERE admin_id = ? ORDER BY code
            """, [admin]).map { r in
            let typeText: String = r[2], sideText: String = r[3]
            guard let type = AccountType(rawValue: typeText), let side = NormalSide(rawValue: sideText) else {
                throw StoreError("account \(r[0] as String) of \(admin) has type '\(typeText)' and side '\(sideText)'")
            }
            let control: String? = r[6]
            return Account(code: r[0], name: r[1], type: type, normalSide: side, rgsCode: r[4], vatCode: r[5],
                           control: control.flatMap(ControlRole.init(rawValue:)), active: r[7])
        }
    }

    public func account(_ admin: String, code: String) throws -> Account? {
        try row("SELECT * FROM account WHERE admin_id = ? AND code = ?", [admin, code]).map(Self.account(from:))
    }

    public func account(_ admin: String, role: ControlRole) throws -> Account? {
        try row("SELECT * FROM account WHERE admin_id = ? AND control = ?", [admin, role.rawValue])
            .map(Self.account(from:))
    }

    static func account(from r: Row) throws -> Account {
        let control: String? = r["control"]
        return Account(code: r["code"], name: r["name"], type: try r.enumValue("type", as: AccountType.self),
                       normalSide: try r.enumValue("normal_side", as: NormalSide.self), rgsCode: r["rgs_code"],
                       vatCode: r["vat_code"], control: control.flatMap(ControlRole.init(rawValue:)),
                       active: r["active"])
    }

    public func insert(_ codes: [VATCode], admin: String) throws {
        for v in codes {
            try execute("""
                INSERT INTO vat_code (admin_id, code, description, rate, kind, box, deductible_box, payable_account,
                    receivable_account, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [admin, v.code, v.description, v.rate.description, v.kind.rawValue, v.box, v.deductibleBox,
                      v.payableAccount, v.receivableAccount, v.validFrom?.description, v.validTo?.description])
        }
    }

    public func vatCodes(_ admin: String) throws -> [VATCode] {
        try rows("SELECT * FROM vat_code WHERE admin_id = ? ORDER BY code", [admin]).map { r in
            VATCode(code: r["code"], description: r["description"], rate: try r.decimal("rate") ?? .init(mantissa: 0, scale: 0),
                    kind: try r.enumValue("kind", as: VATKind.self), box: r["box"], deductibleBox: r["deductible_box"],
                    payableAccount: r["payable_account"], receivableAccount: r["receivable_account"],
                    validFrom: try r.optionalDate("valid_from"), validTo: try r.optionalDate("valid_to"))
        }
    }

    public func insert(_ journals: [Journal], admin: String) throws {
        for j in journals {
            try execute("INSERT INTO journal (admin_id, code, name, kind, account) VALUES (?, ?, ?, ?, ?)",
                        [admin, j.code, j.name, j.kind.rawValue, j.account])
        }
    }

    public func journals(_ admin: String) throws -> [Journal] {
        try rows("SELECT * FROM journal WHERE admin_id = ? ORDER BY code", [admin]).map { r in
            Journal(code: r["code"], name: r["name"], kind: try r.enumValue("kind", as: JournalKind.self),
                    account: r["account"])
        }
    }
}
