import Core
import Store

/// Posts entries inside one store transaction, loading the administration's context once for many entries.
///
/// Balance changes are summed in memory and entry numbers handed out from a counter; `finish()` writes both,
/// so a batch of a million entries costs one upsert per (account, period, cost centre), not one per line.
/// Every caller must call `finish()` before its transaction ends.
struct PostingSession {
    let tx: StoreTransaction
    let admin: String
    private(set) var context: PostingContext
    private var pendingBalances: [BalanceKey: AccountTotals] = [:]
    private var pendingVAT: [VATKey: (base: Int64, vat: Int64)] = [:]
    private var nextNumber: Int64
    private var firstNumber: Int64
    /// Sources already used in this administration: only those need the idempotency lookup.
    private var usedSources: [String: Bool] = [:]
    private var postedReferences: Set<String> = []
    private var writer: EntryWriter?
    /// Set by importers whose references are unique by construction: no in-session replay check is needed.
    var referencesAreUnique = false
    /// Set when SQLite does not check foreign keys per row (bulk imports): `finish()` then confirms every
    /// distinct key written exists.
    var confirmsReferences = false
    private var writtenJournals: Set<String> = []
    private var writtenRelations: Set<String> = []
    private var lastJournal = ""

    /// Open items the caller has read already (bank matching reads them all), by account, relation and invoice:
    /// a settlement finds its item here before asking the store.
    private var knownOpenItems: [OpenItemKey: Int64] = [:]

    private struct OpenItemKey: Hashable {
        var account: String, relation: String, invoice: String
    }

    private struct BalanceKey: Hashable {
        var year: Int, period: Int, account: String, costCentre: String?
    }

    private struct VATKey: Hashable {
        var year: Int, period: Int, code: String, relation: String?
    }

    /// Set when accounts are loaded as entries name them rather than all at once (a session posting one entry
    /// into a chart of hundreds of accounts).
    private let accountsOnDemand: Bool

    init(tx: StoreTransaction, admin: String, accountsOnDemand: Bool = false) throws {
        guard let administration = try tx.administration(admin) else {
            throw LedgerError.notFound("administration \(admin) does not exist")
        }
        self.tx = tx
        self.admin = admin
        self.accountsOnDemand = accountsOnDemand
        do {
            context = try PostingContext(
                administration: administration, accounts: accountsOnDemand ? [] : try tx.accounts(admin),
                journals: try tx.journals(admin),
                vatCodes: try tx.vatCodes(admin), costCentres: try tx.costCentres(admin),
                relations: [], periods: try tx.fiscalYears(admin).flatMap(\.periods))
        } catch let error as CoreError { throw LedgerError(error) }
        nextNumber = try tx.nextEntryNumber(admin)
        firstNumber = nextNumber
    }

    /// Writes the summed balance changes and the entry counter. Call once, after the last post.
    mutating func finish() throws {
        if confirmsReferences { try confirmReferences() }
        for (key, totals) in pendingBalances {
            try tx.addToBalance(admin, year: key.year, period: key.period, account: key.account,
                                costCentre: key.costCentre, debit: totals.debit, credit: totals.credit)
        }
        pendingBalances.removeAll()
        for (key, totals) in pendingVAT {
            try tx.addToVATTotal(admin, year: key.year, period: key.period, code: key.code, relation: key.relation,
                                 base: totals.base, vat: totals.vat)
        }
        pendingVAT.removeAll()
        if nextNumber != firstNumber {
            try tx.setNextEntryNumber(admin, nextNumber)
            try tx.markMonitorStale(admin)
        }
        firstNumber = nextNumber
    }

    /// Every distinct account, journal, period, relation, cost centre and VAT code written must exist.
    private func confirmReferences() throws {
        var written = WrittenReferences()
        written.journals = writtenJournals
        written.relations = writtenRelations
        for key in pendingBalances.keys {
            written.accounts.insert(key.account)
            written.periods.insert([key.year, key.period])
            if let centre = key.costCentre { written.costCentres.insert(centre) }
        }
        for key in pendingVAT.keys { written.vatCodes.insert(key.code) }
        let missing = try tx.missingReferences(admin, written)
        guard missing.isEmpty else {
            throw LedgerError("broken-reference", "", "the entries refer to what administration \(admin) does not have: "
                + missing.joined(separator: ", ") + "; nothing was written")
        }
    }

