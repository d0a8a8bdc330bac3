import Core
import Foundation
import Interchange
import Ledger
import Store
import Testing
import TestSupport

/// hledger as an independent oracle: a demo administration of more than 10,000 entries, exported, checked and
/// balanced by hledger, and imported back without a cent's difference.
@Suite(.enabled(if: Peer.hledger.shouldRun, "skipped: hledger is not installed (CI installs it and fails without it)"))
struct HledgerCrossCheckTests {
    /// Minor units from hledger's `1234.56 EUR` (our export declares `commodity 1000.00 EUR`).
    static func minor(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" || trimmed.isEmpty { return 0 }
        let number = trimmed.hasSuffix(" EUR") ? String(trimmed.dropLast(4)) : trimmed
        return try Money(parsing: number, currency: .eur, field: "hledger").minorUnits
    }

    @Test func exportCheckBalanceAndRoundTrip() async throws {
        let t = try await TestLedger()
        defer { t.remove() }
        let chart = try ChartLoader.load(directory: TestLedger.baseChartDirectory)
        let report = try await DemoGenerator(ledger: t.ledger, chart: chart).run(
            .init(administrations: 1, seed: 3, year: 2026, volume: 20))
        let admin = report.administrations[0]
        #expect(report.entries >= 10_000)
        let journal = try await HledgerExporter(ledger: t.ledger).export(admin)
        let file = t.directory + "/\(admin).journal"
        try journal.write(toFile: file, atomically: true, encoding: .utf8)

        // 1. hledger reads it strictly: every account and commodity declared, every transaction balanced.
        _ = try Peer.hledger.run(["-f", file, "check", "--strict", "accounts", "commodities"])
        _ = try Peer.hledger.run(["-f", file, "check"])

        // 2. hledger's balance per account equals our trial balance.
        let tb = try await t.ledger.trialBalance(admin, from: day("2026-01-01"), to: day("2026-12-31"))
        var ours: [String: Int64] = [:]
        for row in tb.rows where row.closing != 0 { ours[row.account] = row.closing }
        var theirs: [String: Int64] = [:]
        for row in parseQuotedCSV(try Peer.hledger.run(["-f", file, "bal", "-B", "-O", "csv"])).dropFirst()
        where row[0] != "total" {
            let code = String(row[0].split(separator: " ")[0])
            let amount = try Self.minor(row[1])
            if amount != 0 { theirs[code] = amount }
        }
        #expect(theirs == ours)
        #expect(ours.count > 20)

        // 3. hledger's monthly balances per account equal our maintained period balances.
        let periods = try await t.store.read { tx in try tx.allBalances(admin) }
        var ourMonths: [String: Int64] = [:]
        for b in periods {
            let month = min(max(b.period, 1), 12)  // the opening period is dated in month 1, the closing in 12
            ourMonths["\(b.account) 2026-\(month < 10 ? "0" : "")\(month)", default: 0] += b.net
        }
        ourMonths = ourMonths.filter { $0.value != 0 }
        let monthly = parseQuotedCSV(try Peer.hledger.run(["-f", file, "bal", "-B", "-M", "-O", "csv"]))
        let header = monthly[0]
        var theirMonths: [String: Int64] = [:]
        for row in monthly.dropFirst() where row[0] != "total" {
            let code = String(row[0].split(separator: " ")[0])
            for (i, cell) in row.enumerated().dropFirst() {
                let amount = try Self.minor(cell)
                if amount != 0 { theirMonths["\(code) \(header[i])"] = amount }
            }
        }
        #expect(theirMonths == ourMonths)

        // 4. Imported into a fresh administration, the file gives the same balances, period by period.
        _ = try await t.ledger.createAdministration(
            Administration(id: "copy", name: "Copy", currency: .eur), chart: chart, openYear: 2026)
        var options = JournalImporter.Options()
        options.createRelations = true
        options.createCostCentres = true
        let summary = try await JournalImporter(ledger: t.ledger, options: options).importFile(file, into: "copy")
        #expect(summary.entries == report.entries)
        let copied = try await t.store.read { tx in try tx.allBalances("copy") }
        #expect(Set(copied) == Set(periods))
        let copyTB = try await t.ledger.trialBalance("copy", from: day("2026-01-01"), to: day("2026-12-31"))
        #expect(copyTB.rows == tb.rows)
        let items = try await t.ledger.openItems(admin, today: day("2026-12-31")).items.map(\.item.outstanding)
        let copiedItems = try await t.ledger.openItems("copy", today: day("2026-12-31")).items.map(\.item.outstanding)
        #expect(items.sorted() == copiedItems.sorted())
        // A second import of the same file posts nothing.
        let again = try await JournalImporter(ledger: t.ledger, options: options).importFile(file, into: "copy")
        #expect(again.entries == 0 && again.replayed == report.entries)
    }
}
