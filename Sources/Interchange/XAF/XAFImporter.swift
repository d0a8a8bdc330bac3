import Core
import Foundation
public import Ledger
import Synchronization

/// Imports an XAF audit file into an administration: relations, the opening balance and every transaction, in one
/// transaction — all of it, or nothing. Foreign accounts go onto the administration's chart by an explicit mapping,
/// else by RGS code (the file's leadReference), else by the longest RGS prefix the chart has; a line on an account
/// that maps nowhere is refused.
public struct XAFImporter: Sendable {
    public struct Options: Sendable {
        /// Foreign account → the administration's account, over what RGS codes say.
        public var mapping: [String: String] = [:]
        /// Called every 10,000 transactions read, with the count so far (for a progress line on large files).
        public var progress: (@Sendable (Int) -> Void)?

        public init(mapping: [String: String] = [:], progress: (@Sendable (Int) -> Void)? = nil) {
            self.mapping = mapping
            self.progress = progress
        }
    }

    /// What a file holds, or what its import did.
    public struct Summary: Sendable, Codable {
        public var version = ""
        public var accounts = 0
        public var relations = 0
        public var transactions = 0
        public var lines = 0
        public var openingLines = 0
        public var totalDebit: Int64 = 0
        public var totalCredit: Int64 = 0
        /// Foreign account → administration account, and how it was found (`mapping`, `rgs`, `rgs prefix`, `code`).
        public var mapping: [String: String] = [:]
        public var how: [String: String] = [:]
        /// Foreign accounts that lines use but that map nowhere.
        public var unmapped: [String] = []
        /// Each foreign account's type in the file: `B` balance sheet, `P` profit and loss.
        public var types: [String: String] = [:]
        /// Lines whose VAT went onto one of the administration's VAT codes, and lines with VAT that fits none (their
        /// VAT is on the VAT accounts all the same, but no return box counts it).
        public var vatAttributed = 0
        public var vatUnattributed = 0
        public var imported: ImportSummary?
    }

    public let ledger: LedgerService
    public let options: Options

    public init(ledger: LedgerService, options: Options = Options()) {
        self.ledger = ledger
        self.options = options
    }

    /// How each foreign account maps onto `chart`.
    static func resolve(_ accounts: [XAFAccount], onto chart: [Account], explicit: [String: String])
        -> (mapping: [String: String], how: [String: String])
    {
        let active = chart.filter(\.active).sorted { $0.code < $1.code }
        let codes = Set(active.map(\.code))
        var byRGS: [String: String] = [:]
        for a in active { if let rgs = a.rgsCode, byRGS[rgs] == nil { byRGS[rgs] = a.code } }
        var mapping: [String: String] = [:], how: [String: String] = [:]
        for account in accounts {
            let sameCode = active.first { $0.code == account.id }
            if let target = explicit[account.id], codes.contains(target) {
                mapping[account.id] = target; how[account.id] = "mapping"
            } else if let same = sameCode, account.rgs == nil || same.rgsCode == nil || same.rgsCode == account.rgs {
                // The file's own code, when the chart has it for the same thing (an export of LedgerOps, a copy).
                mapping[account.id] = same.code; how[account.id] = "code"
            } else if let rgs = account.rgs, let target = byRGS[rgs] {
                mapping[account.id] = target; how[account.id] = "rgs"
            } else if let rgs = account.rgs {
                // Up the RGS tree to level 3 (`BVorBtw`), never onto a control account: an account the chart lacks
                // lands on its nearest relative, or maps nowhere and must be given.
                var prefix = Substring(rgs)
                while prefix.count > 7 {
                    prefix = prefix.dropLast()
                    if let target = active.first(where: { $0.rgsCode?.hasPrefix(prefix) == true && $0.control?.needsRelation != true })?.code {
                        mapping[account.id] = target; how[account.id] = "rgs prefix \(prefix)"
                        break
                    }
                }
            }
        }
        return (mapping, how)
    }

