import Core
import Foundation
import Hummingbird
import Interchange
import Ledger

extension LedgerOpsServer {
    /// The bank page of an administration, where the monitor's bank signals lead: the lines to process, each with
    /// what matching would do with it or why it cannot; a statement upload, automatic matching, and posting by hand.
    static func bankPages(_ router: Router<AppContext>, _ env: ServerEnvironment) {
        router.get("administrations/:id/bank") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            return try await bankPage(id, env: env, identity: identity, message: request.uri.queryParameters.get("done"))
        }
        router.post("administrations/:id/bank/import") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            _ = try context.require(.accountant)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let (form, upload) = try await Multipart.upload(request, what: "a statement file")
            let account = form.text("account")
            let name = upload.filename ?? "upload"
            do {
                let statements = try BankStatementFile.statements(from: Data(upload.data), file: name)
                let r = try await env.ledger.importStatements(statements, into: id, account: account)
                var done = "\(name): \(r.lines) lines, \(r.added) new, \(r.alreadyThere) already there"
                if form["match"] != nil {
                    let m = try await env.ledger.matchBankLines(id)
                    done += "; \(m.posted) matched and posted, \(m.toProcess.count) to process"
                }
                done += r.warnings.map { " — warning: \($0)" }.joined()
                return Page.redirect("/administrations/\(id)/bank?done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            } catch {
                return try await bankPage(id, env: env, identity: identity, error: "\(name): \(error) — nothing was written.",
                                          status: .unprocessableContent)
            }
        }
        router.post("administrations/:id/bank/match") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            _ = try context.require(.accountant)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let m = try await env.ledger.matchBankLines(id)
            let done = "\(m.posted) lines matched and posted, \(m.toProcess.count) left to process"
            return Page.redirect("/administrations/\(id)/bank?done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        router.post("administrations/:id/bank/:line/post") { request, context -> Response in
            guard let identity = context.identity else { return login(request) }
            _ = try context.require(.accountant)
            let id = try context.parameter("id"), line = try context.number("line")
            try await env.check(id, for: identity)
            var request = request
            let form = Form(String(buffer: try await request.collectBody(upTo: 1 << 20)))
            func field(_ name: String) -> String? { form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
            let posting: BankPosting
            if let invoices = field("invoices") {
                posting = .openItems(invoices.split(whereSeparator: { $0 == "," || $0 == " " }).map { .init(invoice: String($0)) },
                                     rest: field("rest"))
            } else if let account = field("account") {
                posting = .account(account, vatCode: field("vatCode"), relation: field("relation"), costCentre: field("costCentre"))
            } else {
                return try await bankPage(id, env: env, identity: identity, error: "line \(line): give invoice numbers or an account",
                                          status: .unprocessableContent)
            }
            do {
                let entry = try await env.ledger.postBankLine(line, in: id, posting)
                let done = "line \(line) posted as entry \(entry.number)"
                return Page.redirect("/administrations/\(id)/bank?done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            } catch {
                return try await bankPage(id, env: env, identity: identity, error: "line \(line): \(error)", status: .unprocessableContent)
            }
        }
    }

    static func bankPage(_ id: String, env: ServerEnvironment, identity: Identity, message: String? = nil, error: String? = nil,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let lines = try await env.ledger.bankLines(id)
        let preview = try await env.ledger.matchBankLines(id, dryRun: true)
        let outcomes = Dictionary(uniqueKeysWithValues: preview.outcomes.map { ($0.line, $0) })
        func row(_ l: BankStatementLine) -> [String: Any] {
            var r: [String: Any] = ["line": l.id, "date": "\(l.date)", "amount": Money.formatGrouped(l.amount.minorUnits, digits: l.amount.currency.minorDigits),
                                    "counterparty": l.counterpartyName ?? l.counterpartyIBAN ?? "", "iban": l.counterpartyIBAN ?? "",
                                    "description": [l.description, l.structuredReference ?? "", l.endToEndID ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")]
            if let by = l.processedBy { r["processed"] = by }
            if let o = outcomes[l.id] {
                r["proposal"] = o.rule.map { rule in "\(rule.rawValue): " + o.allocations.map { "\($0.invoice) (\($0.relation))" }.joined(separator: ", ") }
                    ?? ""
                r["reason"] = o.reason ?? ""
            }
            return r
        }
        let open = lines.filter { !$0.isProcessed }
        return Page.html("bank", title: "Bank \(id)", [
            "id": id, "done": message ?? "", "error": error ?? "", "toProcess": open.map(row), "count": open.count,
            "matchable": preview.matched.count,
            "processed": lines.filter(\.isProcessed).suffix(50).reversed().map(row),
        ], identity: identity, status: status)
    }
}
