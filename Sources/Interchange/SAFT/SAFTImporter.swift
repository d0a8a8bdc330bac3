import Core
import Foundation
public import Ledger
import Synchronization

/// Imports a Norwegian SAF-T Financial file into an administration in the file's currency: customers and
/// suppliers, the opening balances of the accounts, and every transaction, all or nothing. Accounts map by a mapping
/// row, their own code, or their standard account (the Norwegian 2-digit group) onto the chart's matching RGS group;
/// customer and supplier ledgers onto the control accounts. Opening balances that do not balance are refused with
/// the difference named — or, when asked, the difference goes to the suspense account and is reported.
public struct SAFTImporter: Sendable {
    public struct Options: Sendable {
        public var mapping: [String: String] = [:]
        /// Post an opening balance that does not balance, its difference on the suspense account (reported).
        public var suspenseForDifference = false
        /// Do everything and write nothing: the summary says what the import would do.
        public var dryRun = false

        public init(mapping: [String: String] = [:], suspenseForDifference: Bool = false, dryRun: Bool = false) {
            self.mapping = mapping
            self.suspenseForDifference = suspenseForDifference
            self.dryRun = dryRun
        }
    }

    public struct Summary: Sendable, Codable {
        public var version = ""
        public var accounts = 0
        public var customers = 0
        public var suppliers = 0
        public var transactions = 0
        public var mapping: [String: String] = [:]
        public var unmapped: [String] = []
        public var warnings: [String] = []
        public var imported: ImportSummary?
    }

    public let ledger: LedgerService
    public let options: Options

    public init(ledger: LedgerService, options: Options = Options()) {
        self.ledger = ledger
        self.options = options
    }

    static let source = "saf-t"

    /// Norwegian standard-account groups onto RGS groups: a default that the dry run shows and a mapping overrides.
    static let groups: [(ClosedRange<Int>, String)] = [
        (10...10, "BIva"), (11...12, "BMva"), (13...13, "BFva"), (14...14, "BVrd"), (16...17, "BVor"), (18...18, "BEff"),
        (19...19, "BLim"), (20...20, "BEiv"), (21...21, "BVrz"), (22...22, "BLas"), (23...23, "BSch"), (25...29, "BSch"),
        (30...39, "WOmz"), (40...49, "WKpr"), (50...59, "WPer"), (60...60, "WAfs"), (61...79, "WBed"), (80...87, "WFbe"),
        (88...89, "WBel"),
    ]

    /// The administration's account for each of the file's.
    static func resolve(_ accounts: [SAFTAccount], onto chart: [Account], explicit: [String: String]) -> [String: String] {
        let active = chart.filter(\.active).sorted { $0.code < $1.code }
        var mapping: [String: String] = [:]
        for a in accounts {
            if let target = explicit[a.id], active.contains(where: { $0.code == target }) { mapping[a.id] = target; continue }
            if active.contains(where: { $0.code == a.id }) { mapping[a.id] = a.id; continue }
            guard let group = Int((a.standard ?? a.id).prefix(2)) else { continue }
            if group == 15 { mapping[a.id] = active.first { $0.control == .receivables }?.code; continue }
            if group == 24 { mapping[a.id] = active.first { $0.control == .payables }?.code; continue }
            guard let rgs = groups.first(where: { $0.0.contains(group) })?.1 else { continue }
            mapping[a.id] = active.first { $0.rgsCode?.hasPrefix(rgs) == true && $0.control?.needsRelation != true }?.code
        }
        return mapping
    }

