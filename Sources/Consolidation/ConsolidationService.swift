public import Core
import Foundation
import GitSource
import Ledger
import Reporting
import Store
import Templates
public import Workspace

/// Consolidates groups of administrations: reads each group's reviewed definition, the entities' books and the
/// rates, runs the engine at the range's start and end, and lays the result out on the group chart's reports.
public struct ConsolidationService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Per group, the revision its definition is read at: the one a distribution last applied, else the seed.
    public func groupRevisions() async throws -> [String: String] {
        var revisions = try await workspace.store.read { tx in try tx.appliedGroups() }
        if let seed = try workspace.templates.log(from: workspace.settings.branch).last?.id.hex {
            for name in try workspace.templateSet(at: seed).groups.keys where revisions[name] == nil { revisions[name] = seed }
        }
        return revisions
    }

    /// Every group as reviewed, by name.
    public func groups() async throws -> [GroupDefinition] {
        var result: [GroupDefinition] = []
        for (name, revision) in try await groupRevisions().sorted(by: { $0.key < $1.key }) {
            if let group = try workspace.templateSet(at: revision).groups[name] { result.append(group) }
        }
        return result
    }

    /// The consolidation of `name` over `range` (whole months within one fiscal year of the parent).
    public func consolidate(_ name: String, range: ClosedRange<LocalDate>) async throws -> Consolidation {
        try await consolidate(name, ranges: [range])[0]
    }

    /// Consolidations of `name` over several ranges, reading each entity's books once for all of them.
    public func consolidate(_ name: String, ranges: [ClosedRange<LocalDate>]) async throws -> [Consolidation] {
        let revisions = try await groupRevisions()
        guard let revision = revisions[name] else {
            throw ConsolidationError("group \(name) does not exist (or was never reviewed); groups: "
                + revisions.keys.sorted().joined(separator: ", "))
        }
        let set = try workspace.templateSet(at: revision)
        guard let group = set.groups[name] else {
            throw ConsolidationError("group \(name) was removed at revision \(revision.prefix(7))")
        }
        let rates = RateBook(try await workspace.store.read { tx in try tx.exchangeRates() })
        var run = GroupRun(service: self, set: set, rates: rates)
        let (chart, codes) = try run.chart(group)
        let rendered = try set.render(template: group.chart)
        var result: [Consolidation] = []
        for range in ranges {
            let yearStart = try await run.fiscalYearStart(of: group.parent, containing: range.lowerBound)
            guard try await run.fiscalYearStart(of: group.parent, containing: range.upperBound) == yearStart else {
                throw ConsolidationError("\(range.lowerBound) and \(range.upperBound) lie in different fiscal years of "
                    + "\(group.parent); consolidate one year at a time")
            }
            guard range.lowerBound.day == 1, range.upperBound == range.upperBound.lastOfMonth else {
                throw ConsolidationError("a consolidation covers whole months: \(range.lowerBound) to \(range.upperBound) does not")
            }
            let opening = try await run.snapshot(group, yearStart: yearStart,
                                                 through: range.lowerBound == yearStart ? nil : range.lowerBound.adding(days: -1))
            let closing = try await run.snapshot(group, yearStart: yearStart, through: range.upperBound)
            var reports: [Report] = []
            for kind in [ReportKind.balanceSheet, .profitAndLoss, .cashFlow] {
                guard let layout = rendered.reports.first(where: { $0.kind == kind }) else { continue }
                let bases = closing.snapshot.columns.map { column in
                    let start = opening.snapshot.balances[column] ?? [:], end = closing.snapshot.balances[column] ?? [:]
                    var movement: [String: Int64] = [:]
                    for account in Set(start.keys).union(end.keys) {
                        let change = (end[account] ?? 0) - (start[account] ?? 0)
                        if change != 0 { movement[account] = change }
                    }
                    return ColumnBasis(column: ReportColumn(kind: .period, from: range.lowerBound, to: range.upperBound),
                                       opening: start, movement: movement)
                }
                reports.append(try ReportEngine(layout: layout, accounts: chart)
                    .evaluate(administration: group.name, currency: group.currency, columns: bases))
            }
            let nci = closing.snapshot.nonControllingResult - opening.snapshot.nonControllingResult
            var profit: Int64 = 0
            for account in chart where !account.type.isBalanceSheet && account.code != codes.nonControllingResult {
                profit -= (closing.snapshot.total[account.code] ?? 0) - (opening.snapshot.total[account.code] ?? 0)
            }
            var names = run.names
            names[ConsolidatedSnapshot.translationColumn] = "Translation"
            names[ConsolidatedSnapshot.eliminationsColumn] = "Eliminations"
            names[ConsolidatedSnapshot.totalColumn] = "Total"
            result.append(Consolidation(group: group, revision: revision, from: range.lowerBound, to: range.upperBound,
                                        opening: opening.snapshot, closing: closing.snapshot, columnNames: names,
                                        chart: chart, reports: reports, nonControllingResult: nci, ownersResult: profit - nci))
        }
        return result
    }
}

extension ConsolidationService {
    /// The range a period names for `group` (`2026`, `2026-Q3`, `2026-09`, on its parent's fiscal calendar); without
    /// one, the parent's fiscal year up to the end of the month of `today`.
    public func range(of name: String, period: String?, today: LocalDate) async throws -> ClosedRange<LocalDate> {
        guard let group = try await groups().first(where: { $0.name == name }) else {
            throw ConsolidationError("group \(name) does not exist")
        }
        let administration = try await workspace.store.read { tx in try tx.administration(group.parent) }
        guard let administration else { throw ConsolidationError("administration \(group.parent) does not exist") }
        let calendar = try FiscalCalendar(startMonth: administration.fiscalYearStart)
        if let period {
            do { return try ReportPeriod.parse(period, calendar: calendar) } catch { throw ConsolidationError(error.message) }
        }
        return calendar.startOfYear(calendar.fiscalYear(containing: today))...today.lastOfMonth
    }
}
