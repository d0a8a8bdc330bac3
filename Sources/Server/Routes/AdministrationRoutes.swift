import Core
import Foundation
import Hummingbird
import Ledger
import Reporting
import Workflow

extension LedgerOpsServer {
    struct AdministrationView: Encodable {
        let id: String
        let name: String
        let cluster: String?
        let responsible: String?
        let status: String?
        let since: String?
        var revision: String?
    }

    static func administrationRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.get("administrations") { request, context -> Response in
            let identity = try context.require(.viewer)
            let allowed = try await env.visible(to: identity)
            let records = Dictionary(try await env.reconciler.records().map { ($0.administration, $0) }, uniquingKeysWith: { a, _ in a })
            let cluster = request.uri.queryParameters.get("cluster")
            let views = try await env.ledger.administrations()
                .filter { allowed?.contains($0.id) ?? true }
                .filter { cluster == nil || $0.cluster == cluster }
                .map { a in
                    AdministrationView(id: a.id, name: a.name, cluster: a.cluster, responsible: a.responsible,
                                       status: records[a.id]?.status, since: records[a.id]?.since, revision: nil)
                }
            return try JSON.response(views)
        }
        api.get("administrations/:id") { _, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            let summary = try await env.ledger.summary(id)
            try await env.check(id, for: identity)
            let a = summary.administration
            let record = try await env.reconciler.records().first { $0.administration == id }
            var view = AdministrationView(id: a.id, name: a.name, cluster: a.cluster, responsible: a.responsible,
                                          status: record?.status, since: record?.since, revision: nil)
            view.revision = try await env.ledger.appliedConfiguration(id)?.revision
            return try JSON.response(view)
        }
        api.get("administrations/:id/plan") { _, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            _ = try await env.ledger.summary(id)
            try await env.check(id, for: identity)
            return try JSON.response(try await env.reconciler.plan(id))
        }
        api.get("administrations/:id/reports/:kind") { request, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            let setup = try await env.ledger.reportSetup(id)
            try await env.check(id, for: identity)
            let calendar = try FiscalCalendar(startMonth: setup.administration.fiscalYearStart)
            let period = request.uri.queryParameters.get("period")
                ?? String(calendar.fiscalYear(containing: env.today()))
            let range = try ReportPeriod.parse(period, calendar: calendar)
            let kindText = try context.parameter("kind")
            if kindText == "vat-return" {
                return try JSON.response(try await env.reports.vatReturn(id, from: range.lowerBound, to: range.upperBound))
            }
            guard let kind = ReportService.kindNames[kindText] else {
                let names = ReportService.kindNames.keys.sorted().joined(separator: ", ")
                throw ServerError(.notFound, "not-found", "no report '\(kindText)'; reports are \(names), vat-return")
            }
            let columns = (request.uri.queryParameters.get("compare") ?? "").split(separator: ",")
                .compactMap { ColumnKind(rawValue: String($0)) }
            return try JSON.response(try await env.reports.reports(id, kind: kind, range: range, columns: columns))
        }
    }
}
