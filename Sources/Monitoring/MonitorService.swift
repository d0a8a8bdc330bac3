public import Core
import Foundation
public import Ledger
import Store

/// The monitor over a bureau: facts gathered per administration and kept until it changes, indicators worked out
/// from the facts and today, thresholds from each administration's template unless the user set their own.
public struct MonitorService: Sendable {
    public let ledger: LedgerService
    /// Overviews kept between requests (a server's); nil computes every time.
    public let cache: MonitorCache?

    public init(ledger: LedgerService, cache: MonitorCache? = nil) {
        self.ledger = ledger
        self.cache = cache
    }

    /// What a refresh did.
    public struct Refresh: Sendable, Equatable {
        public var gathered: Int
        public var reused: Int

        public init(gathered: Int, reused: Int) {
            self.gathered = gathered
            self.reused = reused
        }
    }

    /// Gathers facts for every administration whose facts are missing, stale (it changed since), or from another
    /// month (KPIs and budgets are year to date); the rest are reused. Writes in batches, so readers keep going.
    @discardableResult
    public func refresh(today: LocalDate) async throws -> Refresh {
        let store = ledger.store
        let (admins, known) = try await store.read { tx in (try tx.administrations(), try tx.monitorFactsState()) }
        let month = String(today.description.prefix(7))
        let due = admins.filter { a in
            guard let state = known[a.id] else { return true }
            return state.stale || !state.asOf.hasPrefix(month)
        }
        var collector = FactsCollector()
        var index = 0
        while index < due.count {
            let batch = Array(due[index..<min(index + 250, due.count)])
            index += batch.count
            let (gathered, next) = try await store.read { [collector] tx in
                var c = collector
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                var out: [(String, [UInt8], String, String)] = []
                for admin in batch {
                    let facts = try c.collect(tx, admin: admin, today: today)
                    out.append((admin.id, MonitorSummary(facts).encoded(),
                                String(decoding: try encoder.encode(facts.thresholds), as: UTF8.self),
                                String(decoding: try encoder.encode(facts), as: UTF8.self)))
                }
                return (out, c)
            }
            collector = next
            try await store.write { tx in
                for (id, summary, thresholds, json) in gathered {
                    try tx.saveMonitorFacts(id, asOf: today.description, summary: summary, thresholds: thresholds, facts: json)
                }
            }
        }
        return Refresh(gathered: due.count, reused: admins.count - due.count)
    }

    /// Every administration's summary and thresholds (after a refresh). Thresholds are shared between the
    /// administrations of a template, so each distinct text is decoded once.
    func summaries(today: LocalDate) async throws -> [String: (MonitorSummary, [String: DecimalNumber])] {
        try await refresh(today: today)
        let rows = try await ledger.store.read { tx in try tx.monitorSummaries() }
        let decoder = JSONDecoder()
        var thresholds: [String: [String: DecimalNumber]] = [:]
        var result: [String: (MonitorSummary, [String: DecimalNumber])] = [:]
        result.reserveCapacity(rows.count)
        for row in rows {
            guard let summary = MonitorSummary(encoded: row.summary) else {
                throw MonitoringError("corrupt", "the monitor's facts of \(row.admin) cannot be read; they are gathered again "
                    + "when the administration next changes")
            }
            if thresholds[row.thresholds] == nil {
                thresholds[row.thresholds] = try decoder.decode([String: DecimalNumber].self, from: Data(row.thresholds.utf8))
            }
            result[row.admin] = (summary, thresholds[row.thresholds]!)
        }
        return result
    }

    /// One administration's full facts (after a refresh).
    func facts(_ admin: String) async throws -> MonitorFacts? {
        guard let json = try await ledger.store.read({ tx in try tx.monitorFacts(admin) }) else { return nil }
        return try JSONDecoder().decode(MonitorFacts.self, from: Data(json.utf8))
    }

    /// The administrations a user sees: theirs, their team's, or all of them.
    public func administrations(for user: String, scope: MonitorScope) async throws -> [Administration] {
        try await ledger.store.read { tx in
            let all = try tx.administrations()
            switch scope {
            case .bureau:
                return all
            case .personal:
                return all.filter { $0.responsible == user }
            case .team:
                let users = try tx.users()
                guard let team = users.first(where: { $0.name == user })?.team else {
                    throw MonitoringError("no-team", "\(user) belongs to no team; `ledgerops user team \(user) TEAM` sets one")
                }
                let members = Set(users.filter { $0.team == team }.map(\.name))
                return all.filter { $0.responsible.map(members.contains) ?? false }
            }
        }
    }

    /// The user's preferences: their own thresholds and switched-off indicators.
    func preferences(_ user: String) async throws -> [String: (threshold: DecimalNumber?, enabled: Bool)] {
        let stored = try await ledger.store.read { tx in try tx.monitorPreferences(user) }
        var result: [String: (DecimalNumber?, Bool)] = [:]
        for (id, p) in stored { result[id] = (try p.threshold.map { try DecimalNumber(parsing: $0, field: "threshold") }, p.enabled) }
        return result
    }

    /// The threshold that applies: the user's own, else the administration's template, else the catalogue's.
    static func threshold(_ entry: CatalogueEntry, template: [String: DecimalNumber], user: DecimalNumber?) -> DecimalNumber {
        user ?? template[entry.indicator.id] ?? entry.indicator.defaultThreshold
    }

