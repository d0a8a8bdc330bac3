public import Core
public import Ledger
import Store

/// Makes reports over an administration from its live layouts and maintained balances: a handful of reads,
/// never a scan of its postings.
public struct ReportService: Sendable {
    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

    /// The columns of a report: the range asked for, then the other kinds in the order given.
    public static func columnRanges(_ kinds: [ColumnKind], range: ClosedRange<LocalDate>, calendar: FiscalCalendar)
        -> [(ColumnKind, ClosedRange<LocalDate>)]
    {
        var result: [(ColumnKind, ClosedRange<LocalDate>)] = []
        for kind in [.period] + kinds where !result.contains(where: { $0.0 == kind }) {
            result.append((kind, ReportPeriod.range(kind, of: range, calendar: calendar)))
        }
        return result
    }

    /// Reports from the administration's layouts of `kind` (or the one named `layout`) over `range`, with
    /// `columns` beside it.
    public func reports(_ admin: String, kind: ReportKind, layout: String? = nil, range: ClosedRange<LocalDate>,
                        columns: [ColumnKind] = []) async throws -> [Report] {
        let setup = try await ledger.reportSetup(admin)
        let chosen = setup.layouts.filter { candidate in layout.map { candidate.id == $0 } ?? (candidate.kind == kind) }
        guard !chosen.isEmpty else {
            throw ReportingError("no-layout", layout.map { "administration \(admin) has no report layout '\($0)'" }
                ?? "administration \(admin) has no \(kind.rawValue) layout; its template defines none, or no template "
                + "configuration was applied to it yet")
        }
        let derived: Set<ColumnKind> = [.difference, .differencePercent]
        let bases = try await bases(setup, range: range, columns: columns.filter { !derived.contains($0) })
        return try chosen.map { layout in
            let report = try ReportEngine(layout: layout, accounts: setup.accounts)
                .evaluate(administration: admin, currency: setup.administration.currency, columns: bases)
            return columns.contains(.budget) ? Self.withDifferences(report) : report
        }
    }

    /// Budget against actual: beside the budget column, the period's actual minus the budget and that as a
    /// percentage of the budget (nothing where there is no budget, or it is zero).
    static func withDifferences(_ report: Report) -> Report {
        guard let budget = report.columns.firstIndex(where: { $0.kind == .budget }) else { return report }
        var r = report
        let period = r.columns[0]
        r.columns.insert(ReportColumn(kind: .difference, from: period.from, to: period.to,
                                      available: r.columns[budget].available), at: budget + 1)
        r.columns.insert(ReportColumn(kind: .differencePercent, from: period.from, to: period.to,
                                      available: r.columns[budget].available), at: budget + 2)
        for i in r.rows.indices {
            let values = r.rows[i].values
            var difference = ReportValue.missing, percent = ReportValue.missing
            if let actual = values[0].amount, let planned = values[budget].amount {
                difference = .amount(actual - planned)
                if planned != 0 {
                    let tenths = (Int128(actual - planned) * 1000) / Int128(planned.magnitude)
                    percent = .number(DecimalNumber(mantissa: Int64(tenths), scale: 1), .percent)
                }
            }
            r.rows[i].values.insert(contentsOf: [difference, percent], at: budget + 1)
            for j in r.rows[i].accounts.indices {
                let amounts = r.rows[i].accounts[j].amounts
                r.rows[i].accounts[j].amounts.insert(contentsOf: [amounts[0] - amounts[budget], 0], at: budget + 1)
            }
        }
        return r
    }

    /// The column bases: one read of trial balances for all columns, and the figures of their months.
    func bases(_ setup: ReportSetup, range: ClosedRange<LocalDate>, columns: [ColumnKind]) async throws -> [ColumnBasis] {
        let admin = setup.administration.id
        let calendar = try FiscalCalendar(startMonth: setup.administration.fiscalYearStart)
        let ranges = Self.columnRanges(columns, range: range, calendar: calendar)
        for (kind, r) in ranges where calendar.fiscalYear(containing: r.lowerBound) != calendar.fiscalYear(containing: r.upperBound) {
            throw ReportingError("invalid-range", "the \(kind.rawValue) column \(r.lowerBound)…\(r.upperBound) spans two "
                + "fiscal years; a report column covers one")
        }
        let balances = try await ledger.trialBalances(admin, ranges: ranges.map(\.1))
        var result: [ColumnBasis] = []
        for ((kind, r), tb) in zip(ranges, balances) {
            if kind == .budget {
                // Budgets are movements per account: the P&L, the cash flow's result and KPIs over a range.
                let amounts = try await ledger.budgetAmounts(admin, from: r.lowerBound, to: r.upperBound)
                result.append(ColumnBasis(column: ReportColumn(kind: kind, from: r.lowerBound, to: r.upperBound,
                                                               available: amounts != nil),
                                          movement: amounts ?? [:]))
                continue
            }
            var basis = ColumnBasis(column: ReportColumn(kind: kind, from: r.lowerBound, to: r.upperBound,
                                                         available: tb != nil))
            for row in tb?.rows ?? [] {
                basis.opening[row.account] = row.opening
                basis.movement[row.account] = row.debit - row.credit
            }
            if tb != nil { basis.figures = try await ledger.figures(admin, from: r.lowerBound, to: r.upperBound) }
            result.append(basis)
        }
        return result
    }

    /// The VAT return over whole months `from`…`to`.
    public func vatReturn(_ admin: String, from: LocalDate, to: LocalDate) async throws -> VATReturn {
        let setup = try await ledger.reportSetup(admin)
        let totals = try await ledger.vatTotals(admin, from: from, to: to)
        let builder = VATReturnBuilder(codes: setup.vatCodes, currency: setup.administration.currency)
        let icpCodes = Set(setup.vatCodes.filter { $0.box == "3b" }.map(\.code))
        let customers = Set(totals.filter { icpCodes.contains($0.code) && !$0.relation.isEmpty }.map(\.relation))
        let relations = try await ledger.relations(admin, numbers: customers)
        return builder.build(administration: admin, currency: setup.administration.currency, from: from, to: to,
                             totals: totals, relations: relations)
    }
}
