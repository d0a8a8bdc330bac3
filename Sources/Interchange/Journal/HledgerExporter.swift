import Core
import Foundation
public import Ledger

/// Writes an administration as an hledger journal: account declarations with types, one transaction per entry,
/// exact amounts with their currency, foreign amounts at their cost (`100.00 USD @@ 92.00 EUR`), and the
/// ledger's own fields as tags so `import journal` can read the file back without loss.
public struct HledgerExporter: Sendable {
    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

    /// The journal text of `admin`.
    public func export(_ admin: String) async throws -> String {
        let summary = try await ledger.summary(admin)
        let accounts = try await ledger.accounts(admin)
        let entries = try await ledger.entries(admin)
        let a = summary.administration
        let names = Dictionary(accounts.map { ($0.code, Self.accountName($0)) }, uniquingKeysWith: { x, _ in x })
        var out = """
            ; LedgerOps export of administration \(a.id) (\(Self.clean(a.name))), amounts in \(a.currency)
            ; \(entries.count) entries; tags carry relation, invoice, due date, cost centre, VAT code and VAT amount.

            """
        var currencies: Set<CurrencyCode> = [a.currency]
        for e in entries { for l in e.lines { if let c = l.currency { currencies.insert(c) } } }
        for c in currencies.sorted() {
            out += "commodity " + Money.format(DecimalNumber.powerOfTen(3 + c.minorDigits), digits: c.minorDigits) + " \(c)\n"
        }
        out += "\n"
        for account in accounts {
            out += "account \(names[account.code]!)  ; type: \(Self.typeCode(account))\n"
        }
        for e in entries {
            out += "\n"
            out += "\(e.date) * (\(e.number)) \(Self.clean(e.description))  ; journal:\(e.journal)"
            if e.kind != .standard { out += ", kind:\(e.kind.rawValue)" }
            out += "\n"
            for l in e.lines {
                out += "    \(names[l.account] ?? l.account)  "
                let base = Money.format(l.amount, digits: a.currency.minorDigits)
                if let currency = l.currency, let foreign = l.foreignAmount {
                    out += Money.format(foreign, digits: currency.minorDigits) + " \(currency) @@ "
                        + Money.format(abs(l.amount), digits: a.currency.minorDigits) + " \(a.currency)"
                } else {
                    out += base + " \(a.currency)"
                }
                var tags: [String] = []
                if let r = l.relation { tags.append("relation:\(Self.tagValue(r))") }
                if let i = l.invoice { tags.append("invoice:\(Self.tagValue(i))") }
                if let d = l.dueDate { tags.append("due:\(d)") }
                if let c = l.costCentre { tags.append("costcentre:\(Self.tagValue(c))") }
                if let v = l.vatCode { tags.append("vat:\(v)") }
                if let v = l.vatAmount { tags.append("vatamount:" + Money.format(v, digits: a.currency.minorDigits)) }
                if !tags.isEmpty { out += "  ; " + tags.joined(separator: ", ") }
                out += "\n"
            }
        }
        return out
    }

    /// `13011 Debiteuren`: the code first, so an import finds the account by it; no `;`, tabs or double spaces.
    static func accountName(_ account: Account) -> String {
        clean("\(account.code) \(account.name)").replacingOccurrences(of: ":", with: "-")
    }

    static func typeCode(_ account: Account) -> String {
        if account.control == .bank || account.control == .cash { return "C" }
        switch account.type {
        case .asset: return "A"
        case .liability: return "L"
        case .equity: return "E"
        case .revenue: return "R"
        case .expense: return "X"
        }
    }

    /// Text on one line without a comment start or a double space, which the journal format would misread.
    static func clean(_ text: String) -> String {
        var s = text.replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        return s.trimmingCharacters(in: .whitespaces)
    }

    static func tagValue(_ text: String) -> String { clean(text).replacingOccurrences(of: ",", with: " ") }
}
