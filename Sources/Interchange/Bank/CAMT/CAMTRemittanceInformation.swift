public import Core

/// `RmtInf`: what the payment is for, as free text and/or structured references.
public struct CAMTRemittanceInformation: Hashable, Sendable {
    /// `Ustrd`, in file order.
    public var unstructured: [String]
    /// `Strd`, in file order.
    public var structured: [CAMTStructuredRemittance]
}

/// `RmtInf/Strd`.
public struct CAMTStructuredRemittance: Hashable, Sendable {
    /// `CdtrRefInf`.
    public var creditorReference: CAMTCreditorReference?
    /// `AddtlRmtInf`, in file order.
    public var additionalInformation: [String]
}

/// `CdtrRefInf`: the creditor's payment reference, e.g. an ISO 11649 `RF…` (`SCOR`) or a Dutch betalingskenmerk.
public struct CAMTCreditorReference: Hashable, Sendable {
    /// `Tp/CdOrPrtry/Cd`, e.g. `SCOR`.
    public var typeCode: String?
    /// `Tp/CdOrPrtry/Prtry`.
    public var typeProprietary: String?
    /// `Tp/Issr`.
    public var issuer: String?
    /// `Ref`.
    public var reference: String?
}

/// `RltdDts`: the dates of the underlying payment.
public struct CAMTRelatedDates: Hashable, Sendable {
    /// `AccptncDtTm`.
    public var acceptance: CAMTDateTime?
    /// `TradDt`.
    public var trade: CAMTDate?
    /// `IntrBkSttlmDt`.
    public var interbankSettlement: LocalDate?
    /// `StartDt`.
    public var start: LocalDate?
    /// `EndDt`.
    public var end: LocalDate?
    /// `TxDtTm`.
    public var transaction: CAMTDateTime?
}

/// `RtrInf`: why a payment came back.
public struct CAMTReturnInformation: Hashable, Sendable {
    /// `Rsn/Cd`, e.g. `AC04`.
    public var reasonCode: String?
    /// `Rsn/Prtry`.
    public var reasonProprietary: String?
    /// `AddtlInf`, in file order.
    public var additionalInformation: [String]
}
