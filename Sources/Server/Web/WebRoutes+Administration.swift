import Interchange
import Budgeting
import Core
import Foundation
import Hummingbird
import Ledger
import Reporting
import Workflow

extension LedgerOpsServer {
    /// Bars of monthly revenue (dark) and result (light) as an inline SVG: a picture reads better than twelve rows.
    static func chart(_ months: [(label: String, revenue: Int64, result: Int64)]) -> String {
        let top = max(1, months.flatMap { [abs($0.revenue), abs($0.result)] }.max() ?? 1)
        let width = 40, height = 160
        var bars = ""
        for (i, m) in months.enumerated() {
            let x = 10 + i * width
            for (j, value, colour) in [(0, m.revenue, "#3a5a8c"), (1, m.result, m.result < 0 ? "#c0504d" : "#8fb3e0")] {
                let h = Int(Double(abs(value)) / Double(top) * Double(height - 30))
                bars += "<rect x=\"\(x + j * 15)\" y=\"\(height - 20 - h)\" width=\"14\" height=\"\(h)\" fill=\"\(colour)\">"
                    + "<title>\(m.label): \(money(value))</title></rect>"
            }
            bars += "<text x=\"\(x)\" y=\"\(height - 5)\" font-size=\"10\">\(m.label.suffix(2))</text>"
        }
        return "<svg viewBox=\"0 0 \(20 + months.count * width) \(height)\" width=\"100%\" role=\"img\" "
            + "aria-label=\"revenue and result per month\">\(bars)</svg>"
    }

