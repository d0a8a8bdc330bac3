import Core
import Foundation
import Reconciler
import Store
import Templates

extension DistributionService.Session {
    /// Applies the proposal to one administration: planned afresh at the proposal's revision when live changed since
    /// the batch plan, with the reviewers' decisions; set aside as `conflict` when it now conflicts undecided. The
    /// item's state is written in the apply's own transaction, which first checks that this distributor still holds
    /// the lease (fencing) and that nobody applied the administration meanwhile. Returns the item's new state
    /// (`pending` when a window closed in the meantime).
    mutating func applyOne(_ admin: String, reconciler: ReconcilerService, planned: Plan?,
                           desired: (config: AdministrationConfig, sha256: String), day: LocalDate) async throws
        -> DistributionItemState
    {
        let p = proposal
        let acknowledged = DistributionService.acknowledged(admin, in: p)
        for attempt in 0..<2 {
            do {
                var plan: Plan
                if attempt == 0, let planned {
                    plan = planned
                } else if let again = try await reconciler.plans([admin], at: p.toRevision, set: set,
                                                                 acknowledged: [admin: acknowledged])[admin] {
                    plan = again
                } else {
                    plan = try await reconciler.plan(admin, at: p.toRevision, acknowledged: acknowledged)
                }
                Self.decide(&plan, in: p)
                if plan.items.contains(where: { $0.action == .conflict }) {
                    try await mark(admin, .conflict, "conflicts with a local change: a reviewer decides it, then resumes",
                                   audit: ("apply.conflict", ["proposal": String(p.id)]))
                    return .conflict
                }
                applies += 1
                let index = applies
                let (stamp, until) = leaseTimes()
                let (id, owner, token, actor, probe) = (p.id, owner.id, self.token, self.actor, self.probe)
                let fixed = plan
                _ = try await reconciler.apply(fixed, now: stamp, day: day, set: set, desired: desired.config,
                                               desiredSHA256: desired.sha256) { tx in
                    guard try tx.renewLease(id, owner: owner, token: token, now: stamp, until: until) else {
                        throw DistributionService.Stop.leaseLost(id)
                    }
                    guard let item = try tx.distributionItem(id, admin: admin), item.state == .pending || item.state == .suspended
                    else {
                        throw DistributionService.Stop.leaseLost(id)  // someone else applied it: this run is stale
                    }
                    try tx.setDistributionItem(id, admin: admin, state: .applied, message: nil)
                    try AuditLog.append(tx, time: stamp, actor: actor, action: "apply", subject: admin,
                                        payload: ["proposal": String(id), "revision": fixed.revision,
                                                  "items": String(fixed.items.filter(\.writes).count)])
                    try probe?(.insideApply(admin: admin, index: index))
                }
                try probe?(.afterApply(admin: admin, index: index))
                return .applied
            } catch let refusal as ReconcilerService.Refusal where refusal.code == "changed-since-plan" && attempt == 0 {
                continue  // changed between this plan and its apply: plan again, once
            } catch let refusal as ReconcilerService.Refusal where refusal.code == "distribution-window" {
                return .pending  // the day turned into a window meanwhile: it waits
            } catch let refusal as ReconcilerService.Refusal where refusal.code == "suspended" {
                try await mark(admin, .suspended, "suspended: resume the administration, or a reviewer skips it", attempt: false)
                return .suspended
            } catch let stop as DistributionService.Stop {
                throw stop
            } catch let interrupted as DistributionService.Interrupted {
                throw interrupted
            } catch {
                return try await failed(admin, error)
            }
        }
        return try await failed(admin, WorkflowError("failed", "\(admin) kept changing while it was being applied"))
    }

    /// Records a failed attempt with its reason (retried when a reviewer resumes).
    func failed(_ admin: String, _ error: any Error) async throws -> DistributionItemState {
        try await mark(admin, .failed, "\(error)", audit: ("apply.failed", ["proposal": String(id), "error": "\(error)"]))
        return .failed
    }

    /// Applies the reviewers' decisions to a plan's conflicts: `template` carries the template's change out (a
    /// renumbering stays one), `local` keeps the local edit as reported drift.
    static func decide(_ plan: inout Plan, in p: Proposal) {
        let prefix = "\(plan.administration)|"
        for i in plan.items.indices where plan.items[i].action == .conflict {
            switch p.decisions[prefix + plan.items[i].key.description] {
            case "template"?:
                plan.items[i].action = plan.items[i].changes.contains { $0.field == "code" } ? .renumber : .update
            case "local"?: plan.items[i].action = .drift
            default: break
            }
        }
    }
}
