import Core
import Interchange

extension CAMTGenkgoRendering {
    static func references(_ refs: CAMTReferences) -> GenkgoTree {
        .instance(dto("Reference"), [
            "getAccountOwnerTransactionId": .text(refs.accountOwnerTransactionID),
            "getAccountServicerReference": .text(refs.accountServicerReference),
            "getAccountServicerTransactionId": .text(refs.accountServicerTransactionID),
            "getChequeNumber": .text(refs.chequeNumber),
            "getClearingSystemReference": .text(refs.clearingSystemReference),
            "getEndToEndId": .text(refs.endToEndID),
            "getInstructionId": .text(refs.instructionID),
            "getMandateId": .text(refs.mandateID),
            "getMarketInfrastructureTransactionId": .text(refs.marketInfrastructureTransactionID),
            "getMessageId": .text(refs.messageID),
            "getPaymentInformationId": .text(refs.paymentInformationID),
            "getProcessingId": .text(refs.processingID),
            "getProprietaries": .list(refs.proprietary.map { reference in
                .instance(dto("ProprietaryReference"), [
                    "getReference": .text(reference.reference), "getType": .text(reference.type),
                ])
            }),
            "getTransactionId": .text(refs.transactionID),
            "getUuidEndToEndReference": .text(refs.uetr),
        ])
    }

    /// genkgo's order: creditor, ultimate creditor, debtor, ultimate debtor; the ultimate ones without an account.
    static func relatedParties(_ parties: CAMTRelatedParties?) -> [GenkgoTree] {
        guard let parties else { return [] }
        let sides: [(String, CAMTParty?, CAMTAccount?)] = [
            ("Creditor", parties.creditor, parties.creditorAccount),
            ("UltimateCreditor", parties.ultimateCreditor, nil),
            ("Debtor", parties.debtor, parties.debtorAccount), ("UltimateDebtor", parties.ultimateDebtor, nil),
        ]
        return sides.compactMap { type, party, account in
            party.map { party in
                var identification = GenkgoTree.null
                switch party.identification {
                case .organisation(let id)?: identification = organisation(id)
                case .person(let id)?: identification = person(id)
                case nil: break
                }
                return .instance(dto("RelatedParty"), [
                    "getAccount": self.account(account),
                    "getRelatedPartyType": .instance(dto(type), [
                        "getAddress": party.postalAddress.map(address) ?? .null,
                        "getIdentification": identification,
                        "getName": .text(party.name),
                    ]),
                ])
            }
        }
    }

    /// genkgo's order: creditor agent, then debtor agent.
    static func relatedAgents(_ agents: CAMTRelatedAgents?) -> [GenkgoTree] {
        let sides = [("CreditorAgent", agents?.creditorAgent), ("DebtorAgent", agents?.debtorAgent)]
        return sides.compactMap { type, agent in
            agent.map { agent in
                .instance(dto("RelatedAgent"), [
                    "getRelatedAgentType": .instance(dto(type), [
                        "getBIC": .string(agent.bic ?? ""), "getName": .string(agent.name ?? ""),
                    ]),
                ])
            }
        }
    }

    /// With genkgo's legacy getters: the message is the first `Ustrd`, else the reference of the first creditor
    /// reference, which is also `getCreditorReferenceInformation` when there is no `Ustrd` at all.
    static func remittance(_ info: CAMTRemittanceInformation) -> GenkgoTree {
        func creditorReference(_ reference: CAMTCreditorReference?) -> GenkgoTree {
            reference.map { reference in
                .instance(dto("CreditorReferenceInformation"), [
                    "getCode": .text(reference.typeCode), "getProprietary": .text(reference.typeProprietary),
                    "getRef": .text(reference.reference),
                ])
            } ?? .null
        }
        let legacy = info.unstructured.isEmpty ? info.structured.lazy.compactMap(\.creditorReference).first : nil
        let structured = info.structured.map { block in
            GenkgoTree.instance(dto("StructuredRemittanceInformation"), [
                "getAdditionalRemittanceInformation": .text(block.additionalInformation.first),
                "getCreditorReferenceInformation": creditorReference(block.creditorReference),
            ])
        }
        let unstructured = info.unstructured.map {
            GenkgoTree.instance(dto("UnstructuredRemittanceInformation"), ["getMessage": .string($0)])
        }
        return .instance(dto("RemittanceInformation"), [
            "getCreditorReferenceInformation": creditorReference(legacy),
            "getMessage": .text(info.unstructured.first ?? legacy?.reference),
            "getStructuredBlock": structured.first ?? .null,
            "getStructuredBlocks": .list(structured),
            "getUnstructuredBlock": unstructured.first ?? .null,
            "getUnstructuredBlocks": .list(unstructured),
        ])
    }
}
