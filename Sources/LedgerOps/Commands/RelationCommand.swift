import ArgumentParser
import Core
import Foundation
import Ledger

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
        @Option(help: "The administration of the same group this relation is (its intercompany balances are eliminated).")
        var groupEntity: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                guard let k = RelationKind(rawValue: kind) else {
                    throw LedgerError("invalid-field", "--kind", "'\(kind)' is not customer, supplier or both")
                }
                guard let d = InvoiceDelivery(rawValue: delivery) else {
                    throw LedgerError("invalid-field", "--delivery", "'\(delivery)' is not email, post, peppol or portal")
                }
                let relation = Relation(number: number, name: name, kind: k,
                                        contact: contact.map { ContactPerson(name: $0, email: email) }, iban: iban,
                                        vatNumber: vat, chamberOfCommerce: coc, paymentTermDays: terms, invoiceDelivery: d,
                                        groupEntity: groupEntity)
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
                try await global.authorize(.viewer)
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
