import ArgumentParser
import Core
import Foundation
import Interchange
import Ledger

/// `ledgerops export`: an administration in another program's format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export an administration.", subcommands: [Hledger.self, XAF.self])

    struct XAF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xaf", abstract: "One fiscal year as an XAF 3.2 audit file (valid against the XSD).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "Fiscal year.") var year: Int
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let xaf = try await XAFExporter(ledger: try global.openWorkspace().ledger)
                    .export(admin, year: year, created: try global.todayDate())
                if let output { try xaf.write(toFile: output, atomically: true, encoding: .utf8) } else { print(xaf, terminator: "") }
            }
        }
    }

    struct Hledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hledger", abstract: "As an hledger journal (also read by ledger-cli).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(name: .shortAndLong, help: "Write to this file (default: stdout).") var output: String?

        func run() async throws {
            try await face {
                try await global.authorize(.viewer)
                let text = try await HledgerExporter(ledger: global.openWorkspace().ledger).export(admin)
                if let output {
                    try text.write(toFile: output, atomically: true, encoding: .utf8)
                    FileHandle.standardError.write(Data("Wrote \(output)\n".utf8))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }
}

/// `ledgerops import`: entries from another program's files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import into an administration (all or nothing).", subcommands: [Journal.self, XAF.self, SAFT.self, CSV.self])

    struct CSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv", abstract: "A switch of systems from CSV: chart, relations, opening balance, monthly movements.",
            discussion: """
                chart: code,name,type[,rgs]. relations: number,name,kind[,iban,delivery,vat,coc,terms]. opening:
                account,amount[,relation,invoice,due] (debit positive). movements: month,account,amount, up to the
                switch date. Open items come in on the control accounts against interim accounts, which must be zero
                on the switch date; any that is not is reported. All files, or nothing.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Option(help: "Chart of accounts CSV.") var chart: String?
        @Option(help: "Relations CSV.") var relations: String?
        @Option(help: "Opening balance CSV.") var opening: String?
        @Option(help: "Movements per month CSV (the second path).") var movements: String?
        @Option(help: "The switch date (YYYY-MM-DD).") var switchDate: String
        @Option(help: "An interim account that must be zero on the switch date (repeat; default: the tussenrekeningen).")
        var interim: [String] = []
        @Flag(help: "Check everything and write nothing.") var dryRun = false

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let date = try LocalDate(parsing: switchDate, field: "--switch-date")
                let s = try await CSVMigration(ledger: try global.openWorkspace().ledger).run(
                    .init(chart: chart, relations: relations, opening: opening, movements: movements), into: admin, switchDate: date,
                    interim: interim.isEmpty ? nil : interim, dryRun: dryRun)
                print((dryRun ? "Dry run, nothing written: would migrate into " : "Migrated into ") + "\(admin): \(s.accounts) accounts, \(s.relations) relations, opening balance of \(s.openingLines) lines, "
                    + "\(s.months) months of movements (\(s.imported?.entries ?? 0) entries)")
                for (account, balance) in s.interimNotZero.sorted(by: { $0.key < $1.key }) {
                    print("warning: interim account \(account) is \(Money.formatGrouped(balance, digits: 2)) on \(date), not zero")
                }
            }
        }
    }

    struct SAFT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "saft", abstract: "A Norwegian SAF-T Financial file (1.10, 1.30): parties, opening balances, transactions.",
            discussion: """
                Accounts map by --mapping rows (CSV: account,target), their own code, or their standard account's group
                onto the chart's RGS group (customer and supplier ledgers onto the control accounts). Opening balances
                that do not balance are refused with the difference named, unless --suspense posts it to suspense.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id (in the file's currency).") var admin: String
        @Argument(help: "The SAF-T XML file.") var file: String
        @Option(help: "Mapping CSV: account,target (a header line first).") var mapping: String?
        @Flag(help: "Post an opening-balance difference to the suspense account (reported) instead of refusing the file.")
        var suspense = false
        @Flag(help: "Check everything and write nothing.") var dryRun = false

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                var options = SAFTImporter.Options(suspenseForDifference: suspense, dryRun: dryRun)
                if let mapping { options.mapping = try InputFile.mapping(mapping) }
                let s = try await SAFTImporter(ledger: try global.openWorkspace().ledger, options: options).importFile(file, into: admin)
                print((dryRun ? "Dry run, nothing written: would import " : "Imported ")
                    + "\(s.imported?.entries ?? 0) entries into \(admin) from SAF-T \(s.version): \(s.accounts) accounts, "
                    + "\(s.customers) customers, \(s.suppliers) suppliers, \(s.transactions) transactions")
                for w in s.warnings { print("warning: \(w)") }
            }
        }
    }

    struct XAF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xaf", abstract: "An XAF 3.1/3.2 audit file: relations, opening balance, transactions.",
            discussion: """
                Accounts of the file go onto the administration's chart by --mapping rows (CSV: account,target), else
                by their RGS code (leadReference), else by the longest RGS prefix the chart has. A line on an account
                that maps nowhere refuses the whole file; --draft-mapping writes a mapping to complete.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "The .xaf file.") var file: String
        @Option(help: "Mapping CSV: account,target (a header line first).") var mapping: String?
        @Flag(help: "Read the file and show what would be imported; write nothing.") var dryRun = false
        @Option(help: "Write a draft mapping CSV (every account of the file, with the target found, or empty) to this file.")
        var draftMapping: String?

        func run() async throws {
            try await face {
                try await global.authorize(dryRun ? .viewer : .accountant)
                var options = XAFImporter.Options()
                // A progress line on large files, when a person is watching.
                if isatty(2) != 0 {
                    options.progress = { count in FileHandle.standardError.write(Data("\r  \(count) transactions read".utf8)) }
                }
                if let mapping { options.mapping = try InputFile.mapping(mapping) }
                let importer = XAFImporter(ledger: try global.openWorkspace().ledger, options: options)
                if dryRun || draftMapping != nil {
                    let s = try await importer.dryRun(file, into: admin)
                    if let draftMapping {
                        let rows = s.mapping.keys.sorted() + s.unmapped.filter { s.mapping[$0] == nil }
                        var csv = "account,target,how\n"
                        for account in Set(rows).sorted() { csv += "\(account),\(s.mapping[account] ?? ""),\(s.how[account] ?? "unmapped")\n" }
                        try csv.write(toFile: draftMapping, atomically: true, encoding: .utf8)
                        print("Wrote \(draftMapping): \(s.mapping.count) accounts mapped, \(s.unmapped.count) to complete")
                    }
                    print("XAF \(s.version): \(s.accounts) accounts, \(s.relations) relations, \(s.transactions) transactions "
                        + "(\(s.lines) lines), opening balance \(s.openingLines) lines; debit \(Money.formatGrouped(s.totalDebit, digits: 2)), "
                        + "credit \(Money.formatGrouped(s.totalCredit, digits: 2))"
                        + (s.unmapped.isEmpty ? "; every account used maps" : "; unmapped: " + s.unmapped.joined(separator: ", ")))
                    return
                }
                let s = try await importer.importFile(file, into: admin)
                if options.progress != nil && s.transactions >= 10_000 { FileHandle.standardError.write(Data("\n".utf8)) }
                print("Imported \(s.imported?.entries ?? 0) entries (\(s.imported?.lines ?? 0) lines) into \(admin) from XAF \(s.version); "
                    + "\(s.imported?.createdRelations.count ?? 0) relations created, \(s.imported?.replayed ?? 0) already there")
            }
        }
    }

    struct Journal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A plain-text journal (hledger / ledger format).",
            discussion: """
                Accounts are found by code: `13011 Debiteuren` and `13011` both mean account 13011. Posting tags
                relation:, invoice:, due:, costcentre:, vat: and vatamount: fill those fields; a transaction tag
                journal: picks the journal and kind:opening books it as an opening balance. Amounts in another
                currency need their price (`100.00 USD @@ 92.00 EUR`). Re-importing a file posts only what is new.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Journal file.") var file: String
        @Flag(help: "Create accounts the administration lacks (type from `account` declarations or the top-level name).")
        var createAccounts = false
        @Flag(help: "Create relations named in relation: tags that the administration lacks.") var createRelations = false
        @Flag(help: "Create cost centres named in costcentre: tags that the administration lacks.")
        var createCostCentres = false
        @Option(name: .customLong("type"), help: "An account's type, as NAME=asset|liability|equity|revenue|expense.")
        var types: [String] = []

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                var options = JournalImporter.Options()
                options.createAccounts = createAccounts
                options.createRelations = createRelations
                options.createCostCentres = createCostCentres
                for pair in types {
                    guard let eq = pair.lastIndex(of: "="), let type = AccountType(rawValue: String(pair[pair.index(after: eq)...]))
                    else { throw LedgerError("invalid-field", "--type", "'\(pair)' is not NAME=asset|liability|equity|revenue|expense") }
                    options.accountTypes[String(pair[..<eq])] = type
                }
                let ledger = try global.openWorkspace().ledger
                let s = try await JournalImporter(ledger: ledger, options: options).importFile(file, into: admin)
                var parts = ["Imported \(s.entries) entries (\(s.lines) lines) into \(admin)"]
                if s.replayed > 0 { parts.append("\(s.replayed) already imported") }
                if !s.createdAccounts.isEmpty { parts.append("\(s.createdAccounts.count) accounts created") }
                if !s.createdRelations.isEmpty { parts.append("\(s.createdRelations.count) relations created") }
                if !s.createdCostCentres.isEmpty { parts.append("\(s.createdCostCentres.count) cost centres created") }
                if !s.openedYears.isEmpty { parts.append("opened " + s.openedYears.map(String.init).joined(separator: ", ")) }
                print(parts.joined(separator: "; "))
            }
        }
    }
}
