import Core
import Ledger

/// Turns journal transactions into ledger entries for one administration: accounts by code or name, amounts in
/// the administration's currency, tags into relations, cost centres, invoices and VAT.
struct JournalEntryMapper {
    let file: String
    let options: JournalImporter.Options
    let declared: [String: JournalAccountDeclaration]
    var accountCodes: [String: String] = [:]
    var checkedRelations: Set<String> = []
    var checkedCostCentres: Set<String> = []
    private var occurrences: [UInt64: Int] = [:]
    /// The idempotency source of journal imports; the reference is a hash of the transaction's content.
    static let source = "journal"

    init(file: String, options: JournalImporter.Options, declarations: [JournalAccountDeclaration]) {
        self.file = file
        self.options = options
        declared = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func error(_ line: Int, _ message: String) -> InterchangeError { InterchangeError(file: file, line: line, message) }

    mutating func post(_ t: JournalTransaction, to session: inout ImportSession) throws {
        let base = session.administration.currency
        var lines: [EntryLineDraft] = []
        lines.reserveCapacity(t.postings.count)
        var elided: Int?
        var total: Int64 = 0
        for (index, p) in t.postings.enumerated() {
            let code = try accountCode(p.account, line: p.line, session: &session)
            var line = EntryLineDraft(account: code, amount: 0)
            if let amount = p.amount {
                try fill(&line, amount: amount, cost: p.cost, base: base, posting: p)
                total += line.baseAmount ?? line.amount
            } else {
                guard elided == nil else {
                    throw error(p.line, "a second posting without an amount; only one amount per transaction may be left out")
                }
                elided = index
            }
            try applyTags(p.tags, to: &line, base: base, posting: p, session: &session)
            lines.append(line)
        }
        if let elided {
            lines[elided].amount = -total
        } else if total != 0 {
            throw error(t.line, "the transaction does not balance: it is off by "
                + Money.format(total, digits: base.minorDigits) + " \(base)")
        }
        // A posting of nothing (written as 0, or left out where the others balance) moves no money: hledger and
        // ledger accept it, and the ledger has no use for it.
        var postingLines = Array(t.postings.indices)
        postingLines.removeAll { lines[$0].amount == 0 }
        lines.removeAll { $0.amount == 0 }
        guard lines.count >= 2 else { throw error(t.line, "the transaction moves no money") }
        if options.openYears { session.ensureYear(containing: t.date) }
        var kind = EntryKind.standard
        switch t.tags["kind"] {
        case "opening": kind = .opening
        case "closing": kind = .closing
        default: break
        }
        var journal = session.generalJournal ?? "MEM"
        if let named = t.tags["journal"] {
            guard session.journal(named) != nil else {
                throw error(t.line, "journal '\(named)' does not exist in administration \(session.administration.id)")
            }
            journal = named
        }
        let description = t.description.isEmpty ? (t.code.map { "(\($0))" } ?? "Journal entry, line \(t.line)") : t.description
        let draft = EntryDraft(journal: journal, date: t.date, description: description, source: Self.source,
                               reference: reference(t), kind: kind, lines: lines)
        do {
            try session.post(draft, line: t.line)
        } catch let e as LedgerError {
            throw error(line(of: e, in: t, postingLines: postingLines), e.message)
        }
    }

    /// The line a posting rule's complaint is about: the posting's for `lines[i]…`, else the transaction's.
    func line(of error: LedgerError, in t: JournalTransaction, postingLines: [Int]) -> Int {
        guard error.location.hasPrefix("lines["), let close = error.location.firstIndex(of: "]"),
              let index = Int(error.location[error.location.index(error.location.startIndex, offsetBy: 6)..<close]),
              index < postingLines.count
        else { return t.line }
        return t.postings[postingLines[index]].line
    }

    /// The day and a content hash, numbered when identical transactions repeat: re-importing a file (or a longer version of
    /// it) posts only what is new, whatever lines moved.
    mutating func reference(_ t: JournalTransaction) -> String {
        var h = FNV1a()
        h.add(t.date.description)
        h.add(t.description)
        for p in t.postings {
            h.add(p.account)
            if let a = p.amount { h.add(a.quantity.description); h.add(a.commodity) }
            if let c = p.cost { h.add(c.amount.quantity.description); h.add(c.isTotal ? "@@" : "@") }
            for key in p.tags.keys.sorted() { h.add(key); h.add(p.tags[key]!) }
        }
        let n = occurrences[h.value, default: 0] + 1
        occurrences[h.value] = n
        // The day first, so keys of a dated file arrive in index order; then 52 bits of the hash. 14 characters at
        // most: Swift keeps the string inline, with no allocation per entry.
        let key = String(t.date.dayNumber, radix: 36) + String(h.value >> 12, radix: 36)
        return n == 1 ? key : "\(key)-\(n)"
    }

    // MARK: - Amounts

    func fill(_ line: inout EntryLineDraft, amount: JournalAmount, cost: JournalCost?, base: CurrencyCode,
              posting p: JournalPosting) throws {
        if amount.commodity.isEmpty || amount.commodity == base.code {
            guard cost == nil else { throw error(p.line, "a price on an amount in \(base) makes no sense here") }
            line.amount = try minorUnits(amount.quantity, digits: base.minorDigits, currency: base.code, line: p.line)
            return
        }
        let currency: CurrencyCode
        do { currency = try CurrencyCode(amount.commodity) } catch {
            throw self.error(p.line, "commodity '\(amount.commodity)' is not a currency; LedgerOps books money only")
        }
        guard let cost else {
            throw error(p.line, "an amount in \(currency) needs its price in \(base) (write e.g. `@@ 92.00 \(base)`)")
        }
        guard cost.amount.commodity == base.code || cost.amount.commodity.isEmpty else {
            throw error(p.line, "the price must be in \(base), not \(cost.amount.commodity)")
        }
        let foreign = try minorUnits(amount.quantity, digits: currency.minorDigits, currency: currency.code, line: p.line)
        guard foreign != 0 else { throw error(p.line, "the amount is zero") }
        let baseAmount: Int64
        if cost.isTotal {
            let total = try minorUnits(cost.amount.quantity, digits: base.minorDigits, currency: base.code, line: p.line)
            baseAmount = foreign < 0 ? -abs(total) : abs(total)
        } else {
            // Unit price × quantity, rounded half away from zero to the base currency's minor units.
            let unit = cost.amount.quantity
            let product = Int128(foreign) * Int128(abs(unit.mantissa))
            let shift = currency.minorDigits + unit.scale - base.minorDigits
            baseAmount = Int64(product.dividedRounded(byPowerOfTen: shift))
        }
        line.amount = foreign
        line.currency = currency
        line.baseAmount = baseAmount
        // The rate to 12 decimals: base per unit of the foreign currency.
        let scale = 12
        let numerator = Int128(baseAmount) * Int128(DecimalNumber.powerOfTen(scale + currency.minorDigits - base.minorDigits))
        line.rate = DecimalNumber(mantissa: Int64(numerator.dividedRounded(by: Int128(foreign))), scale: scale)
    }

    func minorUnits(_ number: DecimalNumber, digits: Int, currency: String, line: Int) throws -> Int64 {
        var q = number
        while q.scale > digits && q.mantissa % 10 == 0 { q = DecimalNumber(mantissa: q.mantissa / 10, scale: q.scale - 1) }
        guard q.scale <= digits else {
            throw error(line, "\(q) has more decimals than \(currency) allows (\(digits))")
        }
        let (v, overflow) = q.mantissa.multipliedReportingOverflow(by: DecimalNumber.powerOfTen(digits - q.scale))
        guard !overflow else { throw error(line, "\(q) \(currency) is too large") }
        return v
    }
}
