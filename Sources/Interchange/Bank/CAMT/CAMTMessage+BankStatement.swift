public import Core

extension CAMTMessage {
    /// One `BankStatement` per record, signed for the account holder (credit positive), with one `BankTransaction`
    /// per transaction of each entry; `file` names the file in errors.
    public func bankStatements(file: String) throws(InterchangeError) -> [BankStatement] {
        try records.map { (record) throws(InterchangeError) in try bankStatement(record, file: file) }
    }

    private func bankStatement(_ record: CAMTRecord, file: String) throws(InterchangeError) -> BankStatement {
        guard let currency = record.account.currency ?? record.balances.first?.amount.currency
            ?? record.entries.first?.amount.currency
        else {
            throw InterchangeError(file: file, line: record.line, "\(kind.recordName) \(record.id) gives no currency: "
                + "its account has no <Ccy>, and it has no balance and no entry")
        }
        func balance(_ codes: String...) -> BankBalance? {
            for code in codes {
                if let balance = record.balances.first(where: { $0.typeCode == code }) {
                    return BankBalance(date: balance.date.day, amount: balance.creditDebit.signed(balance.amount))
                }
            }
            return nil
        }
        var transactions: [BankTransaction] = []
        // Pending (PDNG) and information-only (INFO) entries of an intraday report are not booked money yet; the
        // booked entry comes in a later report or the day's statement.
        for entry in record.entries where entry.status.map({ !["PDNG", "INFO", "FUTR"].contains($0) }) ?? true {
            transactions += try entry.bankTransactions(ownAccount: record.account.identification, file: file)
        }
        return BankStatement(format: kind.format, identifier: record.id, account: record.account.identification.text,
                             currency: currency, openingBalance: balance("OPBD", "PRCD"),
                             closingBalance: balance("CLBD"),
                             transactions: transactions, information: record.additionalInformation)
    }
}

extension CAMTCreditDebit {
    /// `amount` as the account holder's books see it: a credit positive, a debit negative.
    public func signed(_ amount: Money) -> Money { self == .credit ? amount : amount.negated }

    /// The other direction.
    public var opposite: CAMTCreditDebit { self == .credit ? .debit : .credit }
}

extension CAMTBankTransactionCode {
    /// The ISO code as `PMNT/ICDT/ESCT` (domain, family, sub-family); nil without a domain.
    public var isoCode: String? {
        guard let domain, !domain.isEmpty else { return nil }
        return [domain, family, subFamily].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "/")
    }
}
