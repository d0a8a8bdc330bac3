public import Core

extension BankStatement {
    /// The ledger's view of an MT940 statement: signed amounts and balances, the other party and the payment's
    /// references read from the bank's `:86:` dialect.
    public init(mt940 statement: MT940Statement) {
        let number = statement.statementNumber.map { " " + $0 + (statement.sequenceNumber.map { "/" + $0 } ?? "") }
        self.init(
            format: .mt940, identifier: statement.transactionReference + (number ?? ""),
            account: Self.account(statement.accountIdentification), currency: statement.currency,
            openingBalance: BankBalance(date: statement.openingBalance.date,
                                        amount: statement.openingBalance.signedAmount),
            closingBalance: BankBalance(date: statement.closingBalance.date,
                                        amount: statement.closingBalance.signedAmount),
            transactions: statement.transactions.map(BankTransaction.init(mt940:)),
            information: statement.information.map(MT940Narrative.clean))
    }

    /// The IBAN in `:25:` (also when a bank adds the currency, `NL91INGB0001234567EUR`, or a BIC before a slash),
    /// else the identification as the bank wrote it.
    static func account(_ identification: String) -> String {
        for token in identification.split(whereSeparator: { $0 == "/" || $0 == " " }) {
            if PaymentIdentifier.isIBAN(token) { return String(token) }
            let withoutCurrency = token.dropLast(3)
            if token.suffix(3).allSatisfy(\.isLetter), PaymentIdentifier.isIBAN(withoutCurrency) {
                return String(withoutCurrency)
            }
        }
        return identification
    }
}

extension BankTransaction {
    /// One statement line: booked on the entry date (the value date when the bank gives none), signed, with what
    /// its `:86:` says about the other party and the payment.
    public init(mt940 transaction: MT940Transaction) {
        let narrative = MT940Narrative(transaction)
        self.init(
            bookingDate: transaction.entryDate ?? transaction.valueDate, valueDate: transaction.valueDate,
            amount: transaction.signedAmount, reversal: transaction.mark.isReversal,
            typeCode: MT940Narrative.nonEmpty(transaction.transactionType),
            bankReference: MT940Narrative.nonEmpty(transaction.bankReference),
            endToEndID: narrative.endToEndID, counterpartyName: narrative.counterpartyName,
            counterpartyIBAN: narrative.counterpartyIBAN, counterpartyBIC: narrative.counterpartyBIC,
            description: narrative.description, structuredReference: narrative.structuredReference,
            mandateID: narrative.mandateID)
    }
}
