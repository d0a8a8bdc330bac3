import Core
import Interchange

extension CAMTGenkgoRendering {
    static let recordClasses: [CAMTMessageKind: String] = [
        .report: #"Genkgo\Camt\Camt052\DTO\Report"#, .statement: #"Genkgo\Camt\Camt053\DTO\Statement"#,
        .notification: #"Genkgo\Camt\Camt054\DTO\Notification"#,
    ]

    /// genkgo's balance types; a balance of another code it leaves out.
    static let balanceTypes = [
        "OPBD": "opening", "PRCD": "opening", "OPAV": "opening_available", "CLBD": "closing",
        "CLAV": "closing_available", "FWAV": "forward_available", "INFO": "information", "ITAV": "interim_available",
        "ITBD": "interim", "XPCD": "expected_credit",
    ]

    /// A record with its entries, each entry's way back to the record marked as the dumper marks a cycle.
    static func record(_ record: CAMTRecord, kind: CAMTMessageKind) -> GenkgoTree {
        .instance(recordClasses[kind]!, [
            "getAccount": account(record.account),
            "getAdditionalInformation": .text(record.additionalInformation),
            "getBalances": .list(record.balances.compactMap { balance in
                balanceTypes[balance.typeCode ?? ""].map { type in
                    .instance(dto("Balance"), [
                        "getAmount": money(balance.amount, balance.creditDebit),
                        "getDate": utc(balance.date), "getType": .string(type),
                    ])
                }
            }),
            "getCopyDuplicateIndicator": .text(record.copyDuplicateIndicator),
            "getCreatedOn": utc(record.createdOn),
            "getElectronicSequenceNumber": .text(record.electronicSequenceNumber),
            "getEntries": .list(record.entries.enumerated().map { entry($1, index: $0, record: .recursion) }),
            "getFromDate": utc(record.fromDateTime),
            "getId": .string(record.id),
            "getLegalSequenceNumber": .text(record.legalSequenceNumber),
            "getPagination": pagination(record.pagination),
            "getToDate": utc(record.toDateTime),
        ])
    }

    static func entry(_ entry: CAMTEntry, index: Int, record: GenkgoTree) -> GenkgoTree {
        let details = entry.transactions.map { transaction($0, of: entry) }
        let batch = entry.transactions.first?.references?.paymentInformationID
            ?? entry.batches.first?.paymentInformationID
        return .instance(dto("Entry"), [
            "getAccountServicerReference": .text(entry.accountServicerReference),
            "getAdditionalInfo": .string(entry.additionalInformation ?? ""),
            "getAmount": money(entry.amount, entry.creditDebit),
            "getBankTransactionCode": entry.bankTransactionCode.map(bankTransactionCode) ?? .null,
            "getBatchPaymentId": .text(batch),
            "getBookingDate": utc(entry.bookingDate),
            "getCharges": entry.charges.map(charges) ?? .null,
            "getCreditDebitIndicator": .string(entry.creditDebit.rawValue),
            "getIndex": .int(index),
            "getRecord": record,
            "getReference": .text(entry.reference),
            "getReversalIndicator": .bool(entry.reversal ?? false),
            "getStatus": .text(entry.status),
            "getTransactionDetail": details.first ?? .null,
            "getTransactionDetails": .list(details),
            "getValueDate": utc(entry.valueDate),
        ])
    }

    static func bankTransactionCode(_ code: CAMTBankTransactionCode) -> GenkgoTree {
        let family = code.family.map { family in
            GenkgoTree.instance(dto("DomainFamilyBankTransactionCode"), [
                "getCode": .string(family), "getSubFamilyCode": .string(code.subFamily ?? ""),
            ])
        }
        let domain = code.domain.map { domain in
            GenkgoTree.instance(dto("DomainBankTransactionCode"), [
                "getCode": .string(domain), "getFamily": family ?? .null,
            ])
        }
        let proprietary = code.proprietaryCode == nil && code.proprietaryIssuer == nil ? nil
            : GenkgoTree.instance(dto("ProprietaryBankTransactionCode"), [
                "getCode": .string(code.proprietaryCode ?? ""), "getIssuer": .string(code.proprietaryIssuer ?? ""),
            ])
        return .instance(dto("BankTransactionCode"), [
            "getDomain": domain ?? .null, "getProprietary": proprietary ?? .null,
        ])
    }

    static func charges(_ charges: CAMTCharges) -> GenkgoTree {
        .instance(dto("Charges"), [
            "getTotalChargesAndTaxAmount": charges.total.map { money($0, nil) } ?? .null,
            "getRecords": .list(charges.records.map { record in
                .instance(dto("ChargesRecord"), [
                    "getAmount": record.amount.map { money($0, record.creditDebit) } ?? .null,
                    "getChargesIncludedIndicator": .bool(record.included ?? false),
                    "getIdentification": .text(record.type),
                ])
            }),
        ])
    }

    static func transaction(_ detail: CAMTTransaction, of entry: CAMTEntry) -> GenkgoTree {
        let direction = detail.creditDebit ?? entry.creditDebit
        let parties = relatedParties(detail.relatedParties)
        let agents = relatedAgents(detail.relatedAgents)
        var getters: [String: GenkgoTree] = [
            "getAmount": detail.amount.map { money($0, direction) } ?? .null,
            "getAmountDetails": detail.amountDetails?.transaction.map { money($0, direction) } ?? .null,
            "getCharges": detail.charges.map(charges) ?? .null,
            "getCreditDebitIndicator": .string(direction.rawValue),
            "getReference": detail.references.map(references) ?? .null,
            "getRelatedAgent": agents.first ?? .null,
            "getRelatedAgents": .list(agents),
            "getRelatedParties": .list(parties),
            "getRelatedParty": parties.first ?? .null,
            "getRemittanceInformation": detail.remittanceInformation.map(remittance) ?? .null,
        ]
        getters["getAdditionalTransactionInformation"] = detail.additionalInformation.map { text in
            .instance(dto("AdditionalTransactionInformation"), ["getAdditionalTransactionInformation": .string(text)])
        } ?? .null
        getters["getBankTransactionCode"] = detail.bankTransactionCode.map(bankTransactionCode)
            ?? .instance(dto("BankTransactionCode"), ["getDomain": .null, "getProprietary": .null])
        getters["getRelatedDates"] = detail.relatedDates.map { dates in
            .instance(dto("RelatedDates"), ["getAcceptanceDateTime": utc(dates.acceptance)])
        } ?? .null
        getters["getReturnInformation"] = detail.returnInformation.map { info in
            let text = info.additionalInformation.first ?? ""
            return .instance(dto("ReturnInformation"), [
                "getCode": .text(info.reasonCode), "getAdditionalInformation": .string(text),
            ])
        } ?? .null
        return .instance(dto("EntryTransactionDetail"), getters)
    }
}
