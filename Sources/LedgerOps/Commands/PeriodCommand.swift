import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops period`: close, reopen or lock a period.
struct PeriodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close, reopen or lock a period (YYYY-MM; 00 opening, 13 closing).")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case close, reopen, lock
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "close, reopen or lock.") var action: Action
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Period as YYYY-PP, e.g. 2026-03.") var period: String

    func run() async throws {
        try await face {
            let parts = period.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (0...13).contains(number) else {
                throw LedgerError("invalid-field", "period", "'\(period)' is not a period (write YYYY-PP, e.g. 2026-03)")
            }
            let state: PeriodState = switch action {
            case .close: .closed
            case .reopen: .open
            case .lock: .locked
            }
            try await global.openWorkspace().ledger.setPeriod(state, year: year, period: number, in: admin)
            print("Period \(period) of \(admin) is now \(state.rawValue)")
        }
    }
}

/// `ledgerops year open`: opens a fiscal year.
struct YearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year", abstract: "Fiscal years.", subcommands: [Open.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a fiscal year with its periods.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Fiscal year (the calendar year it starts in).") var year: Int

        func run() async throws {
            try await face {
                try await global.openWorkspace().ledger.openYear(year, in: admin)
                print("Opened fiscal year \(year) in \(admin)")
            }
        }
    }
}

/// `ledgerops close-year`: the year-end closing.
struct CloseYear: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-year",
        abstract: "Close a fiscal year: result to equity, balances into next year's opening, the year locked.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Administration id.") var admin: String
    @Argument(help: "Fiscal year.") var year: Int

    func run() async throws {
        try await face {
            let ledger = try global.openWorkspace().ledger
            let currency = try await ledger.summary(admin).administration.currency
            let r = try await ledger.closeYear(year, in: admin)
            let amount = Money.formatGrouped(r.result.magnitude > 0 ? abs(r.result) : 0, digits: currency.minorDigits)
            print("Closed \(year) in \(admin): " + (r.result >= 0 ? "profit" : "loss") + " \(amount) \(currency) to equity"
                + (r.closingEntry.map { " (entry \($0))" } ?? "") + "; opening balance \(r.nextYear)"
                + (r.openingEntry.map { " posted as entry \($0)" } ?? " empty") + "; \(year) is locked")
        }
    }
}

/// `ledgerops relation`: customers and suppliers.
struct RelationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relation", abstract: "Customers and suppliers.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update a relation.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Relation number.") var number: String
        @Option(help: "Name.") var name: String
        @Option(help: "customer, supplier or both.") var kind: String = "customer"
        @Option(help: "Contact person.") var contact: String?
        @Option(help: "Contact e-mail.") var email: String?
        @Option(help: "IBAN.") var iban: String?
        @Option(help: "VAT number.") var vat: String?
        @Option(help: "Chamber of commerce number.") var coc: String?
        @Option(help: "Payment terms in days.") var terms = 30
        @Option(help: "Invoice delivery: email, post, peppol or portal.") var delivery = "email"

        func run() async throws {
            try await face {
                guard let k = RelationKind(rawValue: kind) else {
                    throw LedgerError("invalid-field", "--kind", "'\(kind)' is not customer, supplier or both")
                }
                guard let d = InvoiceDelivery(rawValue: delivery) else {
                    throw LedgerError("invalid-field", "--delivery", "'\(delivery)' is not email, post, peppol or portal")
                }
                let relation = Relation(number: number, name: name, kind: k,
                                        contact: contact.map { ContactPerson(name: $0, email: email) }, iban: iban,
                                        vatNumber: vat, chamberOfCommerce: coc, paymentTermDays: terms, invoiceDelivery: d)
                try await global.openWorkspace().ledger.save(relation, in: admin)
                print("Saved \(k.rawValue) \(number) \(name) in \(admin)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List relations.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                let relations = try await global.openWorkspace().ledger.relations(admin)
                if json { return try printJSON(relations) }
                var table = TextTable(["number", "name", "kind", "iban", "vat", "terms", "delivery"], rightAligned: [5])
                for r in relations {
                    table.add([r.number, r.name, r.kind.rawValue, r.iban ?? "", r.vatNumber ?? "", String(r.paymentTermDays),
                               r.invoiceDelivery.rawValue])
                }
                print(table.render())
            }
        }
    }
}
