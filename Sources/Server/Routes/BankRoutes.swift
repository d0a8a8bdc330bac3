import Core
import Foundation
import Hummingbird
import Interchange
import Ledger

extension LedgerOpsServer {
    /// Bank statements over HTTP, for integrations that fetch them from the bank: a statement file posted as it is
    /// (CAMT or MT940; posting it again adds nothing), the lines listed, and matching run.
    static func bankRoutes(_ api: RouterGroup<AppContext>, _ env: ServerEnvironment) {
        api.post("administrations/:id/bank-statements") { request, context -> Response in
            let identity = try context.require(.accountant)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            var copy = request
            let data = Data(try await copy.collectBody(upTo: 64 << 20).readableBytesView)
            guard !data.isEmpty else { throw ServerError(.badRequest, "no-file", "send the statement file as the request body") }
            let query = request.uri.queryParameters
            let name = query.get("file") ?? "statement"
            let statements: [BankStatement]
            do { statements = try BankStatementFile.statements(from: data, file: name) } catch {
                throw ServerError(.unprocessableContent, "invalid-statement", "\(error)")
            }
            let imported = try await env.ledger.importStatements(statements, into: id, account: query.get("account"))
            let matched = query.get("match") == "true" ? try await env.ledger.matchBankLines(id) : nil
            let lines = matched == nil ? [:] : try await bankLinesByID(id, env)
            return try JSON.response(BankImportView(imported: imported, matched: matched.map { BankMatchView($0, lines: lines) }))
        }
        api.get("administrations/:id/bank-lines") { request, context -> Response in
            let identity = try context.require(.viewer)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let toProcess = request.uri.queryParameters.get("toProcess") == "true"
            return try JSON.response(try await env.ledger.bankLines(id, unprocessedOnly: toProcess).map(BankLineView.init))
        }
        api.post("administrations/:id/bank-lines/match") { request, context -> Response in
            let dryRun = request.uri.queryParameters.get("dryRun") == "true"
            let identity = try context.require(dryRun ? .viewer : .accountant)
            let id = try context.parameter("id")
            try await env.check(id, for: identity)
            let report = try await env.ledger.matchBankLines(id, dryRun: dryRun)
            return try JSON.response(BankMatchView(report, lines: try await bankLinesByID(id, env)))
        }
    }

    private static func bankLinesByID(_ id: String, _ env: ServerEnvironment) async throws -> [Int64: BankStatementLine] {
        Dictionary(uniqueKeysWithValues: try await env.ledger.bankLines(id).map { ($0.id, $0) })
    }

    /// A bank line as the API shows it: amounts as decimal strings, as everywhere in `/api/v1`.
    struct BankLineView: Encodable {
        let id: Int64, account: String, date: String, valueDate: String?, amount: String, currency: String
        let counterpartyName: String?, counterpartyIBAN: String?, counterpartyBIC: String?, description: String
        let endToEndID: String?, structuredReference: String?, bankReference: String?, statement: String?
        let processed: Bool, processedBy: String?, entry: Int64?

        init(_ l: BankStatementLine) {
            id = l.id; account = l.account; date = l.date.description; valueDate = l.valueDate?.description
            amount = l.amount.decimalString; currency = l.amount.currency.code
            counterpartyName = l.counterpartyName; counterpartyIBAN = l.counterpartyIBAN; counterpartyBIC = l.counterpartyBIC
            description = l.description; endToEndID = l.endToEndID; structuredReference = l.structuredReference
            bankReference = l.bankReference; statement = l.statement; processed = l.isProcessed; processedBy = l.processedBy
            entry = l.entryID
        }
    }

    /// What matching did with each line: the invoices it settles (amounts as decimal strings) or why it is left.
    struct BankMatchView: Encodable {
        struct Allocation: Encodable { let relation: String, invoice: String, amount: String, remaining: String }
        struct Outcome: Encodable { let line: Int64, rule: String?, allocations: [Allocation], reason: String? }
        let dryRun: Bool, posted: Int, matched: Int, toProcess: Int, outcomes: [Outcome]

        init(_ r: BankMatchReport, lines: [Int64: BankStatementLine]) {
            dryRun = r.dryRun; posted = r.posted; matched = r.matched.count; toProcess = r.toProcess.count
            outcomes = r.outcomes.map { o in
                let digits = lines[o.line]?.amount.currency.minorDigits ?? 2
                return Outcome(line: o.line, rule: o.rule?.rawValue, allocations: o.allocations.map {
                    Allocation(relation: $0.relation, invoice: $0.invoice, amount: Money.format($0.amount, digits: digits),
                               remaining: Money.format($0.remaining, digits: digits))
                }, reason: o.reason)
            }
        }
    }

    struct BankImportView: Encodable {
        let imported: BankImportReport
        let matched: BankMatchView?
    }
}
