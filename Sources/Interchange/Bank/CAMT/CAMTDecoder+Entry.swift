import Core

extension CAMTDecoder {
    /// `Ntry`: amount and direction are required, everything else is read as far as it is there.
    func entry(_ node: CAMTNode) throws(InterchangeError) -> CAMTEntry {
        guard let amountNode = node.child("Amt") else {
            throw error(node, "<Ntry> has no <Amt>: every entry needs an amount")
        }
        guard let direction = node.child("CdtDbtInd") else {
            throw error(node, "<Ntry> has no <CdtDbtInd>: every entry needs CRDT (money in) or DBIT (money out)")
        }
        let details = node.all("NtryDtls")
        return CAMTEntry(
            reference: node.text("NtryRef"),
            amount: try money(amountNode),
            creditDebit: try creditDebit(direction, of: "an entry"),
            reversal: try node.child("RvslInd").map(boolean),
            status: code(node.child("Sts")),
            bookingDate: try node.child("BookgDt").map(date),
            valueDate: try node.child("ValDt").map(date),
            accountServicerReference: node.text("AcctSvcrRef"),
            bankTransactionCode: node.child("BkTxCd").map(bankTransactionCode),
            charges: try charges(node.all("Chrgs")),
            batches: try details.compactMap { $0.child("Btch") }.map(batch),
            transactions: try details.flatMap { $0.all("TxDtls") }.map(transaction),
            additionalInformation: node.text("AddtlNtryInf"),
            line: node.line)
    }

    func bankTransactionCode(_ node: CAMTNode) -> CAMTBankTransactionCode {
        CAMTBankTransactionCode(domain: node.text("Domn", "Cd"), family: node.text("Domn", "Fmly", "Cd"),
                                subFamily: node.text("Domn", "Fmly", "SubFmlyCd"),
                                proprietaryCode: node.text("Prtry", "Cd"),
                                proprietaryIssuer: node.text("Prtry", "Issr"))
    }

    /// One `Chrgs` with `Rcrd`s (versions 04–08), or `Chrgs` repeated, each one charge (02, 03).
    func charges(_ nodes: [CAMTNode]) throws(InterchangeError) -> CAMTCharges? {
        guard !nodes.isEmpty else { return nil }
        var total: Money?
        var records: [CAMTChargesRecord] = []
        for node in nodes {
            if total == nil, let amount = node.child("TtlChrgsAndTaxAmt") { total = try money(amount) }
            let parts = node.all("Rcrd")
            for part in parts.isEmpty && node.child("Amt") != nil ? [node] : parts {
                records.append(CAMTChargesRecord(
                    amount: try part.child("Amt").map(money),
                    creditDebit: try part.child("CdtDbtInd").map { (n) throws(InterchangeError) in
                        try creditDebit(n, of: "a charge")
                    },
                    included: try part.child("ChrgInclInd").map(boolean),
                    type: part.text("Tp", "Cd") ?? part.text("Tp", "Prtry", "Id"),
                    bearer: part.text("Br")))
            }
        }
        return CAMTCharges(total: total, records: records)
    }

    func batch(_ node: CAMTNode) throws(InterchangeError) -> CAMTBatch {
        CAMTBatch(messageID: node.text("MsgId"), paymentInformationID: node.text("PmtInfId"),
                  numberOfTransactions: node.text("NbOfTxs"), totalAmount: try node.child("TtlAmt").map(money),
                  creditDebit: try node.child("CdtDbtInd").map { (n) throws(InterchangeError) in
                      try creditDebit(n, of: "a batch")
                  })
    }

    /// `TxDtls`.
    func transaction(_ node: CAMTNode) throws(InterchangeError) -> CAMTTransaction {
        CAMTTransaction(
            references: node.child("Refs").map(references),
            amount: try node.child("Amt").map(money),
            creditDebit: try node.child("CdtDbtInd").map { (n) throws(InterchangeError) in
                try creditDebit(n, of: "a transaction")
            },
            amountDetails: try node.child("AmtDtls").map(amountDetails),
            bankTransactionCode: node.child("BkTxCd").map(bankTransactionCode),
            charges: try charges(node.all("Chrgs")),
            relatedParties: try node.child("RltdPties").map(relatedParties),
            relatedAgents: node.child("RltdAgts").map(relatedAgents),
            remittanceInformation: node.child("RmtInf").map(remittanceInformation),
            relatedDates: try node.child("RltdDts").map(relatedDates),
            returnInformation: node.child("RtrInf").map(returnInformation),
            additionalInformation: node.text("AddtlTxInf"),
            line: node.line)
    }

    func references(_ node: CAMTNode) -> CAMTReferences {
        CAMTReferences(
            messageID: node.text("MsgId"), accountServicerReference: node.text("AcctSvcrRef"),
            paymentInformationID: node.text("PmtInfId"), instructionID: node.text("InstrId"),
            endToEndID: node.text("EndToEndId"), uetr: node.text("UETR"), transactionID: node.text("TxId"),
            mandateID: node.text("MndtId"), chequeNumber: node.text("ChqNb"),
            clearingSystemReference: node.text("ClrSysRef"), accountOwnerTransactionID: node.text("AcctOwnrTxId"),
            accountServicerTransactionID: node.text("AcctSvcrTxId"),
            marketInfrastructureTransactionID: node.text("MktInfrstrctrTxId"), processingID: node.text("PrcgId"),
            proprietary: node.all("Prtry").map {
                CAMTProprietaryReference(type: $0.text("Tp"), reference: $0.text("Ref"))
            })
    }

    func amountDetails(_ node: CAMTNode) throws(InterchangeError) -> CAMTAmountDetails {
        CAMTAmountDetails(instructed: try node.node("InstdAmt", "Amt").map(money),
                          transaction: try node.node("TxAmt", "Amt").map(money),
                          counterValue: try node.node("CntrValAmt", "Amt").map(money),
                          announcedPosting: try node.node("AnncdPstngAmt", "Amt").map(money))
    }

    func remittanceInformation(_ node: CAMTNode) -> CAMTRemittanceInformation {
        CAMTRemittanceInformation(
            unstructured: node.all("Ustrd").map(\.value),
            structured: node.all("Strd").map { block in
                CAMTStructuredRemittance(
                    creditorReference: block.child("CdtrRefInf").map { reference in
                        CAMTCreditorReference(typeCode: reference.text("Tp", "CdOrPrtry", "Cd"),
                                              typeProprietary: reference.text("Tp", "CdOrPrtry", "Prtry"),
                                              issuer: reference.text("Tp", "Issr"), reference: reference.text("Ref"))
                    },
                    additionalInformation: block.all("AddtlRmtInf").map(\.value))
            })
    }

    func relatedDates(_ node: CAMTNode) throws(InterchangeError) -> CAMTRelatedDates {
        CAMTRelatedDates(acceptance: try node.child("AccptncDtTm").map(dateTime),
                         trade: try node.child("TradDt").map(date),
                         interbankSettlement: try node.child("IntrBkSttlmDt").map(day),
                         start: try node.child("StartDt").map(day), end: try node.child("EndDt").map(day),
                         transaction: try node.child("TxDtTm").map(dateTime))
    }

    func returnInformation(_ node: CAMTNode) -> CAMTReturnInformation {
        CAMTReturnInformation(reasonCode: node.text("Rsn", "Cd"), reasonProprietary: node.text("Rsn", "Prtry"),
                              additionalInformation: node.all("AddtlInf").map(\.value))
    }
}
