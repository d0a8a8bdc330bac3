public import Core
import Store

extension LedgerService {
    /// Adds the lines of parsed bank statements to an administration, all or nothing; lines already there are
    /// skipped. The ledger account of each bank account is `account` when given (and then remembered for its IBAN),
    /// else the one remembered, else the administration's only bank account.
    public func importStatements(_ statements: [BankStatement], into admin: String, account: String? = nil,
                                 dryRun: Bool = false) async throws -> BankImportReport {
        guard !statements.isEmpty else { throw LedgerError("empty", "file", "the file holds no bank statement") }
        return try await write(admin) { tx in
            guard let administration = try tx.administration(admin) else { throw LedgerError.notFound(admin) }
            var report = BankImportReport(statements: statements.count, lines: 0, added: 0, alreadyThere: 0,
                                          accounts: [:], warnings: [], dryRun: dryRun)
            var occurrences: [String: Int] = [:]
            var lines: [BankStatementLine] = []
            for statement in statements {
                let iban = IBAN.normalise(statement.account)
                let ledgerAccount = try Self.ledgerAccount(for: iban, given: account, admin: admin, tx: tx)
                guard statement.currency == administration.currency else {
                    throw LedgerError("foreign-currency", "account",
                        "statement \(statement.identifier) of \(iban) is in \(statement.currency); administration \(admin) "
                        + "keeps its books in \(administration.currency), and foreign-currency bank accounts are not supported")
                }
                if let wrong = statement.transactions.first(where: { $0.amount.currency != statement.currency }) {
                    throw LedgerError("currency-mismatch", "amount",
                        "a line of \(wrong.bookingDate) in statement \(statement.identifier) is in \(wrong.amount.currency), "
                        + "the statement in \(statement.currency)")
                }
                report.accounts[iban] = ledgerAccount
                if let warning = BankLineKey.continuity(of: statement) { report.warnings.append(warning) }
                lines += BankLineKey.lines(of: statement, account: ledgerAccount, occurrences: &occurrences)
            }
            report.lines = lines.count
            let existing = try tx.existingBankReferences(admin, among: lines.map(\.reference))
            report.alreadyThere = lines.filter { existing.contains($0.reference) }.count
            guard !dryRun else {
                report.added = lines.count - report.alreadyThere
                return report
            }
            for (iban, ledgerAccount) in report.accounts { try tx.setBankAccount(admin, iban: iban, account: ledgerAccount) }
            for line in lines where !existing.contains(line.reference) {
                if try tx.insert(line, admin: admin) { report.added += 1 }
            }
            return report
        }
    }

    /// One bank line, by its id.
    public func bankLine(_ id: Int64, in admin: String) async throws -> BankStatementLine {
        try await read(admin) { tx in
            guard let line = try tx.bankLine(admin, id: id) else {
                throw LedgerError.notFound("bank line \(id) does not exist in administration \(admin)")
            }
            return line
        }
    }

    /// The IBANs (bank accounts) of an administration and the ledger accounts they book to.
    public func bankAccounts(_ admin: String) async throws -> [(iban: String, account: String)] {
        try await read(admin) { tx in try tx.bankAccounts(admin) }
    }

    static func ledgerAccount(for iban: String, given: String?, admin: String, tx: StoreTransaction) throws -> String {
        if let given {
            guard let account = try tx.account(admin, code: given) else {
                throw LedgerError("unknown-account", "account", "account \(given) does not exist in administration \(admin)")
            }
            guard account.control == .bank else {
                throw LedgerError("invalid-bank-account", "account",
                                  "account \(given) \(account.name) is not a bank account (its control role is not bank)")
            }
            return given
        }
        if let known = try tx.bankAccount(admin, iban: iban) { return known }
        let banks = try tx.accounts(admin).filter { $0.control == .bank && $0.active }
        guard banks.count == 1 else {
            throw LedgerError("which-bank-account", "account",
                "administration \(admin) has \(banks.count) bank accounts (" + banks.map(\.code).joined(separator: ", ")
                + "); name the one \(iban) books to with --account, once")
        }
        return banks[0].code
    }
}
