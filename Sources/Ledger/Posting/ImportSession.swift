public import Core

/// What an import did.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var entries: Int = 0
    public var lines: Int = 0
    /// Entries already in the ledger under the same idempotency key, skipped.
    public var replayed: Int = 0
    public var createdAccounts: [String] = []
    public var createdRelations: [String] = []
    public var createdCostCentres: [String] = []
    public var openedYears: [Int] = []

    public init() {}
}

/// The importer's side of an import: it checks each entry against the posting rules as the file is read, and hands
/// what passed, in batches, to the thread that writes it (`ImportPipeline`).
///
/// Importers (journal files, XAF, CSV) drive it entry by entry, so a file of a million entries streams through
/// without being held in memory, while the posting rules stay the ordinary ones. It does no I/O itself: it works
/// on a copy of the administration's posting context, loaded in the import's transaction, and keeps that copy up
/// to date with what the import creates.
public struct ImportSession: Sendable {
    private(set) var context: PostingContext
    private let pipeline: ImportPipeline
    private var batch: [ImportCommand] = []
    /// The idempotency source whose references already in the ledger were loaded into `usedReferences`.
    private let replaySource: String?
    private let usedReferences: Set<String>
    /// What the import created; the writer adds the entry counts.
    private(set) var summary = ImportSummary()
    /// The journal an entry goes to when its source names none: the first general journal (memoriaal).
    public let generalJournal: String?

    init(context: PostingContext, replaySource: String?, usedReferences: Set<String>, pipeline: ImportPipeline) {
        self.context = context
        self.replaySource = replaySource
        self.usedReferences = usedReferences
        self.pipeline = pipeline
        let general = context.journals.values.filter { $0.kind == .general }.map(\.code).sorted()
        generalJournal = general.first { $0 == "MEM" } ?? general.first
        batch.reserveCapacity(ImportPipeline.batchSize)
    }

    /// Promises that no two entries of this import share a reference, so replays need only be looked for among
    /// earlier imports.
    public mutating func referencesAreUnique() { batch.append(.uniqueReferences) }

    public var administration: Administration { context.administration }

    public func account(_ code: String) -> Account? { context.accounts[code] }

    /// The administration's VAT codes.
    public var vatCodes: [VATCode] { Array(context.vatCodes.values) }

    /// The administration's chart, as this import sees it.
    public var accounts: [Account] { Array(context.accounts.values) }

    public func journal(_ code: String) -> Journal? { context.journals[code] }

    public func hasRelation(_ number: String) -> Bool { context.relations[number] != nil }

    public func hasCostCentre(_ code: String) -> Bool { context.costCentres[code] != nil }

    public mutating func create(_ centre: CostCentre) {
        context.costCentres[centre.code] = centre
        batch.append(.costCentre(centre))
        summary.createdCostCentres.append(centre.code)
    }

    public mutating func create(_ account: Account) {
        context.accounts[account.code] = account
        batch.append(.account(account))
        summary.createdAccounts.append(account.code)
    }

    public mutating func create(_ relation: Relation) {
        context.relations[relation.number] = relation
        batch.append(.relation(relation))
        summary.createdRelations.append(relation.number)
    }

    /// Opens the fiscal year containing `date` when it does not exist yet.
    public mutating func ensureYear(containing date: LocalDate) {
        let year = context.calendar.fiscalYear(containing: date)
        guard context.periods[.init(year: year, number: 1)] == nil else { return }
        for p in context.calendar.makeYear(year).periods { context.periods[.init(year: p.year, number: p.number)] = p }
        batch.append(.year(year))
        summary.openedYears.append(year)
    }

    /// Checks one entry against the posting rules and queues it for writing; `line` places errors the writer
    /// finds later (a replay with other content, say) in the imported file.
    ///
    /// An entry whose idempotency key is already in the ledger is a replay: the writer checks that it carries the
    /// same content, and the rules are not asked again (its period may have been closed since).
    public mutating func post(_ draft: EntryDraft, line: Int? = nil) throws {
        if let source = draft.source, source == replaySource, let reference = draft.reference,
           usedReferences.contains(reference)
        {
            batch.append(.entry(draft, checked: nil, line: line))
        } else {
            let (period, lines): (Period, [PostedLine])
            do { (period, lines) = try PostingRules.validate(draft, in: context) } catch { throw error.at(line: line) }
            let checked = PostedEntry(
                id: 0, administration: context.administration.id, number: 0, journal: draft.journal, date: draft.date,
                year: period.year, period: period.number, description: draft.description, source: draft.source,
                reference: draft.reference, kind: draft.kind, reversalOf: nil, reversedBy: nil, lines: lines)
            batch.append(.entry(draft, checked: checked, line: line))
        }
        if batch.count >= ImportPipeline.batchSize { try flush() }
    }

    /// Hands the queued commands to the writer.
    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        try pipeline.send(batch)
        batch.removeAll(keepingCapacity: true)
    }
}

/// One step of an import, in file order, as the writer carries it out.
enum ImportCommand: Sendable {
    case uniqueReferences
    case account(Account)
    case costCentre(CostCentre)
    case relation(Relation)
    case year(Int)
    /// An entry, and — unless the reader took it for a replay — the entry as the rules passed it.
    case entry(EntryDraft, checked: PostedEntry?, line: Int?)
}
