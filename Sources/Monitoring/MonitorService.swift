public import Core
import Foundation
public import Ledger
import Store

/// The monitor over a bureau: facts gathered per administration and kept until it changes, indicators worked out
/// from the facts and today, thresholds from each administration's template unless the user set their own.
public struct MonitorService: Sendable {
    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

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
        let (admins, known) = try await store.read { tx in
            (try tx.administrations(), Dictionary(try tx.monitorFacts().map { ($0.admin, ($0.asOf, $0.stale)) },
                                                  uniquingKeysWith: { a, _ in a }))
        }
        let month = String(today.description.prefix(7))
        let due = admins.filter { a in
            guard let (asOf, stale) = known[a.id] else { return true }
            return stale || !asOf.hasPrefix(month)
        }
        var collector = FactsCollector()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var index = 0
        while index < due.count {
            let batch = Array(due[index..<min(index + 250, due.count)])
            index += batch.count
            let (gathered, next) = try await store.read { [collector] tx in
                var c = collector
                var out: [(String, String)] = []
                for admin in batch {
                    let facts = try c.collect(tx, admin: admin, today: today)
                    out.append((admin.id, String(decoding: try encoder.encode(facts), as: UTF8.self)))
                }
                return (out, c)
            }
            collector = next
            try await store.write { tx in
                for (id, json) in gathered { try tx.saveMonitorFacts(id, asOf: today.description, facts: json) }
            }
        }
        return Refresh(gathered: due.count, reused: admins.count - due.count)
    }

    /// Every administration's facts (after a refresh), by id.
    func facts(today: LocalDate) async throws -> [String: MonitorFacts] {
        try await refresh(today: today)
        let rows = try await ledger.store.read { tx in try tx.monitorFacts() }
        let decoder = JSONDecoder()
        var result: [String: MonitorFacts] = [:]
        for row in rows { result[row.admin] = try decoder.decode(MonitorFacts.self, from: Data(row.facts.utf8)) }
        return result
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
    static func threshold(_ entry: CatalogueEntry, facts: MonitorFacts, user: DecimalNumber?) -> DecimalNumber {
        user ?? facts.thresholds[entry.indicator.id] ?? entry.indicator.defaultThreshold
    }

    /// Per indicator, how many of the scope's administrations exceed it today.
    public func overview(user: String, scope: MonitorScope, today: LocalDate) async throws -> MonitorOverview {
        let admins = try await administrations(for: user, scope: scope)
        let facts = try await facts(today: today)
        let prefs = try await preferences(user)
        var counts: [IndicatorCount] = []
        for entry in Catalogue.entries {
            let pref = prefs[entry.indicator.id]
            var exceeding = 0, evaluated = 0
            if pref?.enabled ?? true {
                for admin in admins {
                    guard let f = facts[admin.id], let value = entry.evaluate(f, today).value else { continue }
                    evaluated += 1
                    if entry.indicator.comparison.exceeds(value, Self.threshold(entry, facts: f, user: pref?.threshold ?? nil)) {
                        exceeding += 1
                    }
                }
            }
            counts.append(IndicatorCount(indicator: entry.indicator, userThreshold: pref?.threshold ?? nil,
                                         enabled: pref?.enabled ?? true, exceeding: exceeding, evaluated: evaluated))
        }
        return MonitorOverview(user: user, scope: scope, today: today, administrations: admins.count, indicators: counts)
    }

    /// The administrations in scope that exceed one indicator, worst first, with the items behind each value.
    public func drill(_ indicator: String, user: String, scope: MonitorScope, today: LocalDate) async throws -> [IndicatorReading] {
        guard let entry = Catalogue.byID[indicator] else {
            throw MonitoringError("unknown-indicator", "'\(indicator)' is not an indicator; `ledgerops monitor catalogue` lists them")
        }
        let admins = try await administrations(for: user, scope: scope)
        let facts = try await facts(today: today)
        let pref = try await preferences(user)[indicator]
        var readings: [IndicatorReading] = []
        for admin in admins {
            guard let f = facts[admin.id] else { continue }
            let reading = Self.read(entry, admin: admin, facts: f, today: today, user: pref?.threshold ?? nil)
            if reading.exceeded { readings.append(reading) }
        }
        let worstFirst = entry.indicator.comparison == .above
        return readings.sorted { a, b in
            let (x, y) = DecimalNumber.aligned(a.value ?? .of(0), b.value ?? .of(0))
            return x != y ? (worstFirst ? x > y : x < y) : a.administration < b.administration
        }
    }

    /// Every indicator of one administration today.
    public func administration(_ id: String, user: String, today: LocalDate) async throws -> [IndicatorReading] {
        let admin = try await ledger.summary(id).administration
        guard let f = try await facts(today: today)[id] else { return [] }
        let prefs = try await preferences(user)
        return Catalogue.entries.map { Self.read($0, admin: admin, facts: f, today: today, user: prefs[$0.indicator.id]?.threshold ?? nil) }
    }

    static func read(_ entry: CatalogueEntry, admin: Administration, facts: MonitorFacts, today: LocalDate,
                     user: DecimalNumber?) -> IndicatorReading {
        let evaluation = entry.evaluate(facts, today)
        let threshold = threshold(entry, facts: facts, user: user)
        return IndicatorReading(
            administration: admin.id, name: admin.name, indicator: entry.indicator.id, value: evaluation.value,
            threshold: threshold, exceeded: evaluation.value.map { entry.indicator.comparison.exceeds($0, threshold) } ?? false,
            items: evaluation.items, action: entry.indicator.action.replacingOccurrences(of: "ADMIN", with: admin.id))
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
