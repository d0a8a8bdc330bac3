import Core
import Foundation

/// Turns the elements the SAX reader collected into the CAMT model, refusing what a bookkeeper must fix (amounts,
/// currencies, dates, credit/debit indicators) with the file, line and element.
struct CAMTDecoder {
    let file: String
    let kind: CAMTMessageKind

    func error(_ node: CAMTNode, _ message: String) -> InterchangeError {
        InterchangeError(file: file, line: node.line, message)
    }

    /// The child `name` of `node`, which the schema requires; `what` says what the parent is, for the message.
    func required(_ node: CAMTNode, _ name: String, _ what: String) throws(InterchangeError) -> CAMTNode {
        guard let child = node.child(name) else { throw error(node, "<\(node.name)> has no <\(name)>: \(what)") }
        return child
    }

    // MARK: - Values

    /// An amount element (`Amt`, `TtlAmt`…) with its `Ccy` attribute, exactly in the currency's minor units.
    func money(_ node: CAMTNode) throws(InterchangeError) -> Money {
        guard let code = node.attributes["Ccy"] else {
            throw error(node, "<\(node.name)> '\(node.value)' has no Ccy attribute (its currency, e.g. Ccy=\"EUR\")")
        }
        return try amount(node.value, currency: currency(code, node), node)
    }

    /// A currency code that ISO 4217 lists.
    func currency(_ code: String, _ node: CAMTNode) throws(InterchangeError) -> CurrencyCode {
        guard ISO4217.codes.contains(code), let currency = try? CurrencyCode(code) else {
            throw error(node, "<\(node.name)> names currency '\(code)', "
                + "which is not an ISO 4217 currency code (e.g. EUR)")
        }
        return currency
    }

    /// An unsigned decimal amount (`1234.56`). Zeros beyond the currency's decimals are allowed (`8.850` EUR is
    /// 8.85), other digits there are not: they would be lost.
    func amount(_ text: String, currency: CurrencyCode, _ node: CAMTNode) throws(InterchangeError) -> Money {
        let element = "<\(node.name)> '\(text)'"
        if text.contains(",") {
            throw error(node, "\(element) has a decimal comma; CAMT writes amounts with a point (e.g. 12.50)")
        }
        if text.hasPrefix("-") || text.hasPrefix("+") {
            throw error(node, "\(element) has a sign; CAMT amounts are unsigned, <CdtDbtInd> gives the direction")
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw error(node, "\(element) is not an amount (write e.g. 1234.56)")
        }
        var fraction = parts.count == 2 ? parts[1] : ""
        while fraction.count > currency.minorDigits, fraction.last == "0" { fraction = fraction.dropLast() }
        if fraction.count > currency.minorDigits {
            throw error(node, "\(element) has more decimals than \(currency) allows (\(currency.minorDigits))")
        }
        let exact = fraction.isEmpty ? String(parts[0]) : parts[0] + "." + fraction
        guard let money = try? Money(parsing: exact, currency: currency, field: node.name) else {
            throw error(node, "\(element) is not an amount (write e.g. 1234.56)")
        }
        return money
    }

    /// `CRDT` or `DBIT`.
    func creditDebit(_ node: CAMTNode, of what: String) throws(InterchangeError) -> CAMTCreditDebit {
        guard let value = CAMTCreditDebit(rawValue: node.value) else {
            throw error(node, "<CdtDbtInd> '\(node.value)' of \(what) is neither CRDT (credit, money in) "
                + "nor DBIT (debit, money out)")
        }
        return value
    }

    /// An ISO date, `YYYY-MM-DD`; a time-zone suffix the schema allows (`Z`, `+01:00`) says nothing about the day.
    func day(_ node: CAMTNode) throws(InterchangeError) -> LocalDate {
        var text = node.value
        if text.count == 11 && text.hasSuffix("Z") { text.removeLast() }
        if text.count == 16, let sign = text.dropFirst(10).first, sign == "+" || sign == "-" { text.removeLast(6) }
        guard let day = try? LocalDate(parsing: text) else {
            throw error(node, "<\(node.name)> '\(node.value)' is not a date (YYYY-MM-DD, e.g. 2015-01-31)")
        }
        return day
    }

    /// An ISO date and time, `YYYY-MM-DDThh:mm:ss` with an optional fraction and offset.
    func dateTime(_ node: CAMTNode) throws(InterchangeError) -> CAMTDateTime {
        guard let moment = CAMTDateTime(iso: node.value) else {
            throw error(node, "<\(node.name)> '\(node.value)' is not a date and time "
                + "(YYYY-MM-DDThh:mm:ss, e.g. 2015-01-31T18:43:50+01:00)")
        }
        return moment
    }

