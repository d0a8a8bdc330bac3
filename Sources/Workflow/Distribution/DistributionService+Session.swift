import Core
import Foundation
import Reconciler
import Store
import Templates

extension DistributionService {
    /// Why a run stops at once, writing nothing more.
    enum Stop: Error, CustomStringConvertible {
        /// The lease expired or was broken and another distributor may be at work: never apply after that.
        case leaseLost(Int64)

        var description: String {
            switch self {
            case let .leaseLost(id): "this distributor lost its lease on proposal \(id); another one carries it on"
            }
        }
    }

    /// One run of a distribution under one lease: waves in order, per cluster, with their gates.
    struct Session {
        let service: DistributionService
        let proposal: Proposal
        let set: TemplateSet
        let actor: String
        let owner: LeaseOwner
        let token: Int64
        /// The distribution as it was before this run (its state and reason, to audit changes only).
        let previous: DistributionRecord
        let probe: (@Sendable (ProbePoint) throws -> Void)?
        let progress: (@Sendable (Int, Int) -> Void)?
        /// Each affected administration's cluster, from the proposal's plans.
        let clusterOf: [String: String]
        var applies = 0

        init(service: DistributionService, proposal: Proposal, set: TemplateSet, actor: String, owner: LeaseOwner,
             token: Int64, previous: DistributionRecord, probe: (@Sendable (ProbePoint) throws -> Void)?,
             progress: (@Sendable (Int, Int) -> Void)?) {
            (self.service, self.proposal, self.set, self.actor, self.owner) = (service, proposal, set, actor, owner)
            (self.token, self.previous, self.probe, self.progress) = (token, previous, probe, progress)
            clusterOf = Dictionary(proposal.affected.map { ($0.administration, $0.cluster) }, uniquingKeysWith: { a, _ in a })
        }

        var store: LedgerStore { service.workspace.store }
        var id: Int64 { proposal.id }

        /// Now, and when a lease taken or renewed now runs out, as stored.
        func leaseTimes() -> (now: String, until: String) {
            let now = service.clock.now()
            return (service.clock.stamp(now), service.clock.stamp(now.addingTimeInterval(Double(service.leaseSeconds))))
        }

        /// Carries every wave on as far as policy allows, then records where it stands.
        mutating func run() async throws {
            let id = self.id
            let day = service.clock.today()
            let (items, suspended, record) = try await store.read { tx in
                let items = try tx.distributionItems(id)
                let records = try tx.reconcilerRecords(items.map(\.administration))
                return (items, Set(records.values.filter(\.suspended).map(\.administration)), try tx.distribution(id))
            }
            // An administration listed as suspended that has been resumed since is pending again; one still
            // suspended stays as it is listed, without a write at every tick.
            var state = Dictionary(uniqueKeysWithValues: items.map {
                ($0.administration, $0.state == .suspended && !suspended.contains($0.administration) ? .pending : $0.state)
            })
            let windows = Self.windows(set, clusters: proposal.clusters, day: day)
            // Plan every administration that can be applied today at once (shared diffs), render each desired
            // configuration once.
            let eligible = items.map(\.administration).filter {
                state[$0] == .pending && windows[clusterOf[$0] ?? ""] == nil && !suspended.contains($0)
            }
            let reconciler = ReconcilerService(workspace: service.workspace)
            let acknowledgements = Dictionary(uniqueKeysWithValues: eligible.map { ($0, DistributionService.acknowledged($0, in: proposal)) })
            var batch = try await reconciler.plans(eligible, at: proposal.toRevision, set: set, acknowledged: acknowledgements)
            var desired = ReconcilerService.DesiredConfigurations(set: set)
            var passed = record?.gatesPassed ?? []
            var done = state.values.filter { $0 != .pending }.count
            var halted = Set(windows.keys)
            for wave in Set(items.map(\.wave)).sorted() {
                try await renew()
                for cluster in Set(items.filter { $0.wave == wave }.compactMap { clusterOf[$0.administration] }).sorted()
                where !halted.contains(cluster) {
                    let members = items.filter { $0.wave == wave && clusterOf[$0.administration] == cluster }.map(\.administration)
                    for admin in members where state[admin] == .pending {
                        if suspended.contains(admin) {
                            state[admin] = .suspended
                            try await mark(admin, .suspended, "suspended: resume the administration, or a reviewer skips it",
                                           attempt: false)
                            continue
                        }
                        let rendered = try desired.desired(cluster: cluster, administration: admin)
                        state[admin] = try await applyOne(admin, reconciler: reconciler, planned: batch.removeValue(forKey: admin),
                                                          desired: rendered, day: day)
                        if state[admin] != .pending { done += 1 }
                        progress?(done, items.count)
                    }
                    // A wave whose administrations are not all through holds its cluster's later waves back.
                    guard !members.contains(where: { state[$0] == .pending }) else {
                        halted.insert(cluster)
                        continue
                    }
                    let gate = "\(cluster)#\(wave)"
                    if let stop = try await gates(cluster: cluster, wave: wave, members: members, state: state,
                                                  passed: passed.contains(gate)) {
                        return try await pause(stop.reason, pausedAt: stop.atGate ? gate : nil, wave: wave, cluster: cluster)
                    }
                    if !passed.contains(gate) {
                        passed.insert(gate)
                        try await store.write { tx in try tx.passGate(id, gate) }
                    }
                }
            }
            try await finish(windows: windows, previous: previous)
        }

