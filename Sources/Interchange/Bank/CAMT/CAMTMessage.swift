public import Core

/// A CAMT.052, .053 or .054 message as the bank wrote it: nothing summed, signed or converted. `CAMTReader` reads it,
/// `bankStatements(file:)` maps it to the ledger's `BankStatement`.
public struct CAMTMessage: Hashable, Sendable {
    /// Which of the three messages, from the namespace.
    public var kind: CAMTMessageKind
    /// The message version, `2` for `camt.053.001.02` up to `8`.
    public var version: Int
    /// `GrpHdr`.
    public var groupHeader: CAMTGroupHeader
    /// `Rpt` (052), `Stmt` (053) or `Ntfctn` (054), in file order.
    public var records: [CAMTRecord]
}

/// The three bank-to-customer cash management messages.
public enum CAMTMessageKind: String, Hashable, Sendable, CaseIterable {
    /// `BkToCstmrAcctRpt`: intraday account report.
    case report = "camt.052"
    /// `BkToCstmrStmt`: end-of-day statement.
    case statement = "camt.053"
    /// `BkToCstmrDbtCdtNtfctn`: debit/credit notification.
    case notification = "camt.054"

    /// The message element under `Document`.
    public var messageElement: String {
        switch self {
        case .report: "BkToCstmrAcctRpt"
        case .statement: "BkToCstmrStmt"
        case .notification: "BkToCstmrDbtCdtNtfctn"
        }
    }

    /// The element of one record under the message element.
    public var recordElement: String {
        switch self {
        case .report: "Rpt"
        case .statement: "Stmt"
        case .notification: "Ntfctn"
        }
    }

    /// What a bookkeeper calls one record of this message.
    public var recordName: String {
        switch self {
        case .report: "report"
        case .statement: "statement"
        case .notification: "notification"
        }
    }

    /// The `BankStatement` format the records map to.
    public var format: BankStatementFormat {
        switch self {
        case .report: .camt052
        case .statement: .camt053
        case .notification: .camt054
        }
    }
}

/// `GrpHdr`: who the message is for and when the bank made it.
public struct CAMTGroupHeader: Hashable, Sendable {
    /// `MsgId`.
    public var messageID: String
    /// `CreDtTm`.
    public var createdOn: CAMTDateTime
    /// `MsgRcpt`.
    public var recipient: CAMTParty?
    /// `MsgPgntn`.
    public var pagination: CAMTPagination?
    /// `AddtlInf`.
    public var additionalInformation: String?
}

/// `MsgPgntn`, `StmtPgntn`, `RptPgntn`, `NtfctnPgntn`: page n of a message split over several files.
public struct CAMTPagination: Hashable, Sendable {
    /// `PgNb`, as written (the schema allows up to five digits).
    public var pageNumber: String
    /// `LastPgInd`.
    public var lastPage: Bool
}

/// One statement, report or notification: one account over one period.
public struct CAMTRecord: Hashable, Sendable {
    /// `Id`.
    public var id: String
    /// `ElctrncSeqNb`, as written.
    public var electronicSequenceNumber: String?
    /// `LglSeqNb`, as written.
    public var legalSequenceNumber: String?
    /// `CreDtTm`.
    public var createdOn: CAMTDateTime?
    /// `FrToDt/FrDtTm`.
    public var fromDateTime: CAMTDateTime?
    /// `FrToDt/ToDtTm`.
    public var toDateTime: CAMTDateTime?
    /// `CpyDplctInd`: `CODU` copy, `COPY` or `DUPL`.
    public var copyDuplicateIndicator: String?
    /// `StmtPgntn`, `RptPgntn` or `NtfctnPgntn`.
    public var pagination: CAMTPagination?
    /// `Acct`.
    public var account: CAMTAccount
    /// `Bal`, in file order (a notification has none).
    public var balances: [CAMTBalance]
    /// `Ntry`, in file order.
    public var entries: [CAMTEntry]
    /// `AddtlStmtInf`, `AddtlRptInf` or `AddtlNtfctnInf`.
    public var additionalInformation: String?
    /// The line of the record's start tag in the file.
    public var line: Int
}

/// `Acct`, `DbtrAcct`, `CdtrAcct`: an account by IBAN or by another identification.
public struct CAMTAccount: Hashable, Sendable {
    /// `Id`.
    public var identification: CAMTAccountIdentification
    /// `Tp/Cd` or `Tp/Prtry`.
    public var type: String?
    /// `Ccy`.
    public var currency: CurrencyCode?
    /// `Nm`.
    public var name: String?
}

/// `Id` of an account: `IBAN` or `Othr`.
public enum CAMTAccountIdentification: Hashable, Sendable {
    /// `IBAN`.
    case iban(String)
    /// `Othr`: a national account number or the bank's own.
    case other(CAMTGenericIdentification)

    /// The IBAN, or the other identification's `Id`.
    public var text: String {
        switch self {
        case .iban(let iban): iban
        case .other(let other): other.id
        }
    }
}

/// `Othr` of an account, organisation or person: an id, the scheme it belongs to and who issued it.
public struct CAMTGenericIdentification: Hashable, Sendable {
    /// `Id`.
    public var id: String
    /// `SchmeNm/Cd`.
    public var schemeCode: String?
    /// `SchmeNm/Prtry`.
    public var schemeProprietary: String?
    /// `Issr`.
    public var issuer: String?
}

/// `CRDT` or `DBIT`: the direction of an amount as the account holder sees it.
public enum CAMTCreditDebit: String, Hashable, Sendable {
    /// Money in: `CRDT`.
    case credit = "CRDT"
    /// Money out: `DBIT`.
    case debit = "DBIT"
}

/// `Bal`: a balance of the account on a day, unsigned as written with its direction apart.
public struct CAMTBalance: Hashable, Sendable {
    /// `Tp/CdOrPrtry/Cd`: `OPBD`, `CLBD`, `OPAV`, `CLAV`, `FWAV`, `ITBD`, `PRCD`, `INFO`, `ITAV`, `XPCD`.
    public var typeCode: String?
    /// `Tp/CdOrPrtry/Prtry`.
    public var typeProprietary: String?
    /// `Tp/SubTp/Cd` or `Tp/SubTp/Prtry`.
    public var subType: String?
    /// `Amt` with its `Ccy`, as written (never negative).
    public var amount: Money
    /// `CdtDbtInd`.
    public var creditDebit: CAMTCreditDebit
    /// `Dt/Dt` or `Dt/DtTm`.
    public var date: CAMTDate
}