    /// Adds an account (for imports that may create them) to the store and to this session's context.
    mutating func create(_ account: Account) throws {
        try tx.upsert(account, admin: admin)
        context.accounts[account.code] = account
    }

    /// Adds a cost centre to the store and to this session's context.
    mutating func create(_ centre: CostCentre) throws {
        try tx.upsert(centre, admin: admin)
        context.costCentres[centre.code] = centre
    }

    /// Adds a relation to the store and to this session's context.
    mutating func create(_ relation: Relation) throws {
        try tx.upsert(relation, admin: admin)
        context.relations[relation.number] = relation
    }

    /// Opens a fiscal year inside this session's transaction.
    mutating func openYear(_ year: Int) throws {
        let fiscalYear = context.calendar.makeYear(year)
        try tx.insert(fiscalYear, admin: admin)
        for p in fiscalYear.periods { context.periods[.init(year: p.year, number: p.number)] = p }
    }

    /// Lets the year-end carry-forward post balances of accounts deactivated during the year.
    mutating func allowInactiveAccounts() {
        for code in context.accounts.keys { context.accounts[code]?.active = true }
    }

    /// The outcome of a post: the entry, and whether it was new or an idempotent replay.
    struct Result {
        var entry: PostedEntry
        var created: Bool
    }

    /// Remembers open items the caller has read in this transaction, so settling them needs no lookup.
    mutating func know(_ items: [OpenItem]) {
        for item in items {
            knownOpenItems[OpenItemKey(account: item.account, relation: item.relation, invoice: item.invoice)] = item.id
        }
    }

    /// Loads every relation of the administration at once, for imports that may name any of them.
    mutating func loadAllRelations() throws {
        for relation in try tx.relations(admin) { context.relations[relation.number] = relation }
    }

    /// Loads these accounts into the context, when they exist and are not there yet (see `accountsOnDemand`).
    mutating func loadAccounts(_ codes: some Sequence<String>) throws {
        for code in codes where context.accounts[code] == nil {
            if let account = try tx.account(admin, code: code) { context.accounts[code] = account }
        }
    }

    /// Relations are many; only those an entry names are loaded, once per session.
    mutating func loadRelations(of draft: EntryDraft) throws {
        for number in Set(draft.lines.compactMap(\.relation)) where context.relations[number] == nil {
            if let relation = try tx.relation(admin, number: number) { context.relations[number] = relation }
        }
    }

    /// Validates and writes one entry: lines, maintained balances and open items.
    mutating func post(_ draft: EntryDraft, reversalOf: Int64? = nil, touchOpenItems: Bool = true) throws -> Result {
        if let existing = try replayed(draft) { return Result(entry: existing, created: false) }
        try loadRelations(of: draft)
        if accountsOnDemand { try loadAccounts(draft.lines.map(\.account)) }
        let (period, lines) = try PostingRules.validate(draft, in: context)
        let entry = try write(draft, period: period, lines: lines, reversalOf: reversalOf, touchOpenItems: touchOpenItems)
        return Result(entry: entry, created: true)
    }

    /// The entry already posted under `draft`'s idempotency key, after checking that `draft` carries its content.
    mutating func replayed(_ draft: EntryDraft) throws -> PostedEntry? {
        guard let source = draft.source, let reference = draft.reference, try sourceUsed(source, reference: reference),
              let existing = try tx.entry(admin, source: source, reference: reference)
        else { return nil }
        try Self.checkReplay(draft, matches: existing, base: context.administration.currency)
        return existing
    }

    /// Writes an entry that passed the posting rules: its number, lines, maintained balances and open items.
    mutating func write(_ draft: EntryDraft, period: Period, lines: [PostedLine], reversalOf: Int64? = nil,
                        touchOpenItems: Bool = true) throws -> PostedEntry {
        try write(PostedEntry(
            id: 0, administration: admin, number: 0, journal: draft.journal, date: draft.date, year: period.year,
            period: period.number, description: draft.description, source: draft.source, reference: draft.reference,
            kind: draft.kind, reversalOf: reversalOf, reversedBy: nil, lines: lines), touchOpenItems: touchOpenItems)
    }

