import Core
import Foundation
import Hummingbird
import Reconciler
import Workflow

extension LedgerOpsServer {
    static func proposalPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("proposals") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let all = try await env.proposals.proposals().sorted { $0.id > $1.id }
            return Page.html("proposals", title: "Proposals", [
                "proposals": all.map { p -> [String: Any] in
                    ["id": p.id, "state": p.state.rawValue, "clusters": p.clusters.joined(separator: ", "),
                     "affected": p.affected.count, "proposer": p.proposer, "createdAt": p.createdAt]
                },
            ], identity: identity)
        }
        router.get("proposals/:id") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let (p, groups) = try await env.proposalCache.entry(try context.number("id"), in: env.workspace)
            let progress = try? await env.distribution.progressOf(p.id)
            var data: [String: Any] = [
                "id": p.id, "state": p.state.rawValue, "fromRevision": String((p.fromRevision ?? "start").prefix(7)),
                "toRevision": String(p.toRevision.prefix(7)), "proposer": p.proposer, "createdAt": p.createdAt,
                "policy": policySections(p),
                "groupChanges": p.groupChanges.map { c -> [String: Any] in
                    ["group": c.group, "action": c.action.rawValue, "details": c.details]
                },
                "commits": p.commits.map { c -> [String: Any] in
                    var commit: [String: Any] = ["short": String(c.id.prefix(7)), "summary": c.summary,
                                                 "author": "\(c.authorName) <\(c.authorEmail)>"]
                    if let user = c.user { commit["user"] = user }
                    return commit
                },
                "clusters": p.clusters.map { cluster -> [String: Any] in
                    // A few groups are shown open; many stay folded (conflicts and blocked items open and first).
                    let mine = groups[cluster] ?? []
                    return ["cluster": cluster, "groups": mine.map { $0.page(proposal: p.id, open: mine.count <= 3) }]
                },
                "reviews": p.reviews.map { ["reviewer": $0.reviewer, "approve": $0.approve, "comment": $0.comment] },
                "canReview": p.state == .open && identity.user.role >= .reviewer,
                "canDistribute": (p.state == .approved || p.state == .distributing) && identity.user.role >= .reviewer,
            ]
            if let branch = p.branch { data["branch"] = branch }
            let undecided = groups.values.flatMap { $0 }.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.open.count } }
            if undecided > 0 { data["undecided"] = undecided }
            if let progress {
                var shown: [String: Any] = ["state": progress.state.rawValue, "applied": progress.applied,
                                            "failed": progress.failed, "conflicts": progress.conflicts,
                                            "pending": progress.pending, "skipped": progress.skipped,
                                            "failures": progress.failures.sorted { $0.key < $1.key }
                                                .map { ["administration": $0.key, "message": $0.value] }]
                if let reason = progress.reason { shown["reason"] = reason }
                if !progress.failures.isEmpty { shown["hasFailures"] = true }
                data["progress"] = shown
            }
            return Page.html("proposal", title: "Proposal \(p.id)", data, identity: identity)
        }
        router.post("proposals/:id/review") { request, context -> Response in
            let identity = try context.require(.reviewer)
            var request = request
            let form = Form(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let id = try context.number("id")
            _ = try await env.proposals.review(id, approve: form["approve"] == "true", comment: form["comment"] ?? "",
                                               by: identity.user.name, at: env.now())
            return Page.redirect("/proposals/\(id)")
        }
        router.post("proposals/:id/decisions") { request, context -> Response in
            let identity = try context.require(.reviewer)
            var request = request
            let form = Form(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let id = try context.number("id")
            guard let admin = form["administration"], let item = form["item"] else {
                throw ServerError(.badRequest, "bad-form", "a decision needs administration and item")
            }
            let take = form["take"].flatMap { $0.isEmpty ? nil : $0 }
            try await env.proposals.decide(id, administration: admin, item: item, take: take, by: identity.user.name, at: env.now())
            return Page.redirect("/proposals/\(id)")
        }
        router.post("proposals/:id/distribute") { _, context -> Response in
            let identity = try context.require(.reviewer)
            let id = try context.number("id")
            _ = try await env.distribute(id, by: identity.user.name)
            return Page.redirect("/proposals/\(id)")
        }
    }

    /// A proposal's policy changes per cluster, one row per changed field, as the proposal page reads them.
    static func policySections(_ p: Proposal) -> [[String: Any]] {
        Dictionary(grouping: p.policyChanges, by: \.cluster).sorted { $0.key < $1.key }.map { cluster, changes in
            ["cluster": cluster, "changes": changes.map { c -> [String: Any] in
                ["field": c.field, "old": c.old ?? "—", "new": c.new ?? "—", "note": c.note ?? ""]
            }]
        }
    }
}
