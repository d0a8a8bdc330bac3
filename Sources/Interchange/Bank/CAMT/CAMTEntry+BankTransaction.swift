import Core

extension CAMTEntry {
    /// The ledger's transactions of this entry: one per `TxDtls` when each has an amount in the entry's currency and
    /// together they make the entry's amount (or when there is just one); otherwise one for the whole entry, keeping
    /// what its transactions agree on. Either way the transactions add up to the entry.
    ///
    /// The sign follows `CdtDbtInd`: for a reversal (`RvslInd`) it already gives the direction of the reversing booking
    /// (ISO 20022: CRDT with a reversal undoes a debit), so the amount is not flipped; the counterparty is taken from
    /// the side of the original payment.
    func bankTransactions(ownAccount: CAMTAccountIdentification, file: String) throws(InterchangeError)
        -> [BankTransaction]
    {
        guard let booking = (bookingDate ?? valueDate)?.day else {
            throw InterchangeError(file: file, line: line, "<Ntry> has neither <BookgDt> nor <ValDt>: "
                + "the entry of \(amount.decimalString) \(amount.currency) cannot be dated")
        }
        let dates = (booking: booking, value: valueDate?.day ?? booking)
        let signed = creditDebit.signed(amount)
        guard transactions.count > 1 else {
            return [bankTransaction(transactions.first, amount: signed, dates: dates, ownAccount: ownAccount)]
        }
        let parts = transactions.map { transaction -> Money? in
            guard let part = transaction.amount ?? transaction.amountDetails?.transaction,
                  part.currency == amount.currency else { return nil }
            return (transaction.creditDebit ?? creditDebit).signed(part)
        }
        var sum: Int64? = 0
        for part in parts {
            guard let running = sum, let part else { sum = nil; break }
            let (total, overflow) = running.addingReportingOverflow(part.minorUnits)
            sum = overflow ? nil : total
        }
        if sum == signed.minorUnits {
            return zip(transactions, parts).map { transaction, part in
                bankTransaction(transaction, amount: part ?? signed, dates: dates, ownAccount: ownAccount)
            }
        }
        let each = transactions.map { bankTransaction($0, amount: signed, dates: dates, ownAccount: ownAccount) }
        return [merged(each)]
    }

    private func bankTransaction(_ detail: CAMTTransaction?, amount: Money,
                                 dates: (booking: LocalDate, value: LocalDate),
                                 ownAccount: CAMTAccountIdentification) -> BankTransaction {
        let direction = detail?.creditDebit ?? creditDebit
        let original = reversal == true ? direction.opposite : direction
        let parties = detail?.relatedParties, agents = detail?.relatedAgents
        let creditor = (party: parties?.creditor, account: parties?.creditorAccount, agent: agents?.creditorAgent)
        let debtor = (party: parties?.debtor, account: parties?.debtorAccount, agent: agents?.debtorAgent)
        var counterparty = original == .debit ? creditor : debtor
        let other = original == .debit ? debtor : creditor
        if let account = counterparty.account?.identification, Self.same(account, ownAccount),
           other.party != nil || other.account != nil {
            counterparty = other
        }
        let references = detail?.references
        let remittance = detail?.remittanceInformation
        let lines = (remittance?.unstructured ?? []).filter { !$0.isEmpty }
        var iban: String?
        if case .iban(let number) = counterparty.account?.identification { iban = number }
        let codes = [detail?.bankTransactionCode, bankTransactionCode]
        let description = lines.isEmpty
            ? Self.present(detail?.additionalInformation) ?? additionalInformation ?? "" : lines.joined(separator: " ")
        return BankTransaction(
            bookingDate: dates.booking, valueDate: dates.value, amount: amount, reversal: reversal == true,
            typeCode: codes.lazy.compactMap { $0?.isoCode }.first
                ?? codes.lazy.compactMap { Self.present($0?.proprietaryCode) }.first,
            bankReference: Self.present(references?.accountServicerReference) ?? Self.present(accountServicerReference),
            endToEndID: references?.endToEndID == "NOTPROVIDED" ? nil : Self.present(references?.endToEndID),
            counterpartyName: Self.present(counterparty.party?.name), counterpartyIBAN: Self.present(iban),
            counterpartyBIC: Self.present(counterparty.agent?.bic),
            description: description,
            structuredReference: remittance?.structured.lazy
                .compactMap { Self.present($0.creditorReference?.reference) }.first,
            mandateID: Self.present(references?.mandateID))
    }

    /// One transaction for an entry whose parts cannot be booked apart: what they all agree on, and all their texts.
    private func merged(_ parts: [BankTransaction]) -> BankTransaction {
        var result = parts[0]
        func common<T: Equatable>(_ field: KeyPath<BankTransaction, T?>) -> T? {
            parts.allSatisfy { $0[keyPath: field] == result[keyPath: field] } ? result[keyPath: field] : nil
        }
        result.typeCode = common(\.typeCode)
        result.bankReference = common(\.bankReference)
        result.endToEndID = common(\.endToEndID)
        result.counterpartyName = common(\.counterpartyName)
        result.counterpartyIBAN = common(\.counterpartyIBAN)
        result.counterpartyBIC = common(\.counterpartyBIC)
        result.structuredReference = common(\.structuredReference)
        result.mandateID = common(\.mandateID)
        var texts: [String] = []
        for part in parts where !part.description.isEmpty && !texts.contains(part.description) {
            texts.append(part.description)
        }
        result.description = texts.joined(separator: " ")
        return result
    }

    private static func present(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }

    private static func same(_ a: CAMTAccountIdentification, _ b: CAMTAccountIdentification) -> Bool {
        func normal(_ id: CAMTAccountIdentification) -> String { id.text.uppercased().filter { $0 != " " } }
        return normal(a) == normal(b)
    }
}
