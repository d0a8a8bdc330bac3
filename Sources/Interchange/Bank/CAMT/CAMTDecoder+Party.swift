import Core

extension CAMTDecoder {
    /// A party; version 08 wraps it in `Pty` (or names an agent's `FinInstnId` through `Agt`), read through here.
    func party(_ node: CAMTNode) throws(InterchangeError) -> CAMTParty {
        let party = node.child("Pty") ?? node.node("Agt", "FinInstnId") ?? node
        return CAMTParty(name: party.text("Nm"), postalAddress: party.child("PstlAdr").map(postalAddress),
                         identification: try party.child("Id").flatMap(identification),
                         countryOfResidence: party.text("CtryOfRes"),
                         contactDetails: party.child("CtctDtls").map(contactDetails))
    }

    func postalAddress(_ node: CAMTNode) -> CAMTPostalAddress {
        CAMTPostalAddress(addressType: code(node.child("AdrTp")), department: node.text("Dept"),
                          subDepartment: node.text("SubDept"), streetName: node.text("StrtNm"),
                          buildingNumber: node.text("BldgNb"), postCode: node.text("PstCd"),
                          townName: node.text("TwnNm"),
                          countrySubDivision: node.text("CtrySubDvsn"), country: node.text("Ctry"),
                          addressLines: node.all("AdrLine").map(\.value))
    }

    /// `Id` of a party: `OrgId` or `PrvtId`; nil when it holds neither.
    func identification(_ node: CAMTNode) throws(InterchangeError) -> CAMTPartyIdentification? {
        if let organisation = node.child("OrgId") {
            return .organisation(CAMTOrganisationIdentification(
                bicOrBEI: organisation.text("BICOrBEI"), anyBIC: organisation.text("AnyBIC"),
                lei: organisation.text("LEI"),
                other: try organisation.all("Othr").map(generic)))
        }
        if let person = node.child("PrvtId") {
            let birth = person.child("DtAndPlcOfBirth")
            return .person(CAMTPersonIdentification(
                birthDate: try birth?.child("BirthDt").map(day), provinceOfBirth: birth?.text("PrvcOfBirth"),
                cityOfBirth: birth?.text("CityOfBirth"), countryOfBirth: birth?.text("CtryOfBirth"),
                other: try person.all("Othr").map(generic)))
        }
        return nil
    }

    func contactDetails(_ node: CAMTNode) -> CAMTContactDetails {
        CAMTContactDetails(namePrefix: node.text("NmPrfx"), name: node.text("Nm"), phoneNumber: node.text("PhneNb"),
                           mobileNumber: node.text("MobNb"), faxNumber: node.text("FaxNb"),
                           emailAddress: node.text("EmailAdr"),
                           other: node.child("Othr").map { $0.text("Id") ?? $0.value })
    }

    func relatedParties(_ node: CAMTNode) throws(InterchangeError) -> CAMTRelatedParties {
        CAMTRelatedParties(debtor: try node.child("Dbtr").map(party),
                           debtorAccount: try node.child("DbtrAcct").map(account),
                           ultimateDebtor: try node.child("UltmtDbtr").map(party),
                           creditor: try node.child("Cdtr").map(party),
                           creditorAccount: try node.child("CdtrAcct").map(account),
                           ultimateCreditor: try node.child("UltmtCdtr").map(party))
    }

    func relatedAgents(_ node: CAMTNode) -> CAMTRelatedAgents {
        func agent(_ node: CAMTNode) -> CAMTAgent {
            let institution = node.child("FinInstnId") ?? node
            return CAMTAgent(bic: institution.text("BIC") ?? institution.text("BICFI"), name: institution.text("Nm"))
        }
        return CAMTRelatedAgents(debtorAgent: node.child("DbtrAgt").map(agent),
                                 creditorAgent: node.child("CdtrAgt").map(agent))
    }
}
