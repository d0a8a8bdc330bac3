import Consolidation
import Core

/// A consolidation as terminal tables and CSV.
enum ConsolidationOutput {
    static func table(_ d: ConsolidationDocument) -> String {
        var out = "\(d.title) — \(d.from) to \(d.to) (\(d.currency)), group file at \(d.revision.prefix(7))\n"
        for s in d.statements {
            var t = TextTable(["line"] + d.columnNames, rightAligned: Set(1...d.columnNames.count))
            for row in s.rows {
                if row.subtotal { t.separator() }
                t.add([(row.subtotal ? "" : "  ") + row.label] + row.cells)
            }
            out += "\n\(s.title)\n" + t.render() + "\n"
        }
        out += "\nEliminations\n"
        for e in d.eliminations {
            out += "- \(e.description)\n"
            for l in e.lines { out += "    \(l.account) \(l.name.prefix(36))  \(l.text)  \(l.note)\n" }
            for s in e.sources { out += "    ← \(s)\n" }
        }
        for t in d.translations {
            out += "\nTranslation of \(t.entity) (\(t.currency)): reserve \(t.texts["reserve"] ?? ""), movement "
                + "\(t.texts["movement"] ?? "") = opening net assets \(t.texts["fromOpeningNetAssets"] ?? "") + result and "
                + "other movements \(t.texts["fromMovements"] ?? "")\n"
            for l in t.lines {
                out += "    \(l.account) \(l.name.prefix(30))  \(l.balance) at \(l.method) → \(l.translated)  ("
                    + l.rates.joined(separator: "; ") + ")\n"
            }
        }
        out += d.mismatches.isEmpty ? "\nEvery intercompany pair matches.\n"
            : "\nIntercompany differences\n" + d.mismatches.map { "- \($0.text)\n" }.joined()
        return out
    }

    static func csv(_ d: ConsolidationDocument) -> String {
        let digits = (try? CurrencyCode(d.currency))?.minorDigits ?? 2
        var out = (["statement", "line", "label"] + d.columnNames).map(TrialBalanceOutput.csvField).joined(separator: ",") + "\n"
        for s in d.statements {
            for row in s.rows {
                out += ([s.kind, row.id, TrialBalanceOutput.csvField(row.label)]
                    + row.amounts.map { a in a.map { Money.format($0, digits: digits) } ?? "" }).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
