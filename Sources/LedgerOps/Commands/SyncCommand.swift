import ArgumentParser
import Core
import Foundation
import Ledger
import Sync

/// `ledgerops sync`: the CRM sync from the command line, with the same JSON bodies as the HTTP API.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "The CRM sync: relations, cost centres and invoices in; open items and changes out.",
        discussion: """
            The JSON files are the bodies of the HTTP API (see /api/v1/openapi.yaml); a relation names its "number",
            a cost centre its "code". Each write is kept under its idempotency key: the same key with the same file
            answers the first answer and writes nothing, with another file it is refused. Without
            --idempotency-key the key is the file's SHA-256, so running the same file again is harmless.
            """,
        subcommands: [RelationWrite.self, CostCentreWrite.self, InvoiceWrite.self, OpenItemsRead.self, ChangesRead.self])

    /// What every write takes.
    struct WriteOptions: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(name: .shortAndLong, help: "The request's JSON file.") var file: String
        @Option(help: "Idempotency key (default: the file's SHA-256).") var idempotencyKey: String?
        @Flag(help: "Print the answer as JSON.") var json = false

        /// The file's bytes and the key to write them under, after checking the acting user may write.
        func request() async throws -> (SyncService, Data, String) {
            try await global.authorize(.accountant)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LedgerError("missing-file", file, "the file does not exist or cannot be read")
            }
            let sync = SyncService(ledger: try global.openWorkspace().ledger)
            return (sync, data, idempotencyKey ?? SyncService.contentKey(for: data))
        }

        func report<Body>(_ reply: SyncReply<Body>, _ line: String) throws {
            if json { return try printJSON(reply.body) }
            print(line + (reply.replayed ? " (replayed: this key was answered before; nothing written)" : ""))
        }
    }

    struct RelationWrite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "relation", abstract: "Insert or update a relation.")
        @OptionGroup var options: WriteOptions

        func run() async throws {
            try await face {
                let (sync, data, key) = try await options.request()
                let reply = try await sync.upsertRelation(data, number: nil, in: options.admin, idempotencyKey: key)
                let r = reply.body.relation
                try options.report(reply, (reply.body.created ? "Created" : "Updated")
                    + " \(r.kind.rawValue) \(r.number) \(r.name) in \(options.admin)")
            }
        }
    }

    struct CostCentreWrite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cost-centre", abstract: "Insert or update a cost centre.")
        @OptionGroup var options: WriteOptions

        func run() async throws {
            try await face {
                let (sync, data, key) = try await options.request()
                let reply = try await sync.upsertCostCentre(data, code: nil, in: options.admin, idempotencyKey: key)
                let c = reply.body.costCentre
                try options.report(reply, (reply.body.created ? "Created" : "Updated") + " cost centre \(c.code) "
                    + "\(c.description)" + (c.active ? "" : " (inactive)") + " in \(options.admin)")
            }
        }
    }

    struct InvoiceWrite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invoice", abstract: "Post an approved sales or purchase invoice as an entry with its VAT and open item.")
        @OptionGroup var options: WriteOptions

        func run() async throws {
            try await face {
                let (sync, data, key) = try await options.request()
                let reply = try await sync.postInvoice(data, to: options.admin, idempotencyKey: key)
                let i = reply.body.invoice
                try options.report(reply, (reply.body.created ? "Posted" : "Already posted")
                    + " \(i.kind.rawValue) invoice \(i.number) of \(i.relation) as entry \(i.entry) in \(options.admin): "
                    + "net \(i.net), VAT \(i.vat), total \(i.total) \(i.currency), due \(i.dueDate)")
            }
        }
    }

    struct OpenItemsRead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open-items", abstract: "Open items as the CRM reads them, overdue on --today.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "Only this relation.") var relation: String?
        @Option(help: "receivable or payable.") var side: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                var chosen: OpenItemSide? = nil
                if let side {
                    guard let s = OpenItemSide(rawValue: side) else {
                        throw LedgerError("invalid-field", "--side", "'\(side)' is not receivable or payable")
                    }
                    chosen = s
                }
                let sync = SyncService(ledger: try global.openWorkspace().ledger)
                let list = try await sync.openItems(admin, relation: relation, side: chosen, today: try global.todayDate())
                if json { return try printJSON(list) }
                var table = TextTable(["side", "relation", "invoice", "date", "due", "original", "outstanding", "days overdue"],
                                      rightAligned: [5, 6, 7])
                for i in list.items {
                    table.add([i.side.rawValue, i.relation, i.invoice, "\(i.date)", "\(i.dueDate)", i.original, i.outstanding,
                               i.overdue ? String(i.daysOverdue) : ""])
                }
                print("Open items \(admin) on \(list.today)")
                print(table.render())
            }
        }
    }

    struct ChangesRead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes", abstract: "Relations and open items changed after a cursor; prints the next cursor.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "The cursor of the last poll (default 0: everything).") var since: Int64 = 0
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let sync = SyncService(ledger: try global.openWorkspace().ledger)
                let feed = try await sync.changes(admin, since: since, today: try global.todayDate())
                if json { return try printJSON(feed) }
                var table = TextTable(["seq", "kind", "key", "now"], rightAligned: [0])
                for c in feed.changes {
                    let now = if c.removed { "removed" } else if let r = c.relation { "\(r.name) (\(r.kind.rawValue))" }
                        else if let i = c.openItem { "\(i.relation) \(i.invoice) outstanding \(i.outstanding) \(i.currency)" }
                        else { "" }
                    table.add([String(c.seq), c.kind.rawValue, c.key, now])
                }
                print(table.render())
                print("cursor \(feed.cursor)" + (feed.more ? " (more changes wait: poll again with --since \(feed.cursor))" : ""))
            }
        }
    }
}
