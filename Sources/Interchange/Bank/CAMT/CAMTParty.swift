public import Core

/// A party as CAMT names it (`MsgRcpt`, `Dbtr`, `Cdtr`, `UltmtDbtr`, `UltmtCdtr`); version 08's `Pty` is read through.
public struct CAMTParty: Hashable, Sendable {
    /// `Nm`.
    public var name: String?
    /// `PstlAdr`.
    public var postalAddress: CAMTPostalAddress?
    /// `Id`.
    public var identification: CAMTPartyIdentification?
    /// `CtryOfRes`.
    public var countryOfResidence: String?
    /// `CtctDtls`.
    public var contactDetails: CAMTContactDetails?
}

/// `PstlAdr`: structured fields and/or free address lines.
public struct CAMTPostalAddress: Hashable, Sendable {
    /// `AdrTp` (or `AdrTp/Cd`, `AdrTp/Prtry/Id`).
    public var addressType: String?
    /// `Dept`.
    public var department: String?
    /// `SubDept`.
    public var subDepartment: String?
    /// `StrtNm`.
    public var streetName: String?
    /// `BldgNb`.
    public var buildingNumber: String?
    /// `PstCd`.
    public var postCode: String?
    /// `TwnNm`.
    public var townName: String?
    /// `CtrySubDvsn`.
    public var countrySubDivision: String?
    /// `Ctry`.
    public var country: String?
    /// `AdrLine`, in file order.
    public var addressLines: [String]
}

/// `Id` of a party: an organisation or a private person.
public enum CAMTPartyIdentification: Hashable, Sendable {
    /// `OrgId`.
    case organisation(CAMTOrganisationIdentification)
    /// `PrvtId`.
    case person(CAMTPersonIdentification)
}

/// `OrgId`.
public struct CAMTOrganisationIdentification: Hashable, Sendable {
    /// `BICOrBEI` (version 02).
    public var bicOrBEI: String?
    /// `AnyBIC` (versions 03–08).
    public var anyBIC: String?
    /// `LEI` (version 08).
    public var lei: String?
    /// `Othr`, in file order.
    public var other: [CAMTGenericIdentification]
}

/// `PrvtId`.
public struct CAMTPersonIdentification: Hashable, Sendable {
    /// `DtAndPlcOfBirth/BirthDt`.
    public var birthDate: LocalDate?
    /// `DtAndPlcOfBirth/PrvcOfBirth`.
    public var provinceOfBirth: String?
    /// `DtAndPlcOfBirth/CityOfBirth`.
    public var cityOfBirth: String?
    /// `DtAndPlcOfBirth/CtryOfBirth`.
    public var countryOfBirth: String?
    /// `Othr`, in file order.
    public var other: [CAMTGenericIdentification]
}

/// `CtctDtls`.
public struct CAMTContactDetails: Hashable, Sendable {
    /// `NmPrfx`.
    public var namePrefix: String?
    /// `Nm`.
    public var name: String?
    /// `PhneNb`.
    public var phoneNumber: String?
    /// `MobNb`.
    public var mobileNumber: String?
    /// `FaxNb`.
    public var faxNumber: String?
    /// `EmailAdr`.
    public var emailAddress: String?
    /// `Othr` (or `Othr/Id` in version 08).
    public var other: String?
}

/// `RltdPties`: who paid whom, and on whose behalf.
public struct CAMTRelatedParties: Hashable, Sendable {
    /// `Dbtr`.
    public var debtor: CAMTParty?
    /// `DbtrAcct`.
    public var debtorAccount: CAMTAccount?
    /// `UltmtDbtr`.
    public var ultimateDebtor: CAMTParty?
    /// `Cdtr`.
    public var creditor: CAMTParty?
    /// `CdtrAcct`.
    public var creditorAccount: CAMTAccount?
    /// `UltmtCdtr`.
    public var ultimateCreditor: CAMTParty?
}

/// `RltdAgts`: the banks on either side.
public struct CAMTRelatedAgents: Hashable, Sendable {
    /// `DbtrAgt`.
    public var debtorAgent: CAMTAgent?
    /// `CdtrAgt`.
    public var creditorAgent: CAMTAgent?
}

/// `FinInstnId` of an agent.
public struct CAMTAgent: Hashable, Sendable {
    /// `BIC` (versions 02, 03) or `BICFI` (04–08).
    public var bic: String?
    /// `Nm`.
    public var name: String?
}
