public import Core

/// The outcome of posting: the entry as it stands, and whether this call created it or replayed an earlier post.
public struct PostResult: Sendable, Equatable, Codable {
    public var entry: PostedEntry
    public var created: Bool
}

extension LedgerService {
    /// Posts one entry in one transaction. A rejected entry writes nothing.
    public func post(_ draft: EntryDraft, to admin: String) async throws -> PostResult {
        try await post([draft], to: admin)[0]
    }

    /// Posts several entries in one transaction: all of them, or none when any is rejected.
    /// An error names the entry by its index (`entries[3].lines[1].account`).
    public func post(_ drafts: [EntryDraft], to admin: String) async throws -> [PostResult] {
        try await write(admin) { tx in
            var session = try PostingSession(tx: tx, admin: admin)
            var results: [PostResult] = []
            results.reserveCapacity(drafts.count)
            for (index, draft) in drafts.enumerated() {
                do {
                    let r = try session.post(draft)
                    results.append(PostResult(entry: r.entry, created: r.created))
                } catch var error as LedgerError where drafts.count > 1 {
                    error.location = "entries[\(index)]" + (error.location.isEmpty ? "" : ".\(error.location)")
                    throw error
                }
            }
            try session.finish()
            return results
        }
    }

    /// Reverses a posted entry with a new entry of opposite amounts, dated `date` (default: the original's date).
    public func reverse(entry number: Int64, in admin: String, on date: LocalDate? = nil, description: String? = nil)
        async throws -> PostedEntry
    {
        try await write(admin) { tx in
            guard let original = try tx.entry(admin, number: number) else {
                throw LedgerError.notFound("entry \(number) does not exist in administration \(admin)")
            }
            if let by = original.reversedBy {
                let reversal = try tx.entry(id: by)
                throw LedgerError("already-reversed", "entry", "entry \(number) was already reversed by entry "
                    + "\(reversal?.number ?? by)")
            }
            if original.kind == .reversal {
                throw LedgerError("reversal-of-reversal", "entry", "entry \(number) is itself a reversal; post a new entry instead")
            }
            if original.kind == .closing || (original.kind == .opening && original.source == YearEnd.source) {
                throw LedgerError("year-end-entry", "entry", "entry \(number) was made by the year-end closing and cannot be reversed")
            }
            let draft = EntryDraft(
                journal: original.journal, date: date ?? original.date,
                description: description ?? "Reversal of entry \(number): \(original.description)",
                kind: .reversal,
                lines: original.lines.map { l in
                    EntryLineDraft(account: l.account, amount: -(l.foreignAmount ?? l.amount), currency: l.currency,
                                   rate: l.rate, baseAmount: l.currency == nil ? nil : -l.amount, vatCode: l.vatCode,
                                   vatAmount: l.vatAmount.map { -$0 }, relation: l.relation, costCentre: l.costCentre,
                                   invoice: l.invoice ?? "#\(original.number)", dueDate: nil, description: l.description)
                })
            var session = try PostingSession(tx: tx, admin: admin)
            let reversal = try session.post(draft, reversalOf: original.id).entry
            try session.finish()
            try tx.markReversed(id: original.id, by: reversal.id)
            return reversal
        }
    }

    /// One entry by its number.
    public func entry(_ number: Int64, in admin: String) async throws -> PostedEntry {
        try await read(admin) { tx in
            guard let e = try tx.entry(admin, number: number) else {
                throw LedgerError.notFound("entry \(number) does not exist in administration \(admin)")
            }
            return e
        }
    }

    /// Every entry of an administration, in number order.
    public func entries(_ admin: String) async throws -> [PostedEntry] {
        try await read(admin) { tx in try tx.entries(admin) }
    }
}
