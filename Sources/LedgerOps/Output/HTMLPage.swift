import Core
import Mustache
import Reporting

/// Self-contained HTML pages (no scripts, inline style) for reports and the VAT return, from Mustache templates;
/// values are escaped by the template engine.
enum HTMLPage {
    static let style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-bottom:2rem}
        th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tr.sub td{font-weight:600;border-top:1px solid #888}tr.acc td{color:#666;font-size:.9em}td.acc{padding-left:2rem}
        """

    static let reportTemplate = """
        <!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{title}}</title><style>{{style}}</style></head><body>
        {{#reports}}<h1>{{title}}</h1><p>{{administration}} · {{currency}}</p>
        <table><thead><tr><th></th>{{#columns}}<th class="n">{{.}}</th>{{/columns}}</tr></thead><tbody>
        {{#rows}}<tr{{#subtotal}} class="sub"{{/subtotal}}><td>{{label}}</td>{{#cells}}<td class="n">{{.}}</td>{{/cells}}</tr>
        {{#accounts}}<tr class="acc"><td class="acc">{{code}} {{name}}</td>{{#cells}}<td class="n">{{.}}</td>{{/cells}}</tr>{{/accounts}}
        {{/rows}}</tbody></table>{{/reports}}</body></html>
        """

    static let vatTemplate = """
        <!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{title}}</title><style>{{style}}</style></head><body><h1>{{title}}</h1>
        <table><thead><tr><th>box</th><th></th><th class="n">turnover</th><th class="n">VAT</th>
        <th class="n">filed turnover</th><th class="n">filed VAT</th></tr></thead><tbody>
        {{#boxes}}<tr><td>{{id}}</td><td>{{label}}</td><td class="n">{{turnover}}</td><td class="n">{{vat}}</td>
        <td class="n">{{filedTurnover}}</td><td class="n">{{filedVAT}}</td></tr>{{/boxes}}</tbody></table>
        <p><strong>{{payableLabel}}: {{payable}}</strong></p>
        {{#hasICP}}<h2>ICP listing</h2><table><thead><tr><th>customer</th><th>name</th><th>VAT number</th>
        <th class="n">amount</th></tr></thead><tbody>{{#icp}}<tr><td>{{relation}}</td><td>{{name}}</td><td>{{vatNumber}}</td>
        <td class="n">{{amount}}</td></tr>{{/icp}}</tbody></table>{{/hasICP}}
        {{#warnings}}<p>⚠ {{.}}</p>{{/warnings}}</body></html>
        """

    static let tableTemplate = """
        <!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{title}}</title><style>{{style}}</style></head><body><h1>{{title}}</h1>
        <table><thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead><tbody>
        {{#rows}}<tr{{#total}} class="sub"{{/total}}>{{#cells}}<td{{#numeric}} class="n"{{/numeric}}>{{text}}</td>{{/cells}}</tr>{{/rows}}
        </tbody></table></body></html>
        """

    /// A plain table page; `numeric` columns are right-aligned, the last row is a total when `total` is set.
    static func render(title: String, headers: [String], rows: [[String]], numeric: Set<Int>, total: Bool) throws -> String {
        let data: [String: Any] = [
            "title": title, "style": style, "headers": headers,
            "rows": rows.enumerated().map { i, row -> [String: Any] in
                ["total": total && i == rows.count - 1,
                 "cells": row.enumerated().map { j, text -> [String: Any] in ["text": text, "numeric": numeric.contains(j)] }]
            },
        ]
        return try MustacheTemplate(string: tableTemplate).render(data) + "\n"
    }

    static func render(reports: [Report], detail: Bool) throws -> String {
        let data: [String: Any] = [
            "title": reports.map(\.title).joined(separator: ", "), "style": style,
            "reports": reports.map { r -> [String: Any] in
                let d = r.currency.minorDigits
                return [
                    "title": r.title, "administration": r.administration, "currency": r.currency.code,
                    "columns": r.columns.map { ReportOutput.label($0, of: r) },
                    "rows": r.rows.map { row -> [String: Any] in
                        [
                            "label": row.label, "subtotal": row.subtotal,
                            "cells": row.values.map { $0.text(digits: d) },
                            "accounts": detail ? row.accounts.map { a -> [String: Any] in
                                ["code": a.account, "name": a.name,
                                 "cells": a.amounts.map { Money.formatGrouped($0, digits: d) }]
                            } : [],
                        ]
                    },
                ]
            },
        ]
        return try MustacheTemplate(string: reportTemplate).render(data) + "\n"
    }

    static func render(vatReturn v: VATReturn) throws -> String {
        let d = v.currency.minorDigits
        func money(_ a: Int64?) -> String { a.map { Money.formatGrouped($0, digits: d) } ?? "" }
        func whole(_ a: Int64?) -> String { a.map { Money.formatGrouped($0, digits: 0) } ?? "" }
        let data: [String: Any] = [
            "title": "Aangifte omzetbelasting \(v.administration) \(v.from) – \(v.to)", "style": style,
            "boxes": v.boxes.map { b -> [String: Any] in
                ["id": b.id, "label": b.label, "turnover": money(b.turnover), "vat": money(b.vat),
                 "filedTurnover": whole(b.filedTurnover), "filedVAT": whole(b.filedVAT)]
            },
            "payableLabel": v.payable >= 0 ? "Te betalen" : "Terug te vragen", "payable": money(abs(v.payable)),
            "hasICP": !v.icp.isEmpty,
            "icp": v.icp.map { l -> [String: Any] in
                ["relation": l.relation, "name": l.name, "vatNumber": l.vatNumber ?? "–", "amount": money(l.amount)]
            },
            "warnings": v.warnings,
        ]
        return try MustacheTemplate(string: vatTemplate).render(data) + "\n"
    }
}
