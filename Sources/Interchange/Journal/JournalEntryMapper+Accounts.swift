import Core
import Ledger

extension JournalEntryMapper {
    /// The administration's account for a journal account name: the name itself as a code, else its first word
    /// (`13011 Debiteuren` → 13011); created when the options allow, else refused.
    mutating func accountCode(_ name: String, line: Int, session: inout ImportSession) throws -> String {
        if let code = accountCodes[name] { return code }
        let firstWord = name.split(separator: " ", maxSplits: 1).first.map(String.init) ?? name
        var code: String
        if session.account(name) != nil {
            code = name
        } else if firstWord != name, session.account(firstWord) != nil {
            code = firstWord
        } else {
            guard options.createAccounts else {
                throw error(line, "account '\(name)' does not exist in administration \(session.administration.id); "
                    + "add it, or import with --create-accounts")
            }
            let numbered = firstWord != name && firstWord.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }
            code = numbered ? firstWord : name
            let title = numbered ? String(name.dropFirst(firstWord.count + 1)) : (name.split(separator: ":").last.map(String.init) ?? name)
            guard let type = declared[name]?.type ?? options.accountTypes[name] ?? Self.inferredType(name) else {
                throw error(line, "account '\(name)': its type is unknown; declare it (`account \(name)  ; type: A`) "
                    + "or pass --type '\(name)=asset|liability|equity|revenue|expense'")
            }
            let normal: NormalSide = type == .asset || type == .expense ? .debit : .credit
            session.create(Account(code: code, name: title.isEmpty ? name : title, type: type, normalSide: normal))
        }
        accountCodes[name] = code
        return code
    }

    /// hledger's convention: the top-level name says the type (`Assets:Bank` is an asset).
    static func inferredType(_ name: String) -> AccountType? {
        let top = name.split(separator: ":").first.map { $0.lowercased() } ?? ""
        switch top {
        case "assets", "asset", "activa": return .asset
        case "liabilities", "liability", "debts", "passiva": return .liability
        case "equity": return .equity
        case "income", "revenue", "revenues": return .revenue
        case "expenses", "expense": return .expense
        default: return nil
        }
    }

    /// Posting tags: `relation`, `invoice`, `due`, `costcentre`, `vat`, `vatamount`.
    mutating func applyTags(_ tags: [String: String], to line: inout EntryLineDraft, base: CurrencyCode,
                            posting p: JournalPosting, session: inout ImportSession) throws {
        guard !tags.isEmpty else { return }
        if let relation = tags["relation"], !relation.isEmpty {
            if !checkedRelations.contains(relation) {
                if !session.hasRelation(relation) {
                    guard options.createRelations else {
                        throw error(p.line, "relation '\(relation)' does not exist in administration "
                            + "\(session.administration.id); add it, or import with --create-relations")
                    }
                    let role = session.account(line.account)?.control
                    let kind: RelationKind = role == .receivables ? .customer : role == .payables ? .supplier : .both
                    session.create(Relation(number: relation, name: tags["relationname"] ?? relation, kind: kind))
                }
                checkedRelations.insert(relation)
            }
            line.relation = relation
        }
        if let centre = tags["costcentre"], !centre.isEmpty {
            if !checkedCostCentres.contains(centre) {
                if !session.hasCostCentre(centre) {
                    guard options.createCostCentres else {
                        throw error(p.line, "cost centre '\(centre)' does not exist in administration "
                            + "\(session.administration.id); add it, or import with --create-cost-centres")
                    }
                    session.create(CostCentre(code: centre, name: centre))
                }
                checkedCostCentres.insert(centre)
            }
            line.costCentre = centre
        }
        if let invoice = tags["invoice"], !invoice.isEmpty { line.invoice = invoice }
        if let due = tags["due"] {
            do { line.dueDate = try LocalDate(parsing: due, field: "due") } catch {
                throw self.error(p.line, "tag due: '\(due)' is not a date (YYYY-MM-DD)")
            }
        }
        if let vat = tags["vat"], !vat.isEmpty { line.vatCode = vat }
        if let raw = tags["vatamount"] {
            do { line.vatAmount = try Money(parsing: raw, currency: base, field: "vatamount").minorUnits } catch {
                throw self.error(p.line, "tag vatamount: \(error.message)")
            }
        }
    }
}
