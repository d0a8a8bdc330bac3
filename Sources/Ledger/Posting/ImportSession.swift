public import Core
import Store

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

/// Posts an import's entries inside one transaction: all of them, or — on any error — none.
///
/// Importers (journal files, XAF, CSV) drive it entry by entry, so a file of a million entries streams through
/// without being held in memory, while the posting rules stay the ordinary ones.
public struct ImportSession {
    var posting: PostingSession
    public private(set) var summary = ImportSummary()

    init(tx: StoreTransaction, admin: String) throws {
        posting = try PostingSession(tx: tx, admin: admin)
    }

    /// Promises that no two entries of this import share a reference, so replays need only be looked for among
    /// earlier imports.
    public mutating func referencesAreUnique() { posting.referencesAreUnique = true }

    public var administration: Administration { posting.context.administration }

    public func account(_ code: String) -> Account? { posting.context.accounts[code] }

    public func journal(_ code: String) -> Journal? { posting.context.journals[code] }

    /// The journal an entry goes to when its source names none: the first general journal (memoriaal).
    public var generalJournal: String? {
        posting.context.journals.values.filter { $0.kind == .general }.map(\.code).sorted()
            .first { $0 == "MEM" } ?? posting.context.journals.values.filter { $0.kind == .general }.map(\.code).min()
    }

    public func hasRelation(_ number: String) throws -> Bool {
        if posting.context.relations[number] != nil { return true }
        return try posting.tx.relation(posting.admin, number: number) != nil
    }

    public func hasCostCentre(_ code: String) -> Bool { posting.context.costCentres[code] != nil }

    public mutating func create(_ centre: CostCentre) throws {
        try posting.create(centre)
        summary.createdCostCentres.append(centre.code)
    }

    public mutating func create(_ account: Account) throws {
        try posting.create(account)
        summary.createdAccounts.append(account.code)
    }

    public mutating func create(_ relation: Relation) throws {
        try posting.create(relation)
        summary.createdRelations.append(relation.number)
    }

    /// Opens the fiscal year containing `date` when it does not exist yet.
    public mutating func ensureYear(containing date: LocalDate) throws {
        let year = posting.context.calendar.fiscalYear(containing: date)
        guard posting.context.periods[.init(year: year, number: 1)] == nil else { return }
        try posting.openYear(year)
        summary.openedYears.append(year)
    }

    /// Posts one entry through the ordinary rules; returns false when it was already there (a replay).
    @discardableResult
    public mutating func post(_ draft: EntryDraft) throws -> Bool {
        let result = try posting.post(draft)
        if result.created {
            summary.entries += 1
            summary.lines += draft.lines.count
        } else {
            summary.replayed += 1
        }
        return result.created
    }

    mutating func finish() throws { try posting.finish() }
}

extension LedgerService {
    /// Runs an import in one write transaction; when `body` throws, nothing of it is written.
    public func importEntries(into admin: String, _ body: @escaping @Sendable (inout ImportSession) throws -> Void)
        async throws -> ImportSummary
    {
        try await write(admin) { tx in
            var session = try ImportSession(tx: tx, admin: admin)
            try body(&session)
            try session.finish()
            return session.summary
        }
    }
}
