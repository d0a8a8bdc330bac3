import Foundation

/// A complete chart: GL accounts, VAT codes and journals, checked to hang together.
public struct ChartOfAccounts: Hashable, Sendable {
    public var accounts: [Account]
    public var vatCodes: [VATCode]
    public var journals: [Journal]

    public init(accounts: [Account], vatCodes: [VATCode], journals: [Journal]) {
        self.accounts = accounts
        self.vatCodes = vatCodes
        self.journals = journals
    }

    public func account(_ code: String) -> Account? { accounts.first { $0.code == code } }

    /// The account that plays `role`, if any.
    public func account(for role: ControlRole) -> Account? { accounts.first { $0.control == role } }

    /// Every reason this chart cannot run a ledger, each naming the row or code; empty when it can.
    public func problems() -> [CoreError] {
        var problems: [CoreError] = []
        var seen = Set<String>()
        for a in accounts where !seen.insert(a.code).inserted {
            problems.append(CoreError("accounts.csv", "account \(a.code) appears twice"))
        }
        let codes = Set(accounts.map(\.code))
        let vat = Set(vatCodes.map(\.code))
        for role in ControlRole.allCases {
            let holders = accounts.filter { $0.control == role }
            if holders.count > 1 {
                problems.append(CoreError("accounts.csv", "control role \(role.rawValue) is given to "
                    + holders.map(\.code).joined(separator: ", ") + "; give it to one account"))
            } else if holders.isEmpty && ControlRole.required.contains(role) {
                problems.append(CoreError("accounts.csv", "no account has control role \(role.rawValue)"))
            }
        }
        for a in accounts {
            if let v = a.vatCode, !vat.contains(v) {
                problems.append(CoreError("accounts.csv", "account \(a.code) names VAT code \(v), which does not exist"))
            }
        }
        var seenVAT = Set<String>()
        for v in vatCodes {
            if !seenVAT.insert(v.code).inserted {
                problems.append(CoreError("vat.yaml", "VAT code \(v.code) appears twice"))
            }
            for (field, code) in [("payableAccount", v.payableAccount), ("receivableAccount", v.receivableAccount)] {
                if let code, !codes.contains(code) {
                    problems.append(CoreError("vat.yaml", "VAT code \(v.code) \(field) \(code) is not in the chart"))
                }
            }
            let needsPayable = v.kind == .sales || v.kind == .reverseCharge
            let needsReceivable = v.kind == .purchase || v.kind == .reverseCharge
            if !v.rate.isZero && needsPayable && v.payableAccount == nil {
                problems.append(CoreError("vat.yaml", "VAT code \(v.code) (\(v.kind.rawValue)) needs a payableAccount"))
            }
            if !v.rate.isZero && needsReceivable && v.receivableAccount == nil {
                problems.append(CoreError("vat.yaml", "VAT code \(v.code) (\(v.kind.rawValue)) needs a receivableAccount"))
            }
        }
        for j in journals {
            if let code = j.account, !codes.contains(code) {
                problems.append(CoreError("journals.yaml", "journal \(j.code) account \(code) is not in the chart"))
            }
        }
        return problems
    }
}

extension ChartOfAccounts {
    /// Parses `accounts.csv` (`code,name,type,normal,rgs,vat,control`, optionally `active` and `renamed_from`);
    /// errors name `file:line` and the column.
    public static func parseAccounts(csv text: String, file: String = "accounts.csv") throws(CoreError) -> [Account] {
        try parseAccountRows(csv: text, file: file).map(\.account)
    }

    /// Like `parseAccounts`, with the line each account is on.
    public static func parseAccountRows(csv text: String, file: String = "accounts.csv") throws(CoreError)
        -> [(account: Account, line: Int)]
    {
        let records = try CSVReader().records(in: text, file: file)
        guard let header = records.first else { throw CoreError(file, "the file is empty") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func index(_ name: String, required: Bool = true) throws(CoreError) -> Int? {
            if let i = columns.firstIndex(of: name) { return i }
            if required { throw CoreError("\(file):\(header.line)", "missing column '\(name)'") }
            return nil
        }
        guard let iCode = try index("code"), let iName = try index("name"), let iType = try index("type"),
              let iNormal = try index("normal")
        else { throw CoreError(file, "missing columns") }
        let iRGS = try index("rgs", required: false), iVAT = try index("vat", required: false)
        let iControl = try index("control", required: false), iActive = try index("active", required: false)
        let iRenamed = try index("renamed_from", required: false)
        var accounts: [(account: Account, line: Int)] = []
        for record in records.dropFirst() {
            let at = "\(file):\(record.line)"
            guard record.fields.count == columns.count else {
                throw CoreError(at, "expected \(columns.count) fields, found \(record.fields.count)")
            }
            func value(_ i: Int?) -> String? {
                guard let i else { return nil }
                let v = record.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            guard let code = value(iCode) else { throw CoreError(at, "column 'code' is empty") }
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                throw CoreError(at, "account code '\(code)' may hold only letters, digits, '.' and '-'")
            }
            guard let name = value(iName) else { throw CoreError(at, "column 'name' is empty for account \(code)") }
            guard let type = value(iType).flatMap(AccountType.init(rawValue:)) else {
                throw CoreError(at, "column 'type' must be one of "
                    + AccountType.allCases.map(\.rawValue).joined(separator: "|"))
            }
            guard let normal = value(iNormal).flatMap(NormalSide.init(rawValue:)) else {
                throw CoreError(at, "column 'normal' must be debit or credit")
            }
            var control: ControlRole?
            if let raw = value(iControl) {
                guard let role = ControlRole(rawValue: raw) else {
                    throw CoreError(at, "column 'control': unknown role '\(raw)'")
                }
                control = role
            }
            var active = true
            if let raw = value(iActive) {
                guard let flag = ["true": true, "yes": true, "1": true, "false": false, "no": false, "0": false][raw.lowercased()]
                else { throw CoreError(at, "column 'active' must be true or false") }
                active = flag
            }
            accounts.append((Account(code: code, name: name, type: type, normalSide: normal, rgsCode: value(iRGS),
                                     vatCode: value(iVAT), control: control, active: active,
                                     renamedFrom: value(iRenamed)), record.line))
        }
        return accounts
    }
}
