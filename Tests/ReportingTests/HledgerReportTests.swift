import Core
import Foundation
import Interchange
import Ledger
import Reporting
import Testing
import TestSupport

/// hledger as an independent oracle for the balance sheet and the income statement: on exported demo
/// administrations of every cluster, every account's figure on our layouts equals hledger's `bse` and `is`.
@Suite(.enabled(if: Peer.hledger.shouldRun, "skipped: hledger is not installed (CI installs it and fails without it)"))
struct HledgerReportTests {
    /// Per account, debit positive, from hledger's sectioned CSV: Assets and Expenses are debit-positive there,
    /// Liabilities, Equity and Revenues credit-positive.
    static func hledger(_ arguments: [String]) throws -> [String: Int64] {
        var section = "", result: [String: Int64] = [:]
        for row in parseQuotedCSV(try Peer.hledger.run(arguments)) where row.count >= 2 {
            if ["Assets", "Liabilities", "Equity", "Revenues", "Expenses"].contains(row[0]) && row[1].isEmpty {
                section = row[0]
                continue
            }
            guard !section.isEmpty, let code = row[0].split(separator: " ").first, code.allSatisfy(\.isNumber) else { continue }
            let amount = try minor(row[1])
            let raw = section == "Assets" || section == "Expenses" ? amount : -amount
            if raw != 0 { result[String(code)] = raw }
        }
        return result
    }

    static func minor(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" || trimmed.isEmpty { return 0 }
        return try Money(parsing: trimmed.hasSuffix(" EUR") ? String(trimmed.dropLast(4)) : trimmed, currency: .eur,
                         field: "hledger").minorUnits
    }

    /// Per account, debit positive, from the accounts behind our report's lines, keeping accounts of `types`.
    static func ours(_ report: Report, types: Set<AccountType>, accounts: [String: Account], layout: ReportLayout)
        -> [String: Int64]
    {
        var result: [String: Int64] = [:]
        for row in report.rows {
            let sign = layout.lines.first { $0.id == row.id }!.sign
            for a in row.accounts where types.contains(accounts[a.account]!.type) {
                let raw = sign == .debit ? a.amounts[0] : -a.amounts[0]
                if raw != 0 { result[a.account, default: 0] += raw }
            }
        }
        return result
    }

    @Test func everyAccountOnTheBalanceSheetAndTheProfitAndLossAgreesWithHledger() async throws {
        let demo = try await DemoWorkspace(administrations: 3, seed: 5)
        defer { demo.remove() }
        let service = ReportService(ledger: demo.ledger)
        for admin in demo.administrations {
            let file = demo.directory + "/\(admin).journal"
            try (try await HledgerExporter(ledger: demo.ledger).export(admin)).write(toFile: file, atomically: true, encoding: .utf8)
            let setup = try await demo.ledger.reportSetup(admin)
            let accounts = Dictionary(uniqueKeysWithValues: setup.accounts.map { ($0.code, $0) })
            let bsLayout = setup.layouts.first { $0.kind == .balanceSheet }!
            let plLayout = setup.layouts.first { $0.kind == .profitAndLoss }!
            for (from, to) in [("2026-01-01", "2026-12-31"), ("2026-04-01", "2026-06-30"), ("2026-09-01", "2026-09-30")] {
                let range = day(from)...day(to)
                let next = day(to).adding(days: 1).description
                let bs = try await service.reports(admin, kind: .balanceSheet, range: range)[0]
                let ourBS = Self.ours(bs, types: [.asset, .liability, .equity], accounts: accounts, layout: bsLayout)
                let theirBS = try Self.hledger(["-f", file, "bse", "-e", next, "-O", "csv", "--flat"])
                #expect(ourBS == theirBS, "\(admin) balance sheet at \(to)")
                #expect(ourBS.count > 5)
                let pl = try await service.reports(admin, kind: .profitAndLoss, range: range)[0]
                let ourPL = Self.ours(pl, types: [.revenue, .expense], accounts: accounts, layout: plLayout)
                let theirPL = try Self.hledger(["-f", file, "is", "-b", from, "-e", next, "-O", "csv", "--flat"])
                #expect(ourPL == theirPL, "\(admin) profit and loss \(from)…\(to)")
                #expect(ourPL.count > 3)
            }
        }
    }
}
