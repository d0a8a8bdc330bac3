public import Core

/// Generates demo administrations with a realistic year of books, deterministically from a seed.
///
/// Every entry goes through the ordinary posting rules, so the demo can only ever hold valid books.
public struct DemoGenerator: Sendable {
    public struct Options: Sendable {
        public var administrations: Int
        public var seed: UInt64
        public var year: Int
        /// Entries are dated up to and including this day; periods ending two months before it are closed.
        public var through: LocalDate
        public var clusters: [String]
        /// Multiplies the number of sales and purchase invoices (1 = a small business's year).
        public var volume: Int
        /// Leaves things undone unevenly (an unfiled return, suspense, lagging depreciation, drift, budgets off),
        /// so the monitor has work to show.
        public var attention: Bool

        public init(administrations: Int, seed: UInt64, year: Int, through: LocalDate? = nil,
                    clusters: [String] = ["mkb", "landbouw", "horeca"], volume: Int = 1, attention: Bool = true) {
            self.administrations = administrations
            self.seed = seed
            self.year = year
            self.through = through ?? (try! LocalDate(year: year, month: 12, day: 31))
            self.clusters = clusters
            self.volume = max(1, volume)
            self.attention = attention
        }
    }

    /// What the generator made.
    public struct Report: Sendable, Codable, Equatable {
        public var administrations: [String]
        public var entries: Int
        public var lines: Int
        public var bankLines: Int
    }

    /// Creates one demo administration (in the fiscal year given); by default from `chart` directly.
    public typealias Provisioner = @Sendable (Administration, Int) async throws -> Void

    public let ledger: LedgerService
    /// The chart the demo's bookings are drawn from (every cluster's chart must hold its accounts).
    public let chart: ChartOfAccounts
    public let provision: Provisioner?

    public init(ledger: LedgerService, chart: ChartOfAccounts, provision: Provisioner? = nil) {
        self.ledger = ledger
        self.chart = chart
        self.provision = provision
    }

    /// Creates `options.administrations` administrations, skipping ids that already exist.
    public func run(_ options: Options, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Report {
        let existing = Set(try await ledger.administrations().map(\.id))
        var report = Report(administrations: [], entries: 0, lines: 0, bankLines: 0)
        let accounts = try DemoAccounts(chart: chart)
        for index in 0..<options.administrations {
            let cluster = options.clusters[index % options.clusters.count]
            let id = "\(cluster)-" + String(format4: index / options.clusters.count + 1)
            progress?(index + 1, options.administrations)
            guard !existing.contains(id) else { continue }
            var rng = SeededGenerator(seed: options.seed &+ UInt64(index) &* 0x9E37_79B9)
            let attention = DemoAttention(index: index, enabled: options.attention)
            let book = DemoBook(id: id, cluster: cluster, year: options.year, through: options.through,
                                volume: options.volume, accounts: accounts, attention: attention, rng: &rng)
            let admin = book.administration
            if let provision {
                try await provision(admin, options.year)
            } else {
                _ = try await ledger.createAdministration(admin, chart: chart, openYear: options.year)
            }
            for relation in book.relations { try await ledger.save(relation, in: id) }
            for centre in book.costCentres { try await ledger.save(centre, in: id) }
            let results = try await ledger.post(book.entries, to: id)
            var bankLines: [BankStatementLine] = []
            for (i, result) in results.enumerated() where book.entries[i].journal == "BNK" {
                let entry = result.entry
                guard let line = entry.lines.first(where: { $0.account == accounts.bank }) else { continue }
                bankLines.append(BankStatementLine(
                    id: 0, account: accounts.bank, date: entry.date,
                    amount: Money(minorUnits: line.amount, currency: admin.currency),
                    counterpartyName: entry.lines.compactMap(\.relation).first.flatMap { r in
                        book.relations.first { $0.number == r }?.name },
                    counterpartyIBAN: nil, description: entry.description, reference: "BNK-\(entry.number)",
                    entryID: entry.id))
            }
            bankLines += book.unprocessedBankLines
            report.bankLines += try await ledger.addBankLines(bankLines, to: id)
            let undone = try await leaveUndone(book, attention, accounts: accounts, options: options)
            report.entries += undone.entries
            report.lines += undone.lines
            for period in 1...12 {
                let end = FiscalCalendar.monthEnd(year: options.year, period: period)
                if end.adding(months: attention.closingLag) <= options.through {
                    try await ledger.setPeriod(.closed, year: options.year, period: period, in: id)
                }
            }
            report.administrations.append(id)
            report.entries += results.count
            report.lines += results.reduce(0) { $0 + $1.entry.lines.count }
        }
        return report
    }
}

extension String {
    init(format4 n: Int) {
        let digits = n.description
        self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}

extension FiscalCalendar {
    static func monthEnd(year: Int, period: Int) -> LocalDate {
        (try! LocalDate(year: year, month: period, day: 1)).lastOfMonth
    }
}

/// The accounts the demo books to, found in the chart by control role and RGS code.
struct DemoAccounts: Sendable {
    var bank, receivables, payables, vatHigh, vatLow, vatReceivable, vatSettlement, netWages, payrollTax: String
    var exchange, equity, revenueHigh, revenueLow, wages, social, inventory, depreciation, accumulated: String
    var expenses: [String]

    init(chart: ChartOfAccounts) throws {
        func role(_ r: ControlRole) throws -> String {
            guard let a = chart.account(for: r) else {
                throw LedgerError("invalid-chart", "control", "the demo needs an account with control role \(r.rawValue)")
            }
            return a.code
        }
        func rgs(_ code: String) throws -> String {
            guard let a = chart.accounts.first(where: { $0.rgsCode == code }) else {
                throw LedgerError("invalid-chart", "rgs", "the demo needs an account with RGS code \(code)")
            }
            return a.code
        }
        bank = try role(.bank); receivables = try role(.receivables); payables = try role(.payables)
        vatHigh = try role(.vatPayableHigh); vatLow = try role(.vatPayableLow)
        vatReceivable = try role(.vatReceivable); vatSettlement = try role(.vatSettlement)
        netWages = try role(.netWages); payrollTax = try role(.payrollTax); exchange = try role(.exchangeDifferences)
        equity = try role(.retainedEarnings)
        revenueHigh = try rgs("WOmzNohOlh"); revenueLow = try rgs("WOmzNohOlv")
        wages = try rgs("WPerLesLon"); social = try rgs("WPerSolPsv")
        inventory = try rgs("BMvaBeiVvp"); depreciation = try rgs("WAfsAmvBei"); accumulated = try rgs("BMvaBeiCae")
        expenses = chart.accounts.filter { $0.type == .expense && $0.vatCode == "I21" && $0.normalSide == .debit }
            .map(\.code)
        guard expenses.count >= 5 else {
            throw LedgerError("invalid-chart", "accounts", "the demo needs expense accounts with VAT code I21")
        }
    }
}