    static func administrationPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("administrations/:id") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("id")
            let setup = try await env.ledger.reportSetup(id)
            try await env.check(id, for: identity)
            let a = setup.administration
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            let today = env.today()
            let year = setup.fiscalYears.last { $0 <= calendar.fiscalYear(containing: today) } ?? setup.fiscalYears.first ?? today.year
            let start = calendar.startOfYear(year), end = min(calendar.endOfYear(year), max(today, start))
            let tb = try await env.ledger.trialBalance(id, from: start, to: end)
            var months: [ClosedRange<LocalDate>] = []
            var m = start
            while m <= end { months.append(m...min(m.lastOfMonth, end)); m = m.adding(months: 1) }
            let monthly = try await env.ledger.trialBalances(id, ranges: months)
            let revenueAccounts = Set(setup.accounts.filter { $0.rgsCode?.hasPrefix("WOmz") == true }.map(\.code))
            let pnl = Set(setup.accounts.filter { !$0.type.isBalanceSheet }.map(\.code))
            let bars = zip(months, monthly).map { range, tb -> (String, Int64, Int64) in
                let rows = tb?.rows ?? []
                return (String(range.lowerBound.description.prefix(7)),
                        -rows.filter { revenueAccounts.contains($0.account) }.reduce(0) { $0 + $1.debit - $1.credit },
                        -rows.filter { pnl.contains($0.account) }.reduce(0) { $0 + $1.debit - $1.credit })
            }
            let record = try await env.reconciler.records().first { $0.administration == id }
            let history = try await env.workspace.store.read { tx in try tx.appliedHistory(id) }
            let open = try await env.ledger.openItems(id, today: today)
            return Page.html("administration", title: id, [
                "id": id, "name": a.name, "cluster": a.cluster ?? "–", "responsible": a.responsible ?? "–",
                "status": record?.status ?? "–", "revision": String((try await env.ledger.appliedConfiguration(id)?.revision ?? "–").prefix(7)),
                "period": String(year),
                "reports": [("balance-sheet", "Balans"), ("profit-and-loss", "Winst en verlies"), ("cash-flow", "Kasstroom"),
                            ("kpis", "Kengetallen"), ("vat-return", "Btw-aangifte")].map { ["kind": $0.0, "label": $0.1, "id": id, "period": String(year)] },
                "chart": chart(bars),
                "rows": tb.rows.filter { $0.closing != 0 }.map { ["account": $0.account, "name": $0.name, "closing": money($0.closing)] },
                "items": open.items.prefix(100).map { i -> [String: Any] in
                    ["relation": i.item.relation, "invoice": i.item.invoice, "due": "\(i.item.dueDate)", "amount": money(i.item.outstanding)]
                },
                "history": history.reversed().map { String($0.revision.prefix(7)) },
            ], identity: identity)
        }
        router.get("administrations/:id/import") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            return Page.html("import", title: "Import into \(id)", ["id": id], identity: identity)
        }
        router.post("administrations/:id/import") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            _ = try context.require(.accountant)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let (form, upload) = try await Multipart.upload(request, what: "a file")
            let format = form.text("format") ?? "xaf"
            let dryRun = form["dry"] != nil
            let name = (upload.filename ?? "upload").replacingOccurrences(of: "/", with: "_")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerops-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent(name).path
            try Data(upload.data).write(to: URL(fileURLWithPath: path))
            var lines: [String] = []
            var failed: String?
            do {
                switch format {
                case "saft":
                    let s = try await SAFTImporter(ledger: env.ledger, options: .init(suspenseForDifference: form["suspense"] != nil))
                        .importFile(path, into: id)
                    lines = ["SAF-T \(s.version): \(s.accounts) accounts, \(s.customers) customers, \(s.suppliers) suppliers, "
                             + "\(s.transactions) transactions", "\(s.imported?.entries ?? 0) entries posted"] + s.warnings.map { "warning: \($0)" }
                default:
                    let importer = XAFImporter(ledger: env.ledger)
                    let s = dryRun ? try await importer.dryRun(path, into: id) : try await importer.importFile(path, into: id)
                    lines = ["XAF \(s.version): \(s.accounts) accounts, \(s.relations) relations, \(s.transactions) transactions "
                             + "(\(s.lines) lines), opening balance \(s.openingLines) lines",
                             dryRun ? "dry run: nothing written" : "\(s.imported?.entries ?? 0) entries posted, \(s.imported?.replayed ?? 0) already there"]
                        + (s.unmapped.isEmpty ? [] : ["accounts that map nowhere: " + s.unmapped.joined(separator: ", ")])
                }
            } catch {
                failed = "\(error)"
            }
            return Page.html("import", title: "Import into \(id)", ["id": id, "file": name, "lines": lines, "error": failed ?? ""],
                             identity: identity, status: failed == nil ? .ok : .unprocessableContent)
        }
        router.get("administrations/:id/budgets") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let service = BudgetService(workspace: env.workspace)
            let versions = try await service.versions(id)
            let year = request.uri.queryParameters.get("year").flatMap { Int($0) } ?? versions.last(where: \.active)?.year
                ?? versions.last?.year
            let version = request.uri.queryParameters.get("version") ?? versions.first { $0.active && $0.year == year }?.version
                ?? versions.last { $0.year == year }?.version
            var data: [String: Any] = [
                "id": id,
                "versions": versions.map { v -> [String: Any] in
                    ["version": v.version, "year": v.year, "basis": v.basis, "active": v.active,
                     "query": "version=\(v.version.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? v.version)&year=\(v.year)"]
                },
            ]
            if let version, let year {
                let table = try await service.table(id, version: version, year: year)
                let digits = table.currency.minorDigits
                data["shown"] = ["version": version, "year": year,
                                 "rows": table.rows.map { r -> [String: Any] in
                                     ["account": r.account, "name": r.name,
                                      "cells": (r.months + [r.total]).map { Money.formatGrouped($0, digits: digits) }]
                                 }]
            }
            return Page.html("budgets", title: "Budgets \(id)", data, identity: identity)
        }
        router.get("administrations/:id/reports/:kind") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("id"), kindText = try context.parameter("kind")
            let setup = try await env.ledger.reportSetup(id)
            try await env.check(id, for: identity)
            let calendar = try FiscalCalendar(startMonth: setup.administration.fiscalYearStart)
            let period = request.uri.queryParameters.get("period") ?? String(calendar.fiscalYear(containing: env.today()))
            let range = try ReportPeriod.parse(period, calendar: calendar)
            if kindText == "vat-return" {
                let v = try await env.reports.vatReturn(id, from: range.lowerBound, to: range.upperBound)
                return Page.html("report", title: "Btw-aangifte", [
                    "title": "Aangifte omzetbelasting", "administration": id, "period": period,
                    "columns": ["turnover", "VAT", "filed turnover", "filed VAT"],
                    "rows": v.boxes.map { b -> [String: Any] in
                        ["label": "\(b.id) \(b.label)", "subtotal": b.id.hasPrefix("5"),
                         "cells": [b.turnover.map(money) ?? "", b.vat.map(money) ?? "", b.filedTurnover.map { "\($0)" } ?? "",
                                   b.filedVAT.map { "\($0)" } ?? ""]]
                    },
                ], identity: identity)
            }
            guard let kind = ReportService.kindNames[kindText] else { throw ServerError(.notFound, "not-found", "no report '\(kindText)'") }
            // `?budget=1`: budget against actual (budget, actual − budget, difference %) instead of the prior year.
            let withBudget = request.uri.queryParameters.get("budget") == "1" && kind != .balanceSheet
            let reports = try await env.reports.reports(id, kind: kind, range: range, columns: withBudget ? [.budget] : [.priorYear])
            let r = reports[0]
            return Page.html("report", title: r.title, [
                "title": reports.map(\.title).joined(separator: ", "), "administration": id, "period": period,
                "columns": r.columns.map(\.label),
                "rows": reports.flatMap(\.rows).map { row -> [String: Any] in
                    ["label": row.label, "subtotal": row.subtotal, "cells": row.values.map { $0.text(digits: r.currency.minorDigits) }]
                },
            ], identity: identity)
        }
    }
}
