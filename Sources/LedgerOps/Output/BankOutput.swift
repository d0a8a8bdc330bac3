import Core
import Ledger

/// Renders bank lines and matching results as tables a bookkeeper reads.
enum BankOutput {
    /// `bank import --match --json`: both reports in one document.
    struct ImportAndMatch: Encodable {
        var imported: BankImportReport
        var matched: BankMatchReport?
    }

    static func imported(_ r: BankImportReport, file: String) -> String {
        var out = [(r.dryRun ? "Dry run, nothing written: " : "") + "\(file): \(r.statements) statement(s), \(r.lines) lines, "
            + "\(r.added) new, \(r.alreadyThere) already there"]
        for (iban, account) in r.accounts.sorted(by: { $0.key < $1.key }) { out.append("  \(iban) books to account \(account)") }
        out += r.warnings.map { "warning: \($0)" }
        return out.joined(separator: "\n")
    }

    static func list(_ lines: [BankStatementLine]) -> String {
        guard !lines.isEmpty else { return "No bank lines." }
        var table = TextTable(["id", "date", "amount", "counterparty", "description", "status"], rightAligned: [0, 2])
        for l in lines {
            table.add([String(l.id), l.date.description, amount(l.amount), String((l.counterpartyName ?? l.counterpartyIBAN ?? "").prefix(24)),
                       String(l.description.replacingOccurrences(of: "\n", with: " ").prefix(40)),
                       l.processedBy.map { "processed (\($0))" } ?? (l.isProcessed ? "processed" : "to process")])
        }
        let open = lines.filter { !$0.isProcessed }.count
        return table.render() + "\n\(lines.count) lines, \(open) to process"
    }

    static func match(_ report: BankMatchReport, lines: [Int64: BankStatementLine]) -> String {
        guard !report.outcomes.isEmpty else { return "No bank lines to process." }
        var table = TextTable(["id", "date", "amount", "counterparty", "result"], rightAligned: [0, 2])
        for o in report.outcomes {
            guard let l = lines[o.line] else { continue }
            let result: String
            if let rule = o.rule {
                let digits = l.amount.currency.minorDigits
                result = "\(rule.rawValue): " + o.allocations.map {
                    "\($0.relation) \($0.invoice) " + Money.formatGrouped($0.amount, digits: digits) + ($0.remaining != 0 ? " (part)" : "")
                }.joined(separator: ", ")
            } else {
                result = "to process: " + (o.reason ?? "")
            }
            table.add([String(l.id), l.date.description, amount(l.amount),
                       String((l.counterpartyName ?? l.counterpartyIBAN ?? "").prefix(24)), result])
        }
        let verb = report.dryRun ? "would match" : "matched and posted"
        return table.render() + "\n\(report.matched.count) of \(report.outcomes.count) lines \(verb)"
            + (report.dryRun ? " (dry run, nothing written)" : " (\(report.posted) entries)")
            + ", \(report.toProcess.count) left to process"
    }

    static func amount(_ m: Money) -> String { Money.formatGrouped(m.minorUnits, digits: m.currency.minorDigits) }
}