    /// Reads the file without writing anything: counts, totals, the mapping and what maps nowhere.
    public func dryRun(_ path: String, into admin: String) async throws -> Summary {
        let chart = try await ledger.accounts(admin)
        let collector = SummaryBox()
        var accounts: [XAFAccount] = []
        var mapping: [String: String] = [:]
        let explicit = options.mapping
        try XAFReader(path: path).read { record in
            switch record {
            case .header(let h): collector.summary.version = h.version
            case .account(let a):
                accounts.append(a)
                collector.summary.accounts += 1
                collector.summary.types[a.id] = a.type
            case .relation: collector.summary.relations += 1
            case .masterDataEnd:
                let resolved = Self.resolve(accounts, onto: chart, explicit: explicit)
                mapping = resolved.mapping
                collector.summary.mapping = resolved.mapping
                collector.summary.how = resolved.how
            case .openingBalance(_, let lines):
                collector.summary.openingLines += lines.count
                collector.count(lines, mapping)
            case .transaction(let t):
                collector.summary.transactions += 1
                collector.summary.lines += t.lines.count
                collector.count(t.lines, mapping)
            }
        }
        collector.summary.unmapped = collector.unmapped.sorted()
        return collector.summary
    }

    /// Imports the file; on any error nothing is written and the error names the file and line.
    public func importFile(_ path: String, into admin: String) async throws -> Summary {
        let file = (path as NSString).lastPathComponent
        let explicit = options.mapping
        let progress = options.progress
        let box = SummaryBox()
        do {
            let imported = try await ledger.importEntries(into: admin, replaySource: Self.source) { importing in
                // The reader calls back from inside its parse, synchronously; the session is handed back after it.
                var session = importing
                defer { importing = session }
                session.referencesAreUnique()
                var accounts: [XAFAccount] = []
                var mapping: [String: String] = [:]
                var header: XAFHeader?
                try XAFReader(path: path).read { record in
                    switch record {
                    case .header(let h):
                        header = h
                        box.summary.version = h.version
                        guard h.currency == session.administration.currency else {
                            throw InterchangeError(file: file, line: 0, "the file is in \(h.currency), administration \(admin) "
                                + "keeps its books in \(session.administration.currency)")
                        }
                    case .account(let a):
                        accounts.append(a)
                        box.summary.accounts += 1
                    case .relation(let r):
                        box.summary.relations += 1
                        if !session.hasRelation(r.id) {
                            session.create(Relation(number: r.id, name: r.name, kind: r.type == "C" ? .customer : r.type == "S" ? .supplier : .both,
                                                    city: r.city, contact: r.contact.map { ContactPerson(name: $0, email: r.email) },
                                                    iban: r.iban, vatNumber: r.vatNumber, chamberOfCommerce: r.chamberOfCommerce))
                        }
                    case .masterDataEnd:
                        (mapping, box.summary.how) = Self.resolve(accounts, onto: session.accounts, explicit: explicit)
                        box.summary.mapping = mapping
                    case .openingBalance(let date, let lines):
                        box.summary.openingLines += lines.count
                        box.count(lines, mapping)
                        guard lines.contains(where: { $0.amount != 0 }) else { return }
                        session.ensureYear(containing: date)
                        _ = try Self.post(lines, session: &session, mapping: mapping, file: file, date: date, kind: .opening,
                                      description: "Beginbalans (XAF)", journal: session.generalJournal ?? "MEM",
                                      reference: "opening/\(date)", at: lines[0].line)
                    case .transaction(let t):
                        box.summary.transactions += 1
                        box.summary.lines += t.lines.count
                        box.count(t.lines, mapping)
                        if let progress, box.summary.transactions % 10_000 == 0 { progress(box.summary.transactions) }
                        guard header != nil else { return }
                        session.ensureYear(containing: t.date)
                        let vat = try Self.post(t.lines, session: &session, mapping: mapping, file: file, date: t.date, kind: .standard,
                                      description: t.description.isEmpty ? (t.lines.first?.description ?? "XAF \(t.journal) \(t.number)")
                                          : t.description,
                                      journal: Self.journal(t.journalType, session), reference: "\(t.journal)/\(t.number)", at: t.line)
                        box.summary.vatAttributed += vat.attributed
                        box.summary.vatUnattributed += vat.unattributed
                    }
                }
            }
            box.summary.imported = imported
            return box.summary
        } catch let error as LedgerError where error.line != nil {
            throw InterchangeError(file: file, line: error.line!, error.message)
        }
    }

