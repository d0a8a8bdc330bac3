import ArgumentParser
import Core
import Foundation
import Interchange
import Ledger

/// `ledgerops bank`: bank statements in, matched to open items, the rest processed by hand.
struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: "Bank statements: import, match to open items, list, post by hand.",
        subcommands: [Import.self, Match.self, List.self, Post.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a bank statement file (CAMT.053/.052/.054 or MT940), all or nothing.",
            discussion: """
                The format is read from the content. Lines already imported (from this file or another) are \
                skipped. The ledger account is --account the first time an IBAN comes in (remembered after), or \
                the administration's only bank account.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "The statement file.") var file: String
        @Option(help: "The ledger (bank) account the statement's IBAN books to.") var account: String?
        @Flag(help: "Check the file and write nothing.") var dryRun = false
        @Flag(help: "Match the lines to open items right after the import.") var match = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let ledger = try global.openWorkspace().ledger
                let report = try await BankStatementFile.importFile(file, into: admin, ledger: ledger, account: account,
                                                                    dryRun: dryRun)
                let matched = match && !dryRun ? try await ledger.matchBankLines(admin) : nil
                if json { return try printJSON(BankOutput.ImportAndMatch(imported: report, matched: matched)) }
                print(BankOutput.imported(report, file: file))
                if let matched {
                    let lines = Dictionary(uniqueKeysWithValues: try await ledger.bankLines(admin).map { ($0.id, $0) })
                    print(BankOutput.match(matched, lines: lines))
                }
            }
        }
    }

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match the lines to process to open items and post what matches.",
            discussion: """
                Rules, in order: a structured reference (RF creditor reference or betalingskenmerk) naming the \
                invoice; invoice numbers in the description or end-to-end reference (one, several paid together, \
                or part of one); the counterparty's IBAN with one open item of the amount, or items adding up to it. \
                What fits no rule unambiguously stays to process, with the reason.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Flag(help: "Show what would match and post nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(dryRun ? .viewer : .accountant)
                let ledger = try global.openWorkspace().ledger
                let report = try await ledger.matchBankLines(admin, dryRun: dryRun)
                if json { return try printJSON(report) }
                let lines = Dictionary(uniqueKeysWithValues: try await ledger.bankLines(admin).map { ($0.id, $0) })
                print(BankOutput.match(report, lines: lines))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bank statement lines, processed or to process.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Flag(help: "Only the lines to process.") var toProcess = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let lines = try await global.openWorkspace().ledger.bankLines(admin, unprocessedOnly: toProcess)
                if json { return try printJSON(lines) }
                print(BankOutput.list(lines))
            }
        }
    }

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Process one bank line by hand: against invoices, or onto an account.",
            discussion: """
                Against invoices: --invoice VF2026-0001 (repeat; VF2026-0001=100.00 pays part), with --relation when \
                an invoice number is open with several relations and --rest ACCOUNT for a payment difference. \
                Onto an account: --account 4310 [--vat-code I21] (the line is then gross) [--relation] [--cost-centre].
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "The bank line's id (see bank list).") var line: Int64
        @Option(help: "An invoice the line pays, optionally =AMOUNT (repeat).") var invoice: [String] = []
        @Option(help: "The relation of the invoices, or of an account posting.") var relation: String?
        @Option(help: "Account for what the invoices leave of the line.") var rest: String?
        @Option(help: "Post the line onto this account instead.") var account: String?
        @Option(help: "VAT code for an account posting.") var vatCode: String?
        @Option(help: "Cost centre for an account posting.") var costCentre: String?
        @Option(help: "Description for an account posting.") var description: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let ledger = try global.openWorkspace().ledger
                let posting: BankPosting
                switch (invoice.isEmpty, account) {
                case (false, nil):
                    let bankLine = try await ledger.bankLine(line, in: admin)
                    posting = .openItems(try invoice.map { try Self.payment($0, relation: relation, line: bankLine) }, rest: rest)
                case (true, let account?):
                    posting = .account(account, vatCode: vatCode, relation: relation, costCentre: costCentre,
                                       description: description)
                default:
                    throw ValidationError("give either --invoice (one or more) or --account")
                }
                let entry = try await ledger.postBankLine(line, in: admin, posting)
                print("Posted entry \(entry.number) in \(entry.journal) on \(entry.date); bank line \(line) is processed")
            }
        }

        /// `INVOICE` or `INVOICE=AMOUNT`; the amount is given as a plain figure and takes the line's sign.
        static func payment(_ text: String, relation: String?, line: BankStatementLine) throws -> BankPosting.InvoicePayment {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard let number = parts.first, !number.isEmpty else {
                throw LedgerError("invalid-field", "--invoice", "'\(text)' names no invoice")
            }
            var amount: Int64?
            if parts.count == 2 {
                let figure = abs(try Money(parsing: parts[1], currency: line.amount.currency, field: "--invoice").minorUnits)
                amount = line.amount.minorUnits < 0 ? -figure : figure
            }
            return .init(invoice: number, relation: relation, amount: amount)
        }
    }
}
