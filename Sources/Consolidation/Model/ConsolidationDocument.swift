import Core
import Reporting

/// A consolidation laid out for people and programs: the statements with a column per entity, the translation,
/// the eliminations and the total; every elimination entry with its sources; how each reserve arises; what did
/// not match. Amounts as minor units and as text.
public struct ConsolidationDocument: Sendable, Codable {
    public struct Statement: Sendable, Codable {
        public var kind: String
        public var title: String
        public var rows: [Row]
    }

    public struct Row: Sendable, Codable {
        public var id: String
        public var label: String
        public var subtotal: Bool
        /// Per column, minor units (nil where the layout gives no amount).
        public var amounts: [Int64?]
        public var cells: [String]
    }

    public struct Entry: Sendable, Codable {
        public var kind: String
        public var description: String
        public var lines: [Line]
        public var sources: [String]
    }

    public struct Line: Sendable, Codable {
        public var account: String
        public var name: String
        public var amount: Int64
        public var text: String
        public var note: String
    }

    public struct Translation: Sendable, Codable {
        public var entity: String
        public var currency: String
        /// Credit positive: a gain on translation.
        public var reserve: Int64
        public var reserveAtStart: Int64
        public var fromOpeningNetAssets: Int64
        public var fromMovements: Int64
        public var texts: [String: String]
        /// Each account: its balance in the entity's currency, how it was translated, at which rates, into what.
        public var lines: [TranslatedAccount]
    }

    public struct TranslatedAccount: Sendable, Codable {
        public var account: String
        public var name: String
        public var balance: String
        public var method: String
        public var rates: [String]
        public var translated: String
    }

    public struct Mismatch: Sendable, Codable {
        public var kind: String
        public var entity: String
        public var counterparty: String
        public var entityAmount: Int64
        public var counterpartyAmount: Int64
        public var difference: Int64
        public var text: String
    }

    public var group: String
    public var title: String
    public var currency: String
    public var revision: String
    public var from: String
    public var to: String
    public var columns: [String]
    public var columnNames: [String]
    public var statements: [Statement]
    public var resultAttributable: [String: Int64]
    public var eliminations: [Entry]
    public var translations: [Translation]
    public var mismatches: [Mismatch]
}

extension Consolidation {
    /// The document of this consolidation, accounts named as the group chart names them.
    public func document() -> ConsolidationDocument {
        let accounts = Dictionary(chart.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let digits = group.currency.minorDigits
        func text(_ amount: Int64) -> String { Money.formatGrouped(amount, digits: digits) }
        let statements = reports.map { report in
            ConsolidationDocument.Statement(kind: report.kind.rawValue, title: report.title, rows: report.rows.map { row in
                ConsolidationDocument.Row(id: row.id, label: row.label, subtotal: row.subtotal,
                                          amounts: row.values.map(\.amount), cells: row.values.map { $0.text(digits: digits) })
            })
        }
        let entries = closing.adjustments.map { a in
            ConsolidationDocument.Entry(kind: a.kind.rawValue, description: a.description, lines: a.lines.map { l in
                ConsolidationDocument.Line(account: l.account, name: accounts[l.account] ?? "", amount: l.amount,
                                           text: text(l.amount), note: l.note)
            }, sources: a.sources)
        }
        let translations = closing.translations.map { t in
            ConsolidationDocument.Translation(
                entity: columnNames[t.entity] ?? t.entity, currency: t.currency.code, reserve: t.reserve,
                reserveAtStart: t.reserveAtStart, fromOpeningNetAssets: t.fromOpeningNetAssets, fromMovements: t.fromMovements,
                texts: ["reserve": text(t.reserve), "reserveAtStart": text(t.reserveAtStart),
                        "movement": text(t.reserve - t.reserveAtStart), "fromOpeningNetAssets": text(t.fromOpeningNetAssets),
                        "fromMovements": text(t.fromMovements),
                        "explained": text(t.fromOpeningNetAssets + t.fromMovements),
                        "openingNetAssets": Money.formatGrouped(t.openingNetAssets, digits: t.currency.minorDigits)
                            + " \(t.currency)", "openingRate": t.openingRate.description],
                lines: t.lines.map { l in
                    ConsolidationDocument.TranslatedAccount(
                        account: l.account, name: accounts[l.account] ?? "",
                        balance: Money.formatGrouped(l.balance, digits: t.currency.minorDigits) + " \(t.currency)",
                        method: l.method.rawValue, rates: l.rates, translated: text(l.translated))
                })
        }
        let mismatches = closing.mismatches.map { m in
            ConsolidationDocument.Mismatch(
                kind: m.kind, entity: columnNames[m.entity] ?? m.entity, counterparty: columnNames[m.counterparty] ?? m.counterparty,
                entityAmount: m.entityAmount, counterpartyAmount: m.counterpartyAmount, difference: m.difference,
                text: "\(m.kind == "result" ? "revenue/expenses" : "balances") \(columnNames[m.entity] ?? m.entity) "
                    + "\(text(m.entityAmount)) against \(columnNames[m.counterparty] ?? m.counterparty) "
                    + "\(text(m.counterpartyAmount)): \(text(m.difference)) left uneliminated")
        }
        return ConsolidationDocument(
            group: group.name, title: group.title, currency: group.currency.code, revision: revision,
            from: from.description, to: to.description, columns: columns, columnNames: columns.map { columnNames[$0] ?? $0 },
            statements: statements,
            resultAttributable: ["owners": ownersResult, "nonControllingInterests": nonControllingResult],
            eliminations: entries, translations: translations, mismatches: mismatches)
    }
}
