import Core
import Ledger
import Templates

/// One consolidation run: group by group (sub-groups first), entity by entity, with the charts and names it met.
struct GroupRun {
    let service: ConsolidationService
    let set: TemplateSet
    let rates: RateBook
    var names: [String: String] = [:]
    /// Each administration's year, read once for every snapshot of the run.
    private var books: [String: EntityBooks] = [:]
    /// Snapshots made in this run: a month's opening is the month before's closing.
    private var snapshots: [String: (snapshot: ConsolidatedSnapshot, entities: [EntitySnapshot])] = [:]
    /// Per administration, its accounts on the group chart.
    var mappings: [String: [String: String]] = [:]
    private var charts: [String: ([Account], ConsolidationAccountCodes)] = [:]

    init(service: ConsolidationService, set: TemplateSet, rates: RateBook) {
        self.service = service
        self.set = set
        self.rates = rates
    }

    var ledger: LedgerService { service.workspace.ledger }

    /// The group chart (with the consolidation accounts it lacks) and the consolidation accounts' codes.
    mutating func chart(_ group: GroupDefinition) throws -> ([Account], ConsolidationAccountCodes) {
        if let known = charts[group.chart] { return known }
        let rendered = try set.render(template: group.chart)
        do {
            let result = try group.consolidationChart(rendered.accounts)
            charts[group.chart] = (result.accounts, result.codes)
            return (result.accounts, result.codes)
        } catch { throw ConsolidationError(error.message) }
    }

    /// Administrations inside `group`, at any depth.
    func administrations(in group: GroupDefinition) -> [String] {
        var result = [group.parent]
        for member in group.members {
            switch member.entity {
            case .administration(let id): result.append(id)
            case .group(let name): result += set.groups[name].map(administrations(in:)) ?? []
            }
        }
        return result
    }

    /// The group at the end of `through` (nil: at the start of the year that begins on `yearStart`), with the
    /// entity snapshots it was made from (intercompany counterparties as administration ids).
    mutating func snapshot(_ group: GroupDefinition, yearStart: LocalDate, through: LocalDate?) async throws
        -> (snapshot: ConsolidatedSnapshot, entities: [EntitySnapshot])
    {
        let cacheKey = "\(group.name)|\(yearStart)|\(through.map(\.description) ?? "start")"
        if let known = snapshots[cacheKey] { return known }
        let made = try await makeSnapshot(group, yearStart: yearStart, through: through)
        snapshots[cacheKey] = made
        return made
    }

    private mutating func makeSnapshot(_ group: GroupDefinition, yearStart: LocalDate, through: LocalDate?) async throws
        -> (snapshot: ConsolidatedSnapshot, entities: [EntitySnapshot])
    {
        let date = through ?? yearStart.adding(days: -1)
        let (chart, codes) = try chart(group)
        let groupTypes = Dictionary(chart.map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a })
        // A member counts from its acquisition on: at the start of the year it was acquired in, not yet.
        let present = group.members.filter { $0.acquired <= date }
        var keyOf: [String: String] = [group.parent: group.parent]
        for member in present {
            switch member.entity {
            case .administration(let id): keyOf[id] = id
            case .group(let name):
                for id in set.groups[name].map(administrations(in:)) ?? [] { keyOf[id] = member.entity.key }
            }
        }
        let parentBooks = try await read(group.parent, yearStart: yearStart, points: [])
        var entities = [try entity(parentBooks, member: nil, group: group, chart: chart, yearStart: yearStart, through: through,
                                   groupAccounts: mapping(parentBooks, group: group, chart: chart))]
        for member in present {
            switch member.entity {
            case .administration(let id):
                let books = try await read(id, yearStart: yearStart,
                                           points: try equityPoints(member, id: id, group: group, yearStart: yearStart))
                entities.append(try entity(books, member: member, group: group, chart: chart, yearStart: yearStart,
                                           through: through, groupAccounts: mapping(books, group: group, chart: chart)))
            case .group(let name):
                entities.append(try await subgroup(name, member: member, parent: group, groupTypes: groupTypes,
                                                   codes: codes, yearStart: yearStart, through: through))
            }
        }
        for e in entities where names[e.entity.key] == nil { names[e.entity.key] = e.name }
        // Counterparties as this level sees them: an administration, or the sub-group that holds it.
        let atThisLevel = entities.map { e in
            var copy = e
            copy.intercompany = e.intercompany.compactMap { item in
                guard let key = keyOf[item.counterparty], key != e.entity.key else { return nil }
                var mapped = item
                mapped.counterparty = key
                return mapped
            }
            return copy
        }
        var definition = group
        definition.members = present
        let snapshot = try ConsolidationEngine(group: definition, groupTypes: groupTypes, accounts: codes)
            .consolidate(atThisLevel, date: date, yearStart: yearStart)
        return (snapshot, entities)
    }

    /// An administration's accounts on the group chart, worked out once per run.
    mutating func mapping(_ books: EntityBooks, group: GroupDefinition, chart: [Account]) -> [String: String] {
        let key = "\(group.name)|\(books.administration.id)"
        if let known = mappings[key] { return known }
        let made = groupAccounts(books, group: group, chart: chart)
        mappings[key] = made
        return made
    }

    /// An administration's year, from the run's cache.
    mutating func read(_ admin: String, yearStart: LocalDate, points: [LocalDate]) async throws -> EntityBooks {
        let key = "\(admin)|\(yearStart)|" + points.map(\.description).joined(separator: ",")
        if let known = books[key] { return known }
        let read = try await EntityBooks.read(ledger, admin: admin, yearStart: yearStart, equityPoints: points)
        books[key] = read
        return read
    }

    /// The start of the fiscal year of `admin` that contains `date`.
    func fiscalYearStart(of admin: String, containing date: LocalDate) async throws -> LocalDate {
        let administration = try await ledger.store.read { tx in try tx.administration(admin) }
        guard let administration else { throw ConsolidationError("administration \(admin) does not exist") }
        let calendar = try FiscalCalendar(startMonth: administration.fiscalYearStart)
        return calendar.startOfYear(calendar.fiscalYear(containing: date))
    }

    /// Where a member's equity must be read: at acquisition, and — for a foreign one — at the start of each later
    /// year before this one (each year's growth is translated at that year's average rate).
    func equityPoints(_ member: GroupMember, id: String, group: GroupDefinition, yearStart: LocalDate) throws -> [LocalDate] {
        guard member.equityAtAcquisition == nil else { return [] }
        if member.acquired > yearStart {
            guard member.acquired.day == 1 else {
                throw ConsolidationError("group \(group.name): \(id) was acquired on \(member.acquired), during the year; "
                    + "an acquisition during the year is consolidated from the first of a month")
            }
            return [member.acquired]
        }
        var points = [member.acquired]
        var next = yearStart
        while next > member.acquired {
            points.append(next)
            next = next.adding(months: -12)
        }
        return points.sorted()
    }
}
