public import Core

/// `Ntry`: one booking on the account, possibly a batch of several transactions.
public struct CAMTEntry: Hashable, Sendable {
    /// `NtryRef`.
    public var reference: String?
    /// `Amt` with its `Ccy`, as written (never negative).
    public var amount: Money
    /// `CdtDbtInd`.
    public var creditDebit: CAMTCreditDebit
    /// `RvslInd`; nil when absent.
    public var reversal: Bool?
    /// `Sts` (versions 02–07) or `Sts/Cd`, `Sts/Prtry` (08): `BOOK`, `PDNG`, `INFO`.
    public var status: String?
    /// `BookgDt`.
    public var bookingDate: CAMTDate?
    /// `ValDt`.
    public var valueDate: CAMTDate?
    /// `AcctSvcrRef`: the bank's own reference.
    public var accountServicerReference: String?
    /// `BkTxCd`.
    public var bankTransactionCode: CAMTBankTransactionCode?
    /// `Chrgs`.
    public var charges: CAMTCharges?
    /// `NtryDtls/Btch`, one per `NtryDtls` that has one.
    public var batches: [CAMTBatch]
    /// `NtryDtls/TxDtls`, over all `NtryDtls`, in file order.
    public var transactions: [CAMTTransaction]
    /// `AddtlNtryInf`.
    public var additionalInformation: String?
    /// The line of the entry's start tag in the file.
    public var line: Int
}

/// `BkTxCd`: the kind of transaction, as an ISO domain/family/sub-family code and/or the bank's own code.
public struct CAMTBankTransactionCode: Hashable, Sendable {
    /// `Domn/Cd`, e.g. `PMNT`.
    public var domain: String?
    /// `Domn/Fmly/Cd`, e.g. `ICDT`.
    public var family: String?
    /// `Domn/Fmly/SubFmlyCd`, e.g. `ESCT`.
    public var subFamily: String?
    /// `Prtry/Cd`.
    public var proprietaryCode: String?
    /// `Prtry/Issr`.
    public var proprietaryIssuer: String?
}

/// `Chrgs`: the charges of an entry or transaction.
public struct CAMTCharges: Hashable, Sendable {
    /// `TtlChrgsAndTaxAmt`.
    public var total: Money?
    /// `Rcrd` (versions 04–08), or each repeated `Chrgs` (02, 03).
    public var records: [CAMTChargesRecord]
}

/// One charge: `Chrgs/Rcrd`, or a version 02/03 `Chrgs`.
public struct CAMTChargesRecord: Hashable, Sendable {
    /// `Amt` with its `Ccy`.
    public var amount: Money?
    /// `CdtDbtInd`.
    public var creditDebit: CAMTCreditDebit?
    /// `ChrgInclInd`.
    public var included: Bool?
    /// `Tp/Cd`, or `Tp/Prtry/Id`.
    public var type: String?
    /// `Br`: who bears the charge (`DEBT`, `CRED`, `SHAR`, `SLEV`).
    public var bearer: String?
}

/// `NtryDtls/Btch`: the payment batch an entry books in one amount.
public struct CAMTBatch: Hashable, Sendable {
    /// `MsgId`.
    public var messageID: String?
    /// `PmtInfId`.
    public var paymentInformationID: String?
    /// `NbOfTxs`, as written.
    public var numberOfTransactions: String?
    /// `TtlAmt`.
    public var totalAmount: Money?
    /// `CdtDbtInd`.
    public var creditDebit: CAMTCreditDebit?
}

/// `TxDtls`: one underlying transaction of an entry.
public struct CAMTTransaction: Hashable, Sendable {
    /// `Refs`.
    public var references: CAMTReferences?
    /// `Amt` (versions 04–08).
    public var amount: Money?
    /// `CdtDbtInd` (versions 04–08); the entry's when absent.
    public var creditDebit: CAMTCreditDebit?
    /// `AmtDtls`.
    public var amountDetails: CAMTAmountDetails?
    /// `BkTxCd`.
    public var bankTransactionCode: CAMTBankTransactionCode?
    /// `Chrgs`.
    public var charges: CAMTCharges?
    /// `RltdPties`.
    public var relatedParties: CAMTRelatedParties?
    /// `RltdAgts`.
    public var relatedAgents: CAMTRelatedAgents?
    /// `RmtInf`.
    public var remittanceInformation: CAMTRemittanceInformation?
    /// `RltdDts`.
    public var relatedDates: CAMTRelatedDates?
    /// `RtrInf`.
    public var returnInformation: CAMTReturnInformation?
    /// `AddtlTxInf`.
    public var additionalInformation: String?
    /// The line of the transaction's start tag in the file.
    public var line: Int
}

/// `Refs`: the references the payment carried from end to end and the bank gave it.
public struct CAMTReferences: Hashable, Sendable {
    /// `MsgId`.
    public var messageID: String?
    /// `AcctSvcrRef`.
    public var accountServicerReference: String?
    /// `PmtInfId`.
    public var paymentInformationID: String?
    /// `InstrId`.
    public var instructionID: String?
    /// `EndToEndId`.
    public var endToEndID: String?
    /// `UETR` (versions 06–08).
    public var uetr: String?
    /// `TxId`.
    public var transactionID: String?
    /// `MndtId`: the direct-debit mandate.
    public var mandateID: String?
    /// `ChqNb`.
    public var chequeNumber: String?
    /// `ClrSysRef`.
    public var clearingSystemReference: String?
    /// `AcctOwnrTxId`.
    public var accountOwnerTransactionID: String?
    /// `AcctSvcrTxId`.
    public var accountServicerTransactionID: String?
    /// `MktInfrstrctrTxId`.
    public var marketInfrastructureTransactionID: String?
    /// `PrcgId`.
    public var processingID: String?
    /// `Prtry`, in file order.
    public var proprietary: [CAMTProprietaryReference]
}

/// `Refs/Prtry`: a reference of a kind the bank names itself.
public struct CAMTProprietaryReference: Hashable, Sendable {
    /// `Tp`.
    public var type: String?
    /// `Ref`.
    public var reference: String?
}

/// `AmtDtls`: the amounts behind a transaction, each with its own currency.
public struct CAMTAmountDetails: Hashable, Sendable {
    /// `InstdAmt/Amt`: what the payer instructed.
    public var instructed: Money?
    /// `TxAmt/Amt`: the amount of the transaction.
    public var transaction: Money?
    /// `CntrValAmt/Amt`: its counter value.
    public var counterValue: Money?
    /// `AnncdPstngAmt/Amt`: the amount announced for posting.
    public var announcedPosting: Money?
}
