public import Core
public import Store

/// What a report over one administration needs besides balances, read in one transaction.
public struct ReportSetup: Sendable {
    public var administration: Administration
    public var accounts: [Account]
    public var vatCodes: [VATCode]
    /// The layouts of the administration's live configuration: what it runs, drift included.
    public var layouts: [ReportLayout]
    public var fiscalYears: [Int]
}

extension LedgerService {
    /// The administration, its chart, VAT codes, report layouts and fiscal years.
    public func reportSetup(_ admin: String) async throws -> ReportSetup {
        try await read(admin) { tx in
            let administration = try tx.administration(admin)!
            return ReportSetup(administration: administration, accounts: try tx.accounts(admin),
                               vatCodes: try tx.vatCodes(admin),
                               layouts: try tx.configItems(admin, kind: .reports, as: ReportLayout.self),
                               fiscalYears: try tx.fiscalYears(admin).map(\.year))
        }
    }

    /// VAT totals per code and relation over whole months `from`…`to` (which may span fiscal years).
    public func vatTotals(_ admin: String, from: LocalDate, to: LocalDate) async throws -> [VATTotal] {
        guard from.day == 1 else {
            throw LedgerError("invalid-range", "from", "a VAT return covers whole months; \(from) is not the first of a month")
        }
        guard to == to.lastOfMonth, from <= to else {
            throw LedgerError("invalid-range", "to", "a VAT return covers whole months; \(to) is not the last of a month "
                + "on or after \(from)")
        }
        return try await read(admin) { tx in
            let calendar = try FiscalCalendar(startMonth: try tx.administration(admin)!.fiscalYearStart)
            var totals: [String: VATTotal] = [:]
            var month = from
            while month <= to {
                let year = calendar.fiscalYear(containing: month), period = calendar.periodNumber(containing: month)
                for t in try tx.vatTotals(admin, year: year, periods: period...period) {
                    let key = t.code + "\u{1F}" + t.relation
                    totals[key, default: VATTotal(code: t.code, relation: t.relation, base: 0, vat: 0)].base += t.base
                    totals[key]!.vat += t.vat
                }
                month = month.adding(months: 1)
            }
            return totals.values.sorted { ($0.code, $0.relation) < ($1.code, $1.relation) }
        }
    }

    /// Enters a non-financial figure (FTE, covers, hectares) for the month containing `month`; nil clears it.
    public func setFigure(_ key: String, month: LocalDate, to value: DecimalNumber?, in admin: String) async throws {
        guard !key.isEmpty, key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw LedgerError("invalid", "key", "'\(key)' is not a figure key; use lowercase letters, digits, dots and dashes (fte)")
        }
        try await write { tx in
            guard let a = try tx.administration(admin) else { throw LedgerError.notFound("administration \(admin) does not exist") }
            let calendar = try FiscalCalendar(startMonth: a.fiscalYearStart)
            let year = calendar.fiscalYear(containing: month)
            guard try tx.fiscalYears(admin).contains(where: { $0.year == year }) else {
                throw LedgerError("not-found", "period", "fiscal year \(year) of \(admin) is not open; open it before entering figures")
            }
            try tx.setFigure(admin, key: key, year: year, period: calendar.periodNumber(containing: month), value: value)
        }
    }

    /// Figures per key for the months `from`…`to`, in month order; months without a value are left out.
    public func figures(_ admin: String, from: LocalDate, to: LocalDate) async throws -> [String: [DecimalNumber]] {
        try await read(admin) { tx in
            let calendar = try FiscalCalendar(startMonth: try tx.administration(admin)!.fiscalYearStart)
            var byYear: [Int: [String: [Int: DecimalNumber]]] = [:]
            var result: [String: [DecimalNumber]] = [:]
            var month = from.firstOfMonth
            while month <= to {
                let year = calendar.fiscalYear(containing: month)
                if byYear[year] == nil { byYear[year] = try tx.figures(admin, year: year) }
                for (key, periods) in byYear[year]! {
                    if let value = periods[calendar.periodNumber(containing: month)] { result[key, default: []].append(value) }
                }
                month = month.adding(months: 1)
            }
            return result
        }
    }

    /// The relations with these numbers (for listings such as the ICP).
    public func relations(_ admin: String, numbers: Set<String>) async throws -> [Relation] {
        try await read(admin) { tx in try numbers.sorted().compactMap { try tx.relation(admin, number: $0) } }
    }
}