    /// The idempotency source of XAF imports; references are `JOURNAL/NR`.
    static let source = "xaf"

    /// The administration's journal for an XAF journal type: bank, sales, purchases, else the general journal.
    static func journal(_ type: String, _ session: ImportSession) -> String {
        let code: String? = switch type {
        case "B", "C": ["BNK", "KAS"].first { session.journal($0) != nil }
        case "S": ["VK"].first { session.journal($0) != nil }
        case "P": ["IK"].first { session.journal($0) != nil }
        default: nil
        }
        return code ?? session.generalJournal ?? "MEM"
    }

    /// Posts the lines as one entry; returns how many lines had their VAT put on a VAT code, and how many had VAT
    /// that fits none.
    static func post(_ lines: [XAFLine], session: inout ImportSession, mapping: [String: String], file: String, date: LocalDate,
                     kind: EntryKind, description: String, journal: String, reference: String, at line: Int) throws
        -> (attributed: Int, unattributed: Int)
    {
        var drafts: [EntryLineDraft] = []
        var attributed = 0, unattributed = 0
        let codes = session.vatCodes.sorted { $0.code < $1.code }
        for l in lines where l.amount != 0 {
            guard let target = mapping[l.account] else {
                throw InterchangeError(file: file, line: l.line, "account \(l.account) maps onto no account of administration "
                    + "\(session.administration.id); give it a row in --mapping (draft one with `ledgerops import xaf --draft-mapping`)")
            }
            let control = session.account(target)?.control
            var relation = l.relation
            if relation == nil, control?.needsRelation == true {
                throw InterchangeError(file: file, line: l.line, "account \(l.account) → \(target) is a control account and the line "
                    + "names no <custSupID>")
            }
            if control?.needsRelation != true { relation = l.relation.flatMap { session.hasRelation($0) ? $0 : nil } }
            // Cost centres (costID) come along, created when the administration lacks them.
            if let centre = l.costCentre, !session.hasCostCentre(centre) { session.create(CostCentre(code: centre, name: centre)) }
            var draft = EntryLineDraft(account: target, amount: l.amount, relation: relation, costCentre: l.costCentre,
                                       invoice: control?.needsRelation == true ? l.invoice : nil, description: l.description)
            // VAT on a base line (a P&L account): the administration's code of that rate and direction, valid on the
            // date, when the file's VAT amount is what that code gives to the cent.
            if let vat = l.vat, vat.amount != 0, session.account(target)?.type.isBalanceSheet == false {
                let direction: VATKind = l.amount < 0 ? .sales : .purchase
                if let code = codes.first(where: { $0.kind == direction && $0.rate.normalized == vat.percent.normalized && $0.isValid(on: date) }),
                   (code.vat(on: l.amount) - vat.amount).magnitude <= 1 {
                    draft.vatCode = code.code
                    draft.vatAmount = vat.amount
                    attributed += 1
                } else {
                    unattributed += 1
                }
            }
            drafts.append(draft)
        }
        guard drafts.count >= 2 else { return (0, 0) }
        try session.post(EntryDraft(journal: journal, date: date, description: description, source: source,
                                    reference: reference, kind: kind, lines: drafts), line: line)
        return (attributed, unattributed)
    }
}

/// Counts gathered while a file streams by, on the reader's thread, read by the caller afterwards.
final class SummaryBox: Sendable {
    private struct State {
        var summary = XAFImporter.Summary()
        var unmapped: Set<String> = []
    }

    private let state = Mutex(State())

    var summary: XAFImporter.Summary {
        get { state.withLock { $0.summary } }
        set { state.withLock { $0.summary = newValue } }
    }

    var unmapped: Set<String> { state.withLock { $0.unmapped } }

    func count(_ lines: [XAFLine], _ mapping: [String: String]) {
        state.withLock { s in
            for l in lines {
                if l.amount > 0 { s.summary.totalDebit += l.amount } else { s.summary.totalCredit -= l.amount }
                if mapping[l.account] == nil { s.unmapped.insert(l.account) }
            }
        }
    }
}