    /// A date given as `Dt` or `DtTm` inside `node`, or (older versions) as `node`'s own text.
    func date(_ node: CAMTNode) throws(InterchangeError) -> CAMTDate {
        if let day = node.child("Dt") { return .date(try self.day(day)) }
        if let moment = node.child("DtTm") { return .dateTime(try dateTime(moment)) }
        guard node.children.isEmpty else { throw error(node, "<\(node.name)> has neither <Dt> nor <DtTm>") }
        return node.value.contains("T") ? .dateTime(try dateTime(node)) : .date(try day(node))
    }

    /// `true`/`false` (or `1`/`0`).
    func boolean(_ node: CAMTNode) throws(InterchangeError) -> Bool {
        switch node.value {
        case "true", "1": return true
        case "false", "0": return false
        default: throw error(node, "<\(node.name)> '\(node.value)' is neither true nor false")
        }
    }

    /// The text of a code that is given as the element itself or, in later versions, as its `Cd` or `Prtry`.
    func code(_ node: CAMTNode?) -> String? {
        guard let node else { return nil }
        return node.text("Cd") ?? node.text("Prtry", "Id") ?? node.text("Prtry") ?? node.value
    }

    // MARK: - Header and records

    func groupHeader(_ node: CAMTNode) throws(InterchangeError) -> CAMTGroupHeader {
        let what = "the group header needs the message's identification and creation time"
        return CAMTGroupHeader(
            messageID: try required(node, "MsgId", what).value,
            createdOn: try dateTime(try required(node, "CreDtTm", what)),
            recipient: try node.child("MsgRcpt").map(party),
            pagination: try node.child("MsgPgntn").map(pagination),
            additionalInformation: node.text("AddtlInf"))
    }

    func pagination(_ node: CAMTNode) throws(InterchangeError) -> CAMTPagination {
        CAMTPagination(pageNumber: node.text("PgNb") ?? "", lastPage: try node.child("LastPgInd").map(boolean) ?? false)
    }

    func record(_ node: CAMTNode, entries: [CAMTEntry]) throws(InterchangeError) -> CAMTRecord {
        let name = kind.recordName
        let id = try required(node, "Id", "every \(name) needs its identification").value
        let information = ["AddtlStmtInf", "AddtlRptInf", "AddtlNtfctnInf"].lazy.compactMap { node.text($0) }.first
        return CAMTRecord(
            id: id,
            electronicSequenceNumber: node.text("ElctrncSeqNb"),
            legalSequenceNumber: node.text("LglSeqNb"),
            createdOn: try node.child("CreDtTm").map(dateTime),
            fromDateTime: try node.node("FrToDt", "FrDtTm").map(dateTime),
            toDateTime: try node.node("FrToDt", "ToDtTm").map(dateTime),
            copyDuplicateIndicator: node.text("CpyDplctInd"),
            pagination: try (node.child("StmtPgntn") ?? node.child("RptPgntn") ?? node.child("NtfctnPgntn"))
                .map(pagination),
            account: try account(try required(node, "Acct", "\(name) \(id) does not say which account it is for")),
            balances: try node.all("Bal").map(balance),
            entries: entries,
            additionalInformation: information,
            line: node.line)
    }

    /// `Acct`, `DbtrAcct` or `CdtrAcct`.
    func account(_ node: CAMTNode) throws(InterchangeError) -> CAMTAccount {
        let id = try required(node, "Id", "an account needs an IBAN or another identification")
        let identification: CAMTAccountIdentification
        if let iban = id.text("IBAN") {
            identification = .iban(iban)
        } else if let other = id.child("Othr") {
            identification = .other(try generic(other))
        } else {
            throw error(id, "<\(node.name)> has neither <IBAN> nor <Othr>: the account cannot be identified")
        }
        return CAMTAccount(identification: identification, type: code(node.child("Tp")),
                           currency: try node.child("Ccy").map { (ccy) throws(InterchangeError) in
                               try currency(ccy.value, ccy)
                           },
                           name: node.text("Nm"))
    }

    /// `Othr` of an account, organisation or person.
    func generic(_ node: CAMTNode) throws(InterchangeError) -> CAMTGenericIdentification {
        CAMTGenericIdentification(id: try required(node, "Id", "another identification needs its Id").value,
                                  schemeCode: node.text("SchmeNm", "Cd"),
                                  schemeProprietary: node.text("SchmeNm", "Prtry"),
                                  issuer: node.text("Issr"))
    }

    func balance(_ node: CAMTNode) throws(InterchangeError) -> CAMTBalance {
        let type = node.text("Tp", "CdOrPrtry", "Cd") ?? node.text("Tp", "CdOrPrtry", "Prtry") ?? "of unknown type"
        let what = "balance \(type) needs an amount, CRDT or DBIT and a date"
        return CAMTBalance(
            typeCode: node.text("Tp", "CdOrPrtry", "Cd"),
            typeProprietary: node.text("Tp", "CdOrPrtry", "Prtry"),
            subType: code(node.node("Tp", "SubTp")),
            amount: try money(try required(node, "Amt", what)),
            creditDebit: try creditDebit(try required(node, "CdtDbtInd", what), of: "balance \(type)"),
            date: try date(try required(node, "Dt", what)))
    }
}
