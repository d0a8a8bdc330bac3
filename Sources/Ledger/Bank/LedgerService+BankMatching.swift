public import Core
import Store

/// What automatic matching did: per line the items it settles or why it is left to process, and the entries posted.
public struct BankMatchReport: Sendable, Codable, Equatable {
    public var outcomes: [BankMatchOutcome]
    public var posted: Int
    public var dryRun: Bool

    public var matched: [BankMatchOutcome] { outcomes.filter(\.isMatched) }
    public var toProcess: [BankMatchOutcome] { outcomes.filter { !$0.isMatched } }
}

/// How a person processes a bank line by hand: against open items they name, or onto an account.
public enum BankPosting: Sendable, Hashable {
    /// Against these invoices (each optionally with the relation, when an invoice number is not unique, and the
    /// amount, when it pays part); what the invoices do not take goes to `rest` (payment differences, bank costs).
    case openItems([InvoicePayment], rest: String? = nil)
    /// Onto one account, optionally with a VAT code (the line is then gross), relation and cost centre.
    case account(String, vatCode: String? = nil, relation: String? = nil, costCentre: String? = nil,
                 description: String? = nil)

    /// One invoice a manual match pays.
    public struct InvoicePayment: Sendable, Hashable {
        public var invoice: String
        public var relation: String?
        /// Signed as the bank line; nil: what the invoice has open (or what is left of the line).
        public var amount: Int64?

        public init(invoice: String, relation: String? = nil, amount: Int64? = nil) {
            self.invoice = invoice
            self.relation = relation
            self.amount = amount
        }
    }
}

extension LedgerService {
    /// Matches every line to process against the open items and posts each match in the bank journal, in one
    /// transaction; lines that match nothing unambiguously, or cannot be posted (a closed period), stay to process.
    public func matchBankLines(_ admin: String, dryRun: Bool = false) async throws -> BankMatchReport {
        /// The lines to process, the items (open and settled) and a matcher over them; nothing more is read when
        /// there is no line.
        @Sendable func prepare(_ tx: StoreTransaction) throws -> (BankMatcher, [OpenItem], [BankStatementLine])? {
            guard let administration = try tx.administration(admin) else { throw LedgerError.notFound(admin) }
            let lines = try tx.bankLines(admin, unprocessedOnly: true)
            guard !lines.isEmpty else { return nil }
            let items = try tx.openItems(admin, includeSettled: true)
            return (BankMatcher(openItems: items, relations: try tx.relations(admin), currency: administration.currency),
                    items, lines)
        }
        if dryRun {
            return try await read(admin) { tx in
                guard let (found, _, lines) = try prepare(tx) else { return BankMatchReport(outcomes: [], posted: 0, dryRun: true) }
                var matcher = found
                return BankMatchReport(outcomes: matcher.match(lines), posted: 0, dryRun: true)
            }
        }
        return try await write(admin) { tx in
            guard let (found, items, lines) = try prepare(tx) else { return BankMatchReport(outcomes: [], posted: 0, dryRun: false) }
            var matcher = found
            let journals = try tx.journals(admin)
            var session = try PostingSession(tx: tx, admin: admin)
            session.know(items)
            try session.loadAllRelations()  // the matcher read them all too: one read instead of one per relation
            var outcomes: [BankMatchOutcome] = []
            var posted = 0
            // Line by line, in date order as the store gives them: a match that cannot be posted leaves its items
            // open for the lines after it.
            for line in lines {
                let outcome = matcher.propose(line)
                guard let rule = outcome.rule else { outcomes.append(outcome); continue }
                let draft = try Self.bankEntry(line, journals: journals, counter: outcome.allocations.map {
                    EntryLineDraft(account: $0.account, amount: -$0.amount, relation: $0.relation, invoice: $0.invoice)
                })
                // The line's own key: an entry already under it (processed before the line was marked) is reused.
                if let existing = try session.replayed(draft) {
                    try tx.markProcessed(bankLine: line.id, entry: existing.id, by: rule.rawValue)
                    matcher.accept(outcome)
                    outcomes.append(outcome)
                    continue
                }
                try session.loadRelations(of: draft)
                let checked: (period: Period, lines: [PostedLine])
                do { checked = try PostingRules.validate(draft, in: session.context) } catch let error as LedgerError {
                    outcomes.append(.toProcess(line.id, "it matches, but cannot be posted: \(error.description)"))
                    continue
                }
                let entry = try session.write(draft, period: checked.period, lines: checked.lines)
                try tx.markProcessed(bankLine: line.id, entry: entry.id, by: rule.rawValue)
                matcher.accept(outcome)
                outcomes.append(outcome)
                posted += 1
            }
            try session.finish()
            return BankMatchReport(outcomes: outcomes, posted: posted, dryRun: false)
        }
    }

    /// Processes one bank line by hand, in one transaction: the entry, the settled items, the line marked.
    public func postBankLine(_ id: Int64, in admin: String, _ posting: BankPosting) async throws -> PostedEntry {
        try await write(admin) { tx in
            guard let line = try tx.bankLine(admin, id: id) else {
                throw LedgerError.notFound("bank line \(id) does not exist in administration \(admin)")
            }
            guard line.entryID == nil else {
                throw LedgerError("already-processed", "line", "bank line \(id) was already processed (entry id \(line.entryID!))")
            }
            let counter: [EntryLineDraft]
            switch posting {
            case .openItems(let payments, let rest):
                counter = try Self.allocate(line, payments, rest: rest, items: try tx.openItems(admin), admin: admin)
            case .account(let code, let vatCode, let relation, let centre, let text):
                counter = try Self.accountLines(line, code, vatCode: vatCode, relation: relation, costCentre: centre,
                                                description: text, vatCodes: try tx.vatCodes(admin))
            }
            var session = try PostingSession(tx: tx, admin: admin)
            let entry = try session.post(try Self.bankEntry(line, journals: try tx.journals(admin), counter: counter)).entry
            try session.finish()
            try tx.markProcessed(bankLine: id, entry: entry.id, by: "manual")
            return entry
        }
    }

    /// The bank entry for a line: the bank account takes the line's amount, `counter` the other side.
    static func bankEntry(_ line: BankStatementLine, journals: [Journal], counter: [EntryLineDraft]) throws -> EntryDraft {
        guard let journal = journals.first(where: { $0.kind == .bank && $0.account == line.account })
            ?? journals.first(where: { $0.kind == .bank })
        else { throw LedgerError("no-bank-journal", "journal", "the administration has no journal of kind bank") }
        let who = line.counterpartyName.map { $0 + ": " } ?? ""
        let text = String((who + line.description).prefix(120))
        return EntryDraft(journal: journal.code, date: line.date, description: text.isEmpty ? "Bank" : text,
                          source: "bank", reference: line.reference,
                          lines: [EntryLineDraft(account: line.account, amount: line.amount.minorUnits)] + counter)
    }
}
