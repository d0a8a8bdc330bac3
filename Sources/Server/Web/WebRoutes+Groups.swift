public import Consolidation
import Core
import Foundation
import Hummingbird

extension LedgerOpsServer {
    /// A consolidation for a request: every administration of the group must be visible to the user.
    static func consolidation(_ name: String, period: String?, identity: Identity, env: ServerEnvironment) async throws
        -> (Consolidation, ConsolidationDocument)
    {
        let service = ConsolidationService(workspace: env.workspace)
        let range = try await service.range(of: name, period: period, today: env.today())
        let result = try await service.consolidate(name, range: range)
        if let allowed = try await env.visible(to: identity) {
            let hidden = result.columns.filter { column in
                !column.hasPrefix("group:") && ![ConsolidatedSnapshot.translationColumn, ConsolidatedSnapshot.eliminationsColumn,
                                                  ConsolidatedSnapshot.totalColumn].contains(column) && !allowed.contains(column)
            }
            guard hidden.isEmpty else {
                throw ServerError(.forbidden, "forbidden", "group \(name) includes administrations you do not see: "
                    + hidden.joined(separator: ", "))
            }
        }
        return (result, result.document())
    }

    static func groupRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.get("groups") { _, context -> Response in
            _ = try context.require(.viewer)
            let groups = try await ConsolidationService(workspace: env.workspace).groups()
            return try JSON.response(groups.map { g in
                ["name": g.name, "title": g.title, "parent": g.parent, "currency": g.currency.code,
                 "members": g.members.map(\.entity.key).joined(separator: ",")]
            })
        }
        api.get("groups/:name/consolidation") { request, context -> Response in
            let identity = try context.require(.viewer)
            let (_, document) = try await consolidation(try context.parameter("name"),
                                                        period: request.uri.queryParameters.get("period").flatMap { $0.isEmpty ? nil : $0 },
                                                        identity: identity, env: env)
            return try JSON.response(document)
        }
    }

    static func groupPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("groups") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let groups = try await ConsolidationService(workspace: env.workspace).groups()
            return Page.html("groups", title: "Groups", ["groups": groups.map { g -> [String: Any] in
                ["name": g.name, "title": g.title, "parent": g.parent, "members": g.members.count, "currency": g.currency.code]
            }], identity: identity)
        }
        router.get("groups/:name") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let period = request.uri.queryParameters.get("period").flatMap { $0.isEmpty ? nil : $0 }
            let (result, d) = try await consolidation(try context.parameter("name"), period: period, identity: identity, env: env)
            return Page.html("consolidation", title: d.title, ConsolidationPage.data(d, period: period ?? "",
                                                                                    digits: result.group.currency.minorDigits),
                             identity: identity)
        }
    }
}

/// The consolidation page's values, shared by the web page and `ledgerops consolidate --format html`.
public enum ConsolidationPage {
    static func data(_ d: ConsolidationDocument, period: String, digits: Int) -> [String: Any] {
        [
            "title": d.title, "group": d.group, "from": d.from, "to": d.to, "currency": d.currency,
            "revision": String(d.revision.prefix(7)), "period": period,
            "statements": d.statements.map { s -> [String: Any] in
                ["title": s.title, "columnNames": d.columnNames,
                 "rows": s.rows.map { r -> [String: Any] in ["label": r.label, "subtotal": r.subtotal, "cells": r.cells] }]
            },
            "owners": Money.formatGrouped(d.resultAttributable["owners"] ?? 0, digits: digits),
            "nci": Money.formatGrouped(d.resultAttributable["nonControllingInterests"] ?? 0, digits: digits),
            "eliminations": d.eliminations.map { e -> [String: Any] in
                ["description": e.description, "sources": e.sources,
                 "lines": e.lines.map { l -> [String: Any] in ["account": l.account, "name": l.name, "text": l.text, "note": l.note] }]
            },
            "translations": d.translations.map { t -> [String: Any] in
                ["entity": t.entity, "currency": t.currency, "texts": t.texts,
                 "lines": t.lines.map { l -> [String: Any] in
                     ["account": l.account, "name": l.name, "balance": l.balance, "method": l.method, "rates": l.rates,
                      "translated": l.translated]
                 }]
            },
            "mismatches": d.mismatches.map { ["text": $0.text] },
        ]
    }

    /// A self-contained HTML page of a consolidation (no scripts), for the CLI's `--format html`.
    public static func html(_ d: ConsolidationDocument, digits: Int) -> String {
        let body = Page.library.render(data(d, period: "", digits: digits), withTemplate: "consolidation") ?? ""
        return Page.library.render(["title": d.title, "body": body], withTemplate: "layout") ?? ""
    }
}