    /// Per indicator, how many of the scope's administrations exceed it today.
    public func overview(user: String, scope: MonitorScope, today: LocalDate) async throws -> MonitorOverview {
        let key = "\(user)|\(scope.rawValue)|\(today)"
        if let cache {
            let generation = try await ledger.store.read { tx in try tx.monitorGeneration() }
            if let known = cache.get(key, generation: generation) { return known }
            // Gather what is stale first; the overview then belongs to the generation after that.
            try await refresh(today: today)
            let settled = try await ledger.store.read { tx in try tx.monitorGeneration() }
            let overview = try await computeOverview(user: user, scope: scope, today: today)
            cache.put(key, generation: settled, overview)
            return overview
        }
        return try await computeOverview(user: user, scope: scope, today: today)
    }

    func computeOverview(user: String, scope: MonitorScope, today: LocalDate) async throws -> MonitorOverview {
        let admins = try await administrations(for: user, scope: scope)
        let summaries = try await summaries(today: today)
        let prefs = try await preferences(user)
        let inScope = admins.compactMap { summaries[$0.id] }
        var counts: [IndicatorCount] = []
        for entry in Catalogue.entries {
            let pref = prefs[entry.indicator.id]
            var exceeding = 0, evaluated = 0
            if pref?.enabled ?? true {
                for (summary, template) in inScope {
                    guard let value = entry.value(summary, today) else { continue }
                    evaluated += 1
                    if entry.indicator.comparison.exceeds(value, Self.threshold(entry, template: template, user: pref?.threshold ?? nil)) {
                        exceeding += 1
                    }
                }
            }
            counts.append(IndicatorCount(indicator: entry.indicator, userThreshold: pref?.threshold ?? nil,
                                         enabled: pref?.enabled ?? true, exceeding: exceeding, evaluated: evaluated))
        }
        return MonitorOverview(user: user, scope: scope, today: today, administrations: admins.count, indicators: counts)
    }

    /// The administrations in scope that exceed one indicator, worst first, with the items behind each value; with
    /// `limit`, only the worst so many (their items are read from the full facts, the rest never are).
    public func drill(_ indicator: String, user: String, scope: MonitorScope, today: LocalDate, limit: Int? = nil) async throws
        -> [IndicatorReading]
    {
        guard let entry = Catalogue.byID[indicator] else {
            throw MonitoringError("unknown-indicator", "'\(indicator)' is not an indicator; `ledgerops monitor catalogue` lists them")
        }
        if let limit, limit < 1 {
            throw MonitoringError("invalid-limit", "limit must be at least 1, not \(limit)")
        }
        let admins = try await administrations(for: user, scope: scope)
        let summaries = try await summaries(today: today)
        let userThreshold = try await preferences(user)[indicator]?.threshold ?? nil
        var exceeding: [(Administration, DecimalNumber, DecimalNumber)] = []
        for admin in admins {
            guard let (summary, template) = summaries[admin.id], let value = entry.value(summary, today) else { continue }
            let threshold = Self.threshold(entry, template: template, user: userThreshold)
            if entry.indicator.comparison.exceeds(value, threshold) { exceeding.append((admin, value, threshold)) }
        }
        let worstFirst = entry.indicator.comparison == .above
        exceeding.sort { a, b in
            let (x, y) = DecimalNumber.aligned(a.1, b.1)
            return x != y ? (worstFirst ? x > y : x < y) : a.0.id < b.0.id
        }
        var readings: [IndicatorReading] = []
        for (admin, value, threshold) in exceeding.prefix(limit ?? exceeding.count) {
            guard let facts = try await facts(admin.id) else { continue }
            readings.append(IndicatorReading(administration: admin.id, name: admin.name, indicator: indicator, value: value,
                                             threshold: threshold, exceeded: true, items: entry.items(facts, today),
                                             action: entry.indicator.action.replacingOccurrences(of: "ADMIN", with: admin.id)))
        }
        return readings
    }

    /// Every indicator of one administration today.
    public func administration(_ id: String, user: String, today: LocalDate) async throws -> [IndicatorReading] {
        let admin = try await ledger.summary(id).administration
        try await refresh(today: today)
        guard let f = try await facts(id) else { return [] }
        let summary = MonitorSummary(f)
        let prefs = try await preferences(user)
        return Catalogue.entries.map { entry in
            let evaluation = entry.evaluate(f, summary: summary, today: today)
            let threshold = Self.threshold(entry, template: f.thresholds, user: prefs[entry.indicator.id]?.threshold ?? nil)
            return IndicatorReading(
                administration: id, name: admin.name, indicator: entry.indicator.id, value: evaluation.value,
                threshold: threshold, exceeded: evaluation.value.map { entry.indicator.comparison.exceeds($0, threshold) } ?? false,
                items: evaluation.items, action: entry.indicator.action.replacingOccurrences(of: "ADMIN", with: id))
        }
    }

    /// Sets the user's own threshold for an indicator, switches it off or on, or (nil, true) returns to the template's.
    public func setPreference(_ indicator: String, user: String, threshold: DecimalNumber?, enabled: Bool) async throws {
        guard Catalogue.byID[indicator] != nil else {
            throw MonitoringError("unknown-indicator", "'\(indicator)' is not an indicator; `ledgerops monitor catalogue` lists them")
        }
        try await ledger.store.write { tx in
            if threshold == nil && enabled { try tx.clearMonitorPreference(user, indicator: indicator) }
            else { try tx.setMonitorPreference(user, indicator: indicator, threshold: threshold?.description, enabled: enabled) }
        }
    }
}