        /// The clusters a window forbids applying to today, with the window's name and the first day it allows.
        static func windows(_ set: TemplateSet, clusters: [String], day: LocalDate) -> [String: (name: String, until: LocalDate)] {
            var result: [String: (name: String, until: LocalDate)] = [:]
            for cluster in clusters {
                guard let windows = set.clusters[cluster]?.windows,
                      let window = windows.first(where: { $0.forbids(day) }) else { continue }
                var open = day.adding(days: 1)
                while windows.contains(where: { $0.forbids(open) }) && day.days(until: open) < 400 { open = open.adding(days: 1) }
                result[cluster] = (window.name, open)
            }
            return result
        }

        /// Extends the lease, or stops the run when it was lost.
        func renew() async throws {
            let (stamp, until) = leaseTimes()
            let (id, owner, token) = (self.id, owner.id, self.token)
            guard try await store.write({ tx in try tx.renewLease(id, owner: owner, token: token, now: stamp, until: until) })
            else { throw Stop.leaseLost(id) }
        }

        /// Writes an administration's state outside an apply, fenced by the lease.
        func mark(_ admin: String, _ itemState: DistributionItemState, _ message: String?, attempt: Bool = true,
                  audit: (action: String, payload: [String: String])? = nil) async throws {
            let (stamp, until) = leaseTimes()
            let (id, owner, token, actor) = (self.id, owner.id, self.token, self.actor)
            try await store.write { tx in
                guard try tx.renewLease(id, owner: owner, token: token, now: stamp, until: until) else { throw Stop.leaseLost(id) }
                try tx.setDistributionItem(id, admin: admin, state: itemState, message: message, attempt: attempt)
                // A failed apply shows as Failed at once, with why (the pass keeps it so while the item is failed).
                if itemState == .failed {
                    let previous = try tx.reconcilerRecord(admin)
                    var record = previous ?? ReconcilerRecord(
                        administration: admin, status: "", reason: nil, message: nil, since: stamp, attemptedRevision: nil,
                        desiredHash: nil, liveHash: nil, planHash: nil, suspended: false)
                    record.status = SyncStatus.failed.rawValue
                    record.reason = "apply-failed"
                    record.message = "applying proposal \(id) failed: \(message ?? "")"
                    if previous?.status != record.status { record.since = stamp }
                    try tx.save(record, previous: previous)
                }
                if let audit {
                    try AuditLog.append(tx, time: stamp, actor: actor, action: audit.action, subject: admin, payload: audit.payload)
                }
            }
        }
    }
}
