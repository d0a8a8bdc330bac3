public import Core
import Foundation
public import Ledger
import Synchronization

/// A switch of systems from CSV files, in one transaction: the chart, the relations (with invoice delivery and
/// IBAN), and either the opening balance only, or the opening balance plus the movements per month up to the switch
/// date. Open items come across as opening lines on the control accounts against interim accounts, which must be
/// zero on the switch date: any that is not is reported.
public struct CSVMigration: Sendable {
    public struct Files: Sendable {
        public var chart: String?
        public var relations: String?
        public var opening: String?
        public var movements: String?

        public init(chart: String? = nil, relations: String? = nil, opening: String? = nil, movements: String? = nil) {
            self.chart = chart
            self.relations = relations
            self.opening = opening
            self.movements = movements
        }
    }

    public struct Summary: Sendable, Codable {
        public var accounts = 0
        public var relations = 0
        public var openingLines = 0
        public var months = 0
        /// Interim accounts that are not zero on the switch date, with their balance.
        public var interimNotZero: [String: Int64] = [:]
        public var imported: ImportSummary?
    }

    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

    static let source = "csv-migration"

    struct Row {
        var line: Int
        var fields: [String: String]
    }

    /// The records of a CSV file by header name; the header must hold `required`.
    static func rows(_ path: String, required: [String]) throws -> (file: String, rows: [Row]) {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InterchangeError(file: file, line: 0, "the file does not exist or cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InterchangeError(file: file, line: 0, "the file is not UTF-8 text")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader().records(in: text, file: file) } catch {
            throw InterchangeError(file: file, line: 0, error.message)
        }
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw InterchangeError(file: file, line: 1, "the file is empty; the first line names the columns")
        }
        for name in required where !header.contains(name) {
            throw InterchangeError(file: file, line: 1, "the header lacks column '\(name)' (needs " + required.joined(separator: ",") + ")")
        }
        var rows: [Row] = []
        for r in records.dropFirst() where !(r.fields.count == 1 && r.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
            guard r.fields.count == header.count else {
                throw InterchangeError(file: file, line: r.line, "\(r.fields.count) fields, the header has \(header.count)")
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, r.fields) { fields[name] = value.trimmingCharacters(in: .whitespaces) }
            rows.append(Row(line: r.line, fields: fields))
        }
        return (file, rows)
    }

    static func amount(_ text: String, _ currency: CurrencyCode, file: String, line: Int, field: String) throws -> Int64 {
        if text.contains(",") {
            throw InterchangeError(file: file, line: line, "field \(field): '\(text)' has a comma; write amounts as -1234.56")
        }
        do { return try Money(parsing: text, currency: currency, field: field).minorUnits } catch {
            throw InterchangeError(file: file, line: line, "field \(field): '\(text)' is not an amount in \(currency) (write -1234.56)")
        }
    }

    /// Runs the migration up to `switchDate`; `interim` names the interim accounts (default: the chart's
    /// tussenrekeningen and suspense account).
    public func run(_ files: Files, into admin: String, switchDate: LocalDate, interim: [String]? = nil, dryRun: Bool = false)
        async throws -> Summary
    {
        // Read and check every file first: nothing is written unless all of them are right.
        let chart = try files.chart.map { try Self.rows($0, required: ["code", "name", "type"]) }
        let relations = try files.relations.map { try Self.rows($0, required: ["number", "name", "kind"]) }
        let opening = try files.opening.map { try Self.rows($0, required: ["account", "amount"]) }
        let movements = try files.movements.map { try Self.rows($0, required: ["month", "account", "amount"]) }
        let box = Mutex(Summary())
        let imported = try await ledger.importEntries(into: admin, replaySource: Self.source, dryRun: dryRun) { session in
            let currency = session.administration.currency
            for (file, rows) in [chart].compactMap({ $0 }) {
                for r in rows {
                    let code = r.fields["code"] ?? ""
                    guard !code.isEmpty else { throw InterchangeError(file: file, line: r.line, "field code is empty") }
                    guard let type = AccountType(rawValue: r.fields["type"] ?? "") else {
                        throw InterchangeError(file: file, line: r.line, "field type: '\(r.fields["type"] ?? "")' is not asset, "
                            + "liability, equity, revenue or expense")
                    }
                    if session.account(code) == nil {
                        session.create(Account(code: code, name: r.fields["name"] ?? code, type: type,
                                               normalSide: type == .asset || type == .expense ? .debit : .credit,
                                               rgsCode: r.fields["rgs"].flatMap { $0.isEmpty ? nil : $0 }))
                    }
                    box.withLock { $0.accounts += 1 }
                }
            }
            for (file, rows) in [relations].compactMap({ $0 }) {
                for r in rows {
                    let number = r.fields["number"] ?? ""
                    guard !number.isEmpty else { throw InterchangeError(file: file, line: r.line, "field number is empty") }
                    guard let kind = RelationKind(rawValue: r.fields["kind"] ?? "") else {
                        throw InterchangeError(file: file, line: r.line, "field kind: '\(r.fields["kind"] ?? "")' is not customer, supplier or both")
                    }
                    let deliveryText = r.fields["delivery"].flatMap { $0.isEmpty ? nil : $0 } ?? "email"
                    guard let delivery = InvoiceDelivery(rawValue: deliveryText) else {
                        throw InterchangeError(file: file, line: r.line, "field delivery: '\(deliveryText)' is not email, post, peppol or portal")
                    }
                    let iban = r.fields["iban"].flatMap { $0.isEmpty ? nil : $0.replacingOccurrences(of: " ", with: "").uppercased() }
                    if let iban, !IBAN.isValid(iban) {
                        throw InterchangeError(file: file, line: r.line, "field iban: '\(iban)' is not a valid IBAN (its check digits fail)")
                    }
                    let terms = r.fields["terms"].flatMap { $0.isEmpty ? nil : Int($0) } ?? 30
                    guard !session.hasRelation(number) else {
                        throw InterchangeError(file: file, line: r.line, "relation \(number) exists already in \(admin)")
                    }
                    session.create(Relation(number: number, name: r.fields["name"] ?? number, kind: kind, iban: iban,
                                            vatNumber: r.fields["vat"].flatMap { $0.isEmpty ? nil : $0 },
                                            chamberOfCommerce: r.fields["coc"].flatMap { $0.isEmpty ? nil : $0 },
                                            paymentTermDays: terms, invoiceDelivery: delivery))
                    box.withLock { $0.relations += 1 }
                }
            }
            let calendar = try FiscalCalendar(startMonth: session.administration.fiscalYearStart)
            let yearStart = calendar.startOfYear(calendar.fiscalYear(containing: switchDate))
            if let (file, rows) = opening {
                session.ensureYear(containing: yearStart)
                var lines: [EntryLineDraft] = []
                for r in rows {
                    let account = r.fields["account"] ?? ""
                    guard session.account(account) != nil else {
                        throw InterchangeError(file: file, line: r.line, "field account: \(account) is not in the chart of \(admin)")
                    }
                    let due = try r.fields["due"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
                        do { return try LocalDate(parsing: text, field: "due") } catch {
                            throw InterchangeError(file: file, line: r.line, "field due: '\(text)' is not a date (YYYY-MM-DD)")
                        }
                    }
                    let value = try Self.amount(r.fields["amount"] ?? "", currency, file: file, line: r.line, field: "amount")
                    guard value != 0 else { continue }
                    lines.append(EntryLineDraft(account: account, amount: value,
                                                relation: r.fields["relation"].flatMap { $0.isEmpty ? nil : $0 },
                                                invoice: r.fields["invoice"].flatMap { $0.isEmpty ? nil : $0 }, dueDate: due))
                }
                box.withLock { $0.openingLines = lines.count }
                if !lines.isEmpty {
                    do {
                        try session.post(EntryDraft(journal: session.generalJournal ?? "MEM", date: yearStart, description: "Beginbalans (migratie)",
                                                    source: Self.source, reference: "opening/\(yearStart)", kind: .opening, lines: lines),
                                         line: rows.first?.line)
                    } catch let e as LedgerError {
                        throw InterchangeError(file: file, line: e.line ?? 0, "the opening balance: " + e.message)
                    }
                }
            }
            if let (file, rows) = movements {
                var byMonth: [String: [(EntryLineDraft, Int)]] = [:]
                for r in rows {
                    let month = r.fields["month"] ?? ""
                    guard let first = try? LocalDate(parsing: month + "-01", field: "month"), first >= yearStart,
                          first <= switchDate.firstOfMonth else {
                        throw InterchangeError(file: file, line: r.line, "field month: '\(month)' is not a month (YYYY-MM) from \(yearStart) "
                            + "up to the switch date \(switchDate)")
                    }
                    let account = r.fields["account"] ?? ""
                    guard session.account(account) != nil else {
                        throw InterchangeError(file: file, line: r.line, "field account: \(account) is not in the chart of \(admin)")
                    }
                    let value = try Self.amount(r.fields["amount"] ?? "", currency, file: file, line: r.line, field: "amount")
                    if value != 0 { byMonth[month, default: []].append((EntryLineDraft(account: account, amount: value), r.line)) }
                }
                for month in byMonth.keys.sorted() {
                    let first = try LocalDate(parsing: month + "-01", field: "month")
                    let lines = byMonth[month]!
                    session.ensureYear(containing: first)
                    do {
                        try session.post(EntryDraft(journal: session.generalJournal ?? "MEM", date: min(first.lastOfMonth, switchDate),
                                                    description: "Mutaties \(month) (migratie)", source: Self.source,
                                                    reference: "movements/\(month)", lines: lines.map(\.0)), line: lines[0].1)
                    } catch let e as LedgerError {
                        throw InterchangeError(file: file, line: e.line ?? lines[0].1, "the movements of \(month): " + e.message)
                    }
                    box.withLock { $0.months += 1 }
                }
            }
        }
        // Interim accounts must be zero on the switch date; the import reports any that is not (after a dry run the
        // books hold nothing new, so only a real run can say).
        if dryRun { return box.withLock { s in var r = s; r.imported = imported; return r } }
        let accounts = try await ledger.accounts(admin)
        let interimCodes = interim ?? accounts.filter { $0.rgsCode?.contains("Tus") == true || $0.control == .suspense }.map(\.code)
        let calendar = try FiscalCalendar(startMonth: try await ledger.administrations().first { $0.id == admin }!.fiscalYearStart)
        let tb = try await ledger.trialBalance(admin, from: calendar.startOfYear(calendar.fiscalYear(containing: switchDate)), to: switchDate)
        return box.withLock { s in
            var result = s
            for row in tb.rows where interimCodes.contains(row.account) && row.closing != 0 { result.interimNotZero[row.account] = row.closing }
            result.imported = imported
            return result
        }
    }
}