    /// Writes a checked entry (its `id` and `number` are handed out here) with its balances and open items.
    mutating func write(_ checked: PostedEntry, touchOpenItems: Bool = true) throws -> PostedEntry {
        var entry = checked
        entry.number = nextNumber
        nextNumber += 1
        if writer == nil { writer = try tx.entryWriter() }
        entry.id = try writer!.insert(entry)
        let lines = entry.lines
        if confirmsReferences {
            if entry.journal != lastJournal {
                writtenJournals.insert(entry.journal)
                lastJournal = entry.journal
            }
            for line in lines { if let relation = line.relation { writtenRelations.insert(relation) } }
        }
        for line in lines {
            let key = BalanceKey(year: entry.year, period: entry.period, account: line.account, costCentre: line.costCentre)
            pendingBalances[key, default: AccountTotals()] = pendingBalances[key, default: AccountTotals()]
                + AccountTotals(debit: max(line.amount, 0), credit: max(-line.amount, 0))
            if touchOpenItems { try applyToOpenItems(line, of: entry) }
            if let code = line.vatCode {
                // The ICP listing needs the customer: the line's own relation, else the invoice's (first) one.
                let key = VATKey(year: entry.year, period: entry.period, code: code,
                                 relation: line.relation ?? lines.first { $0.relation != nil }?.relation)
                let old = pendingVAT[key] ?? (0, 0)
                pendingVAT[key] = (old.base + line.amount, old.vat + (line.vatAmount ?? 0))
            }
        }
        return entry
    }

    /// Whether any entry of this administration carries `source`; a first import skips every replay lookup, since
    /// the store's unique index still refuses a duplicate key.
    private mutating func sourceUsed(_ source: String, reference: String) throws -> Bool {
        if usedSources[source] == nil { usedSources[source] = try tx.hasEntries(admin, source: source) }
        if usedSources[source]! { return true }
        if referencesAreUnique { return false }
        // A key posted earlier in this same session is a replay too.
        return !postedReferences.insert(source + "\u{1F}" + reference).inserted
    }

    /// A control-account line opens an item for its relation and invoice, or settles (part of) the existing one.
    private func applyToOpenItems(_ line: PostedLine, of entry: PostedEntry) throws {
        guard let account = context.accounts[line.account], let role = account.control, role.needsRelation,
              let relationNumber = line.relation
        else { return }
        let invoice = line.invoice ?? "#\(entry.number)"
        if let id = try knownOpenItems[OpenItemKey(account: account.code, relation: relationNumber, invoice: invoice)]
            ?? tx.openItem(admin, account: account.code, relation: relationNumber, invoice: invoice)?.id {
            try tx.settle(openItem: id, amount: line.amount, entry: entry.id, line: line.number, date: entry.date)
        } else {
            let terms = context.relations[relationNumber]?.paymentTermDays ?? 30
            let item = OpenItem(id: 0, relation: relationNumber, side: role == .receivables ? .receivable : .payable,
                                account: account.code, invoice: invoice, date: entry.date,
                                dueDate: line.dueDate ?? entry.date.adding(days: terms), original: line.amount,
                                outstanding: line.amount)
            _ = try tx.insert(item, admin: admin)
        }
    }

    /// A replay must carry the same content; a different entry under a used key is an error, not a silent no-op.
    static func checkReplay(_ draft: EntryDraft, matches existing: PostedEntry, base: CurrencyCode) throws {
        let sameLines = draft.lines.count == existing.lines.count
            && zip(draft.lines, existing.lines).allSatisfy { d, p in
                d.account == p.account && (p.foreignAmount ?? p.amount) == d.amount && d.relation == p.relation
                    && d.invoice == p.invoice && d.costCentre == p.costCentre
            }
        guard sameLines, draft.date == existing.date, draft.journal == existing.journal else {
            throw LedgerError("idempotency-conflict", "reference",
                              "\(draft.source ?? "")/\(draft.reference ?? "") was already used for entry "
                                + "\(existing.number) with different content; use a new reference")
        }
    }
}
