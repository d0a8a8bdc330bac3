import Core
import Foundation
import Hummingbird
import Ledger
import Monitoring
import Reconciler
import Reporting
import Workflow

extension LedgerOpsServer {
    static func login(_ request: Request) -> Response { Page.redirect("/login?next=\(request.uri.path)") }

    static func monitorPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("monitor") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let scope = try scope(request, identity)
            let overview = try await env.monitor.overview(user: identity.user.name, scope: scope, today: env.today())
            let areas = Dictionary(grouping: overview.indicators, by: \.indicator.area)
            return Page.html("monitor", title: "Monitor", [
                "scope": scope.rawValue, "administrations": overview.administrations, "today": "\(overview.today)",
                "scopes": (identity.user.role == .accountant ? ["personal", "team"] : ["personal", "team", "bureau"])
                    .map { ["name": $0, "current": $0 == scope.rawValue] },
                "areas": IndicatorArea.allCases.compactMap { area -> [String: Any]? in
                    guard let counts = areas[area] else { return nil }
                    return ["area": area.rawValue, "indicators": counts.map { c -> [String: Any] in
                        ["id": c.indicator.id, "title": c.indicator.title, "description": c.indicator.description,
                         "exceeding": c.enabled ? "\(c.exceeding)" : "off", "hot": c.exceeding > 0, "scope": scope.rawValue]
                    }]
                },
            ], identity: identity)
        }
        router.get("monitor/:indicator") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("indicator")
            guard let entry = Catalogue.byID[id] else { throw ServerError(.notFound, "unknown-indicator", "'\(id)' is not an indicator") }
            var readings = try await env.monitor.drill(id, user: identity.user.name, scope: try scope(request, identity),
                                                       today: env.today(), limit: 100)
            if let allowed = try await env.visible(to: identity) { readings = readings.filter { allowed.contains($0.administration) } }
            return Page.html("drill", title: entry.indicator.title, [
                "title": entry.indicator.title, "description": entry.indicator.description, "count": readings.count,
                "readings": readings.enumerated().map { i, r -> [String: Any] in
                    ["first": i == 0, "administration": r.administration, "name": r.name, "value": r.value?.description ?? "–",
                     "threshold": r.threshold.description, "action": r.action,
                     "place": id.hasPrefix("bank.") && id != "bank.negative-cash-balance" ? "/administrations/\(r.administration)/bank" : "",
                     "items": r.items.prefix(50).map { item -> [String: Any] in
                         ["reference": item.reference, "text": item.text, "date": item.date.map { "\($0)" } ?? "",
                          "amount": item.amount.map(money) ?? ""]
                     }]
                },
            ], identity: identity)
        }
    }

    static func clusterPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        let statuses = SyncStatus.allCases.map(\.rawValue)
        router.get("clusters") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let allowed = try await env.visible(to: identity)
            let records = Dictionary(try await env.reconciler.records().map { ($0.administration, $0.status) }, uniquingKeysWith: { a, _ in a })
            let admins = try await env.ledger.administrations().filter { allowed?.contains($0.id) ?? true }
            let byCluster = Dictionary(grouping: admins, by: { $0.cluster ?? "-" })
            return Page.html("clusters", title: "Clusters", [
                "statuses": statuses,
                "clusters": byCluster.keys.sorted().map { name -> [String: Any] in
                    let members = byCluster[name]!
                    return ["name": name, "total": members.count,
                            "counts": statuses.map { s in members.filter { records[$0.id] == s }.count }]
                },
            ], identity: identity)
        }
        router.get("clusters/:name") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let name = try context.parameter("name")
            let allowed = try await env.visible(to: identity)
            let records = Dictionary(try await env.reconciler.records().map { ($0.administration, $0) }, uniquingKeysWith: { a, _ in a })
            let admins = try await env.ledger.administrations().filter { $0.cluster == name && (allowed?.contains($0.id) ?? true) }
            return Page.html("cluster", title: "Cluster \(name)", [
                "name": name,
                "administrations": admins.map { a -> [String: Any] in
                    ["id": a.id, "name": a.name, "status": records[a.id]?.status ?? "–", "since": records[a.id]?.since ?? "",
                     "responsible": a.responsible ?? ""]
                },
            ], identity: identity)
        }
    }
}
