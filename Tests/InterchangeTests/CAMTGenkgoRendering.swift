import Core
import Interchange

/// Renders our CAMT model as genkgo/camt's getters would return it, so the samples' expected parses can be compared
/// leaf by leaf. The model keeps what the bank wrote; genkgo's own conventions are applied here, each one named:
/// - `Money`: genkgo signs amounts by `CdtDbtInd` (DBIT negative); the model keeps them unsigned.
/// - `DateTimeImmutable`: the dump writes every moment in UTC and a bare date as midnight UTC (`utc(_:)`).
/// - `getIndex`: an entry's position in its record, genkgo's bookkeeping rather than anything in the file.
/// - `Message::getEntries`: PHP's `iterator_to_array` keeps keys, so entry n of a later record overwrites entry n
///   of an earlier one (`phpEntries(_:)`).
/// - Absent texts genkgo casts to `""`: `Entry::getAdditionalInfo`, a proprietary code's issuer, an agent's BIC/name.
/// - Derived getters: `getBic` and `getBei` both from `BICOrBEI`, `getIdentification` the last id set,
///   the legacy `RemittanceInformation::getMessage`/`getCreditorReferenceInformation`, first-of-list getters.
/// - Fixed ones: a transaction's `getBankTransactionCode` is always an object, its `getCreditDebitIndicator` the
///   entry's when it has none; a private identification's `getIdentification` is null; elements that version 02–08
///   schemas do not have (`TaxIdNb`, `DUNS`…) are null.
enum CAMTGenkgoRendering {
    static func dto(_ name: String) -> String { #"Genkgo\Camt\DTO\"# + name }

    static func message(_ message: CAMTMessage) -> GenkgoTree {
        .instance(dto("Message"), [
            "getGroupHeader": groupHeader(message.groupHeader),
            "getRecords": .list(message.records.map { record($0, kind: message.kind) }),
            "getEntries": .list(phpEntries(message)),
        ])
    }

    /// `Message::getEntries()` as PHP's `iterator_to_array` builds it: keyed by index within the record, so a later
    /// record's entry n replaces an earlier record's entry n.
    static func phpEntries(_ message: CAMTMessage) -> [GenkgoTree] {
        var byIndex: [GenkgoTree] = []
        for record in message.records {
            let recordTree = self.record(record, kind: message.kind)
            for (index, entry) in record.entries.enumerated() {
                let tree = self.entry(entry, index: index, record: recordTree)
                if index < byIndex.count { byIndex[index] = tree } else { byIndex.append(tree) }
            }
        }
        return byIndex
    }

    static func money(_ amount: Money, _ direction: CAMTCreditDebit?) -> GenkgoTree {
        let signed = direction.map { $0.signed(amount) } ?? amount
        return .instance(#"Money\Money"#, [
            "getAmount": .string(String(signed.minorUnits)),
            "getCurrency": .instance(#"Money\Currency"#, ["getCode": .string(amount.currency.code)]),
        ])
    }

    /// A moment as the dump writes it: converted to UTC by whole minutes (no time zone database); a local time
    /// without offset is taken as UTC, as PHP does with the dumper's default zone.
    static func utc(_ date: CAMTDate?) -> GenkgoTree {
        guard let date else { return .null }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day: LocalDate, minutes: Int, second: Int
        switch date {
        case .date(let d):
            (day, minutes, second) = (d, 0, 0)
        case .dateTime(let moment):
            let local = moment.hour * 60 + moment.minute - (moment.offsetMinutes ?? 0)
            let shift = local < 0 ? -1 : (local >= 1440 ? 1 : 0)
            day = LocalDate(dayNumber: moment.date.dayNumber + shift)
            (minutes, second) = (local - shift * 1440, moment.second)
        }
        let text = "\(day)T\(two(minutes / 60)):\(two(minutes % 60)):\(two(second))+00:00"
        return .instance("DateTimeImmutable", ["0": .string(text)])
    }

    static func utc(_ moment: CAMTDateTime?) -> GenkgoTree { utc(moment.map { CAMTDate.dateTime($0) }) }

    static func groupHeader(_ header: CAMTGroupHeader) -> GenkgoTree {
        .instance(dto("GroupHeader"), [
            "getAdditionalInformation": .text(header.additionalInformation),
            "getCreatedOn": utc(header.createdOn),
            "getMessageId": .string(header.messageID),
            "getMessageRecipient": header.recipient.map(recipient) ?? .null,
            "getPagination": pagination(header.pagination),
        ])
    }

    static func pagination(_ pagination: CAMTPagination?) -> GenkgoTree {
        pagination.map { .instance(dto("Pagination"), ["getPageNumber": .string($0.pageNumber)]) } ?? .null
    }

    /// genkgo's `Recipient` reads an organisation's identification only.
    static func recipient(_ party: CAMTParty) -> GenkgoTree {
        var identification = GenkgoTree.null
        if case .organisation(let organisation)? = party.identification {
            identification = self.organisation(organisation)
        }
        return .instance(dto("Recipient"), [
            "getAddress": party.postalAddress.map(address) ?? .null,
            "getContactDetails": party.contactDetails.map(contactDetails) ?? .null,
            "getCountryOfResidence": .text(party.countryOfResidence),
            "getIdentification": identification,
            "getName": .text(party.name),
        ])
    }

    static func address(_ address: CAMTPostalAddress) -> GenkgoTree {
        .instance(dto("Address"), [
            "getAddressLines": .list(address.addressLines.map { .string($0) }),
            "getBuildingNumber": .text(address.buildingNumber), "getCountry": .text(address.country),
            "getCountrySubDivision": .text(address.countrySubDivision), "getDepartment": .text(address.department),
            "getPostCode": .text(address.postCode), "getStreetName": .text(address.streetName),
            "getSubDepartment": .text(address.subDepartment), "getTownName": .text(address.townName),
        ])
    }

    static func contactDetails(_ contact: CAMTContactDetails) -> GenkgoTree {
        .instance(dto("ContactDetails"), [
            "getNamePrefix": .text(contact.namePrefix), "getName": .text(contact.name),
            "getPhoneNumber": .text(contact.phoneNumber), "getMobileNumber": .text(contact.mobileNumber),
            "getFaxNumber": .text(contact.faxNumber), "getEmailAddress": .text(contact.emailAddress),
            "getOther": .text(contact.other),
        ])
    }

    static func organisation(_ id: CAMTOrganisationIdentification) -> GenkgoTree {
        let other = id.other.first
        let bic = id.bicOrBEI ?? id.anyBIC
        let absent: [String: GenkgoTree] = [
            "getBankPartyId": .null, "getChipsUniversalId": .null, "getDuns": .null, "getEangln": .null,
            "getIbei": .null, "getIssuer": .null, "getOtherType": .null, "getTaxId": .null,
        ]
        return .instance(dto("OrganisationIdentification"), absent.merging([
            "getBei": .text(id.bicOrBEI), "getBic": .text(bic),
            "getIdentification": .text(other?.id ?? id.bicOrBEI ?? bic),
            "getOtherId": .text(other?.id), "getOtherIssuer": .text(other?.issuer),
            "getOtherSchemeName": .text(other?.schemeProprietary ?? other?.schemeCode),
        ]) { a, _ in a })
    }

    static func person(_ id: CAMTPersonIdentification) -> GenkgoTree {
        let other = id.other.first
        return .instance(dto("PrivateIdentification"), [
            "getBirthDate": utc(id.birthDate.map { CAMTDate.date($0) }), "getCityOfBirth": .text(id.cityOfBirth),
            "getCountryOfBirth": .text(id.countryOfBirth), "getIdentification": .null,
            "getOtherId": .text(other?.id), "getOtherIssuer": .text(other?.issuer),
            "getOtherSchemeName": .text(other?.schemeProprietary ?? other?.schemeCode),
            "getProvinceOfBirth": .text(id.provinceOfBirth),
        ])
    }

    static func account(_ account: CAMTAccount?) -> GenkgoTree {
        guard let account else { return .null }
        switch account.identification {
        case .iban(let iban):
            return .instance(dto("IbanAccount"), [
                "getIban": .instance(#"Genkgo\Camt\Iban"#, ["getIban": .string(iban)]),
                "getIdentification": .string(iban), "getName": .text(account.name),
            ])
        case .other(let other):
            return .instance(dto("OtherAccount"), [
                "getIdentification": .string(other.id), "getIssuer": .text(other.issuer),
                "getSchemeName": .text(other.schemeProprietary ?? other.schemeCode),
            ])
        }
    }
}
