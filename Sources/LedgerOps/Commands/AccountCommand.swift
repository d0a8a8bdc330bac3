import ArgumentParser
import Core
import Foundation
import Ledger

/// `ledgerops account`: local changes to an administration's chart (the reconciler reports them as drift).
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Change an administration's chart locally.",
        subcommands: [Add.self, Edit.self, Deactivate.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Account code.") var code: String
        @Option(help: "Name.") var name: String
        @Option(help: "asset, liability, equity, revenue or expense.") var type: String
        @Option(help: "debit or credit (default: from the type).") var normal: String?
        @Option(help: "RGS code.") var rgs: String?
        @Option(help: "Default VAT code.") var vat: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                guard let t = AccountType(rawValue: type) else {
                    throw LedgerError("invalid-field", "--type", "'\(type)' is not asset, liability, equity, revenue or expense")
                }
                let side = try normal.map { raw throws -> NormalSide in
                    guard let s = NormalSide(rawValue: raw) else { throw LedgerError("invalid-field", "--normal", "'\(raw)' is not debit or credit") }
                    return s
                } ?? (t == .asset || t == .expense ? .debit : .credit)
                try await global.openWorkspace().ledger.addAccount(
                    Account(code: code, name: name, type: t, normalSide: side, rgsCode: rgs, vatCode: vat), to: admin)
                print("Added account \(code) \(name) to \(admin)")
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an account's name, RGS code or default VAT code.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Account code.") var code: String
        @Option(help: "New name.") var name: String?
        @Option(help: "New RGS code.") var rgs: String?
        @Option(help: "New default VAT code.") var vat: String?

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                let (name, rgs, vat) = (self.name, self.rgs, self.vat)
                let a = try await global.openWorkspace().ledger.editAccount(code, in: admin) { account in
                    if let name { account.name = name }
                    if let rgs { account.rgsCode = rgs }
                    if let vat { account.vatCode = vat }
                }
                print("Account \(a.code) of \(admin): \(a.name)")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate an account: no new postings.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Account code.") var code: String

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                _ = try await global.openWorkspace().ledger.editAccount(code, in: admin) { $0.active = false }
                print("Deactivated account \(code) of \(admin)")
            }
        }
    }
}

/// `ledgerops setting set`: a local setting.
struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting", abstract: "An administration's settings.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a setting locally (true/false, a number, or text).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Administration id.") var admin: String
        @Argument(help: "Setting key, e.g. payment.term-days.") var key: String
        @Argument(help: "Value.") var value: String

        func run() async throws {
            try await face {
                try await global.authorize(.accountant)
                try await global.openWorkspace().ledger.setSetting(key, to: SettingValue(parsing: value), in: admin)
                print("Set \(key) = \(value) in \(admin)")
            }
        }
    }
}
