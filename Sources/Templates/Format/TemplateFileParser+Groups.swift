import Core
import Yams

extension TemplateFileParser {
    /// `groups/NAME.yaml`: a group of administrations (and sub-groups) consolidated into one picture.
    func group(_ path: String) throws(TemplateError) -> GroupDefinition {
        guard let (r, node) = try yaml(path) else { throw TemplateError(path, 0, "the file cannot be read") }
        let m = try r.map(node, "a group", known: ["name", "title", "currency", "chart", "parent", "members", "mapping",
                                                   "translation", "accounts", "unrealisedProfit"])
        let name = try r.string(m, "name")!
        let expected = String(path.dropFirst("groups/".count).dropLast(".yaml".count))
        guard name == expected else {
            throw TemplateError(path, m.entries["name"]!.line, "the group is named '\(name)' but its file is \(path)",
                                hint: "make the name equal the file name")
        }
        let currencyText = try r.string(m, "currency")!
        let currency: CurrencyCode
        do { currency = try CurrencyCode(currencyText) } catch {
            throw TemplateError(path, m.entries["currency"]!.line, "'\(currencyText)' is not an ISO 4217 currency code")
        }
        func amount(_ map: YAMLReader.Map, _ key: String, _ currency: CurrencyCode) throws(TemplateError) -> Int64? {
            guard let value = try r.decimal(map, key) else { return nil }
            guard value.scale <= currency.minorDigits else {
                throw TemplateError(path, map.entries[key]!.line, "field '\(key)': \(value) has more decimals than \(currency)")
            }
            return value.mantissa * DecimalNumber.powerOfTen(currency.minorDigits - value.scale)
        }
        var members: [GroupMember] = []
        for item in try r.list(m.entries["members"]?.node ?? Node.scalar(.init("")), "members") {
            let e = try r.map(item, "a member", known: ["administration", "group", "ownership", "investment", "acquired",
                                                        "equityAtAcquisition", "rateAtAcquisition", "nci", "nciFairValue"])
            let administration = try r.string(e, "administration", required: false)
            let subgroup = try r.string(e, "group", required: false)
            guard (administration == nil) != (subgroup == nil) else {
                throw TemplateError(path, e.line, "a member is either an administration or a group", hint: "give exactly one of them")
            }
            let entity: GroupEntityReference = administration.map { .administration($0) } ?? .group(subgroup!)
            guard let ownership = try r.decimal(e, "ownership") else {
                throw TemplateError(path, e.line, "member \(entity): required field 'ownership' (percent) is missing")
            }
            guard ownership.mantissa > 0, ownership.mantissa <= 100 * DecimalNumber.powerOfTen(ownership.scale) else {
                throw TemplateError(path, e.entries["ownership"]!.line, "member \(entity): ownership must be above 0 and at most 100")
            }
            guard let acquired = try r.date(e, "acquired") else {
                throw TemplateError(path, e.line, "member \(entity): required field 'acquired' (YYYY-MM-DD) is missing")
            }
            let nci: NCIMeasurement
            switch try r.string(e, "nci", required: false) ?? "proportionate" {
            case "proportionate":
                guard !e.has("nciFairValue") else {
                    throw TemplateError(path, e.entries["nciFairValue"]!.line, "nciFairValue needs nci: fair-value")
                }
                nci = .proportionate
            case "fair-value":
                guard let value = try amount(e, "nciFairValue", currency) else {
                    throw TemplateError(path, e.line, "member \(entity): nci: fair-value needs nciFairValue (in \(currency))")
                }
                nci = .fairValue(value)
            case let other:
                throw TemplateError(path, e.entries["nci"]!.line, "field 'nci': '\(other)' is not proportionate or fair-value")
            }
            if let rate = try r.decimal(e, "rateAtAcquisition"), rate.mantissa <= 0 {
                throw TemplateError(path, e.entries["rateAtAcquisition"]!.line, "a rate must be positive")
            }
            members.append(GroupMember(entity: entity, ownership: ownership, investmentAccount: try r.string(e, "investment")!,
                                       acquired: acquired, equityAtAcquisition: try r.decimal(e, "equityAtAcquisition"),
                                       rateAtAcquisition: try r.decimal(e, "rateAtAcquisition"),
                                       nonControllingInterest: nci))
        }
        let keys = members.map(\.entity.key)
        if let twice = keys.first(where: { k in keys.filter { $0 == k }.count > 1 }) {
            throw TemplateError(path, m.entries["members"]!.line, "member \(twice) appears twice")
        }
        let parent = try r.string(m, "parent")!
        if keys.contains(parent) {
            throw TemplateError(path, m.entries["parent"]!.line, "the parent \(parent) cannot also be a member")
        }
        var mapping: [AccountMappingRow] = []
        for item in try r.list(m.entries["mapping"]?.node ?? Node.scalar(.init("")), "mapping") {
            let row = try r.map(item, "a mapping row", known: ["administration", "account", "to"])
            mapping.append(AccountMappingRow(administration: try r.string(row, "administration")!,
                                             account: try r.string(row, "account")!, groupAccount: try r.string(row, "to")!))
        }
        var translation: [String: TranslationMethod] = [:]
        if let (node, _) = m.entries["translation"] {
            guard case .mapping(let pairs) = node else {
                throw TemplateError(path, r.line(node), "translation must map group accounts to closing, average or historical")
            }
            for (key, value) in pairs {
                let account = try r.scalar(key, "an account"), raw = try r.scalar(value, "a method")
                guard let method = TranslationMethod(rawValue: raw) else {
                    throw TemplateError(path, r.line(value), "translation of \(account): '\(raw)' is not closing, average or historical")
                }
                translation[account] = method
            }
        }
        var accounts = ConsolidationAccounts()
        if let (node, _) = m.entries["accounts"] {
            let a = try r.map(node, "accounts", known: ["goodwill", "translationReserve", "nonControllingInterest",
                                                        "nonControllingResult", "bargainPurchase", "retainedEarnings"])
            accounts = ConsolidationAccounts(
                goodwill: try r.string(a, "goodwill", required: false),
                translationReserve: try r.string(a, "translationReserve", required: false),
                nonControllingInterest: try r.string(a, "nonControllingInterest", required: false),
                nonControllingResult: try r.string(a, "nonControllingResult", required: false),
                bargainPurchase: try r.string(a, "bargainPurchase", required: false),
                retainedEarnings: try r.string(a, "retainedEarnings", required: false))
        }
        var profits: [UnrealisedProfit] = []
        for item in try r.list(m.entries["unrealisedProfit"]?.node ?? Node.scalar(.init("")), "unrealisedProfit") {
            let u = try r.map(item, "an unrealised profit", known: ["period", "seller", "buyer", "amount", "inventory", "cost"])
            let period = try r.string(u, "period")!
            let parts = period.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
                throw TemplateError(path, u.entries["period"]!.line, "period '\(period)' must be a month, YYYY-MM")
            }
            guard let value = try amount(u, "amount", currency), value > 0 else {
                throw TemplateError(path, u.line, "an unrealised profit needs a positive amount (in \(currency))")
            }
            profits.append(UnrealisedProfit(year: year, month: month, seller: try r.string(u, "seller")!,
                                            buyer: try r.string(u, "buyer")!, amount: value,
                                            inventoryAccount: try r.string(u, "inventory")!, costAccount: try r.string(u, "cost")!))
        }
        return GroupDefinition(name: name, title: try r.string(m, "title", required: false) ?? name, currency: currency,
                               chart: try r.string(m, "chart", required: false) ?? "base", parent: parent,
                               members: members, mapping: mapping, translation: translation, accounts: accounts,
                               unrealisedProfits: profits)
    }
}