    public func importFile(_ path: String, into admin: String) async throws -> Summary {
        let file = (path as NSString).lastPathComponent
        let options = self.options
        let box = Mutex(Summary())
        do {
            let imported = try await ledger.importEntries(into: admin, replaySource: Self.source, dryRun: options.dryRun) { importing in
                var session = importing
                defer { importing = session }
                session.referencesAreUnique()
                var accounts: [SAFTAccount] = []
                var mapping: [String: String] = [:]
                var start: LocalDate?
                var parties: Set<String> = []
                var partyOpenings: [(id: String, account: String, amount: Int64)] = []
                var partyAccounts: [String: [String]] = [:]
                var soleParty: [String: String] = [:]
                try SAFTReader(path: path).read { record in
                    switch record {
                    case .header(let currency, let from, _, let version):
                        start = from
                        box.withLock { $0.version = version }
                        guard currency == session.administration.currency else {
                            throw InterchangeError(file: file, line: 0, "the file is in \(currency); administration \(admin) keeps "
                                + "its books in \(session.administration.currency)")
                        }
                    case .account(let a):
                        guard !accounts.contains(where: { $0.id == a.id }) else {
                            throw InterchangeError(file: file, line: a.line, "<Account> \(a.id) appears twice (duplicate AccountID)")
                        }
                        accounts.append(a)
                        box.withLock { $0.accounts += 1 }
                    case .party(let id, let name, let supplier, let account, let opening, let line):
                        if let account, opening != 0 { partyOpenings.append((id, account, opening)) }
                        if let account { partyAccounts[account, default: []].append(id) }
                        guard parties.insert(id).inserted else {
                            throw InterchangeError(file: file, line: line, "\(supplier ? "supplier" : "customer") \(id) appears twice")
                        }
                        box.withLock { if supplier { $0.suppliers += 1 } else { $0.customers += 1 } }
                        if !session.hasRelation(id) { session.create(Relation(number: id, name: name, kind: supplier ? .supplier : .customer)) }
                    case .masterDataEnd:
                        mapping = Self.resolve(accounts, onto: session.accounts, explicit: options.mapping)
                        let unmapped = accounts.filter { mapping[$0.id] == nil }.map(\.id)
                        box.withLock { $0.mapping = mapping; $0.unmapped = unmapped }
                        // A control-account line without a party belongs to the account's only party, when it has one.
                        for (account, ids) in partyAccounts where ids.count == 1 {
                            soleParty[account] = ids[0]
                            box.withLock { $0.warnings.append("lines on account \(account) that name no customer or supplier are "
                                + "booked on \(ids[0]), the only one whose ledger rolls up to it") }
                        }
                        guard let start else { throw InterchangeError(file: file, line: 0, "the header has no selection") }
                        // Opening balances: one entry at the selection's start, or refused when they do not balance.
                        var lines: [(String, Int64, Int)] = accounts.filter { $0.opening != 0 }.map { ($0.id, $0.opening, $0.line) }
                        let difference = lines.reduce(0) { $0 + $1.1 }
                        if difference != 0 {
                            let d = session.administration.currency
                            let text = "the opening balances do not balance: debit "
                                + Money.formatGrouped(lines.filter { $0.1 > 0 }.reduce(0) { $0 + $1.1 }, digits: d.minorDigits)
                                + ", credit " + Money.formatGrouped(-lines.filter { $0.1 < 0 }.reduce(0) { $0 + $1.1 }, digits: d.minorDigits)
                                + ", difference " + Money.formatGrouped(difference, digits: d.minorDigits) + " \(d)"
                            guard options.suspenseForDifference, let suspense = session.accounts.first(where: { $0.control == .suspense }) else {
                                throw InterchangeError(file: file, line: accounts.first?.line ?? 0,
                                                       text + "; correct the file, or import with --suspense to post the difference there")
                            }
                            box.withLock { $0.warnings.append(text + "; the difference went to suspense account \(suspense.code)") }
                            lines.append(("\u{0}suspense", -difference, 0))
                            mapping["\u{0}suspense"] = suspense.code
                        }
                        guard lines.count >= 2 else { return }
                        // A control account opens per customer or supplier, from their own opening balances.
                        var opening: [SAFTLine] = []
                        for (account, amount, line) in lines {
                            guard let target = mapping[account], session.account(target)?.control?.needsRelation == true else {
                                opening.append(SAFTLine(account: account, amount: amount, party: nil, description: nil, line: line))
                                continue
                            }
                            let split = partyOpenings.filter { $0.account == account }
                            let total = split.reduce(0) { $0 + $1.amount }
                            guard total == amount else {
                                let d = session.administration.currency.minorDigits
                                throw InterchangeError(file: file, line: line, "account \(account) opens at "
                                    + Money.formatGrouped(amount, digits: d) + " but its customers and suppliers open at "
                                    + Money.formatGrouped(total, digits: d) + "; a control account opens per relation")
                            }
                            opening += split.map { SAFTLine(account: account, amount: $0.amount, party: $0.id, description: nil, line: line) }
                        }
                        session.ensureYear(containing: start)
                        try Self.post(opening,
                                      session: &session, mapping: mapping, file: file, date: start, kind: .opening,
                                      description: "Inngående balanse (SAF-T)", journal: session.generalJournal ?? "MEM",
                                      reference: "opening/\(start)", line: accounts.first?.line ?? 0)
                    case .transaction(let journal, let id, let date, let description, let lines, let line):
                        box.withLock { $0.transactions += 1 }
                        session.ensureYear(containing: date)
                        let completed = lines.map { l -> SAFTLine in
                            var l = l
                            if l.party == nil { l.party = soleParty[l.account] }
                            return l
                        }
                        try Self.post(completed, session: &session, mapping: mapping, file: file, date: date, kind: .standard,
                                      description: description.isEmpty ? "SAF-T \(journal) \(id)" : description,
                                      journal: session.generalJournal ?? "MEM", reference: "\(journal)/\(id)", line: line)
                    }
                }
            }
            return box.withLock { s in
                var result = s
                result.imported = imported
                return result
            }
        } catch let error as LedgerError where error.line != nil {
            throw InterchangeError(file: file, line: error.line!, error.message)
        }
    }

    static func post(_ lines: [SAFTLine], session: inout ImportSession, mapping: [String: String], file: String, date: LocalDate,
                     kind: EntryKind, description: String, journal: String, reference: String, line: Int) throws {
        var drafts: [EntryLineDraft] = []
        for l in lines where l.amount != 0 {
            guard let target = mapping[l.account] else {
                throw InterchangeError(file: file, line: l.line, "account \(l.account) maps onto no account of administration "
                    + "\(session.administration.id); give it a row in --mapping")
            }
            let control = session.account(target)?.control
            if control?.needsRelation == true, l.party == nil {
                throw InterchangeError(file: file, line: l.line, "account \(l.account) → \(target) is a control account and the "
                    + "line names no customer or supplier")
            }
            drafts.append(EntryLineDraft(account: target, amount: l.amount,
                                         relation: l.party.flatMap { session.hasRelation($0) ? $0 : nil }, description: l.description))
        }
        guard drafts.count >= 2 else { return }
        try session.post(EntryDraft(journal: journal, date: date, description: description, source: source, reference: reference,
                                    kind: kind, lines: drafts), line: line)
    }
}
