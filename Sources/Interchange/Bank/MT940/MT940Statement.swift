public import Core

/// One MT940 statement as the bank wrote it: the fields from `:20:` to the closing balance and what follows it.
public struct MT940Statement: Hashable, Sendable {
    /// `:20:`, the bank's reference for the message.
    public var transactionReference: String
    /// `:21:`, the reference of the request a statement answers; rare in bank-to-customer files.
    public var relatedReference: String?
    /// `:25:` as written: an IBAN, or a bank's own form (`0001234567`, `1291.99.348EUR`, `TRIODOSBANK/0390123456`).
    public var accountIdentification: String
    /// `:28C:` (or the older `:28:`) before the slash, leading zeros kept.
    public var statementNumber: String?
    /// `:28C:` after the slash.
    public var sequenceNumber: String?
    /// `:60F:`, or `:60M:` when the statement continues from an earlier message.
    public var openingBalance: MT940Balance
    /// The `:61:` lines in file order, each with its `:86:`.
    public var transactions: [MT940Transaction]
    /// `:62F:`, or `:62M:` when the statement continues in a later message.
    public var closingBalance: MT940Balance
    /// `:64:`
    public var availableBalance: MT940Balance?
    /// `:65:`, one for each coming day the bank reports.
    public var forwardAvailableBalances: [MT940Balance]
    /// `:86:` after the closing balance: information for the whole statement, not for its last transaction.
    public var information: String?
    /// Fields this reader keeps but does not interpret (`:NS:`, `:13D:`, `:34F:`, `:90D:`…), in file order.
    public var otherFields: [MT940Field]
    /// The 1-based line of the `:20:`.
    public var line: Int

    /// The statement's currency: its balances' and amounts'.
    public var currency: CurrencyCode { openingBalance.amount.currency }
}
