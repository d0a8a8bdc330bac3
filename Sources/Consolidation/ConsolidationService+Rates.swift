public import Core
import Foundation
import Store

extension ConsolidationService {
    /// Sets the rates of one pair and period (`EUR/NOK`, `2026-12`); unset fields keep what is stored.
    public func setRate(pair: String, period: String, closing: DecimalNumber?, average: DecimalNumber?,
                        historical: DecimalNumber?) async throws {
        let rate = try Self.rate(pair: pair, period: period, closing: closing, average: average, historical: historical,
                                 place: "")
        try await workspace.store.write { tx in try tx.upsert(rate) }
    }

    /// Every stored rate.
    public func rates() async throws -> [ExchangeRate] { try await workspace.store.read { tx in try tx.exchangeRates() } }

    /// Imports `pair,period,closing,average,historical` rows (a header line first): all of them, or — when a row
    /// is wrong — none, with the file, line and field named.
    @discardableResult
    public func importRates(_ text: String, file: String) async throws -> Int {
        var rates: [ExchangeRate] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              header == ["pair", "period", "closing", "average", "historical"]
        else {
            throw ConsolidationError("\(file), line 1: the header must be pair,period,closing,average,historical")
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let place = "\(file), line \(index + 1)"
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { throw ConsolidationError("\(place): expected 5 fields, found \(cells.count)") }
            func decimal(_ i: Int, _ field: String) throws -> DecimalNumber? {
                guard !cells[i].isEmpty else { return nil }
                do { return try DecimalNumber(parsing: cells[i], field: field) } catch {
                    throw ConsolidationError("\(place), field \(field): '\(cells[i])' is not a decimal number (write e.g. 11.72)")
                }
            }
            rates.append(try Self.rate(pair: cells[0], period: cells[1], closing: try decimal(2, "closing"),
                                       average: try decimal(3, "average"), historical: try decimal(4, "historical"),
                                       place: place + ", "))
        }
        let checked = rates
        try await workspace.store.write { tx in for rate in checked { try tx.upsert(rate) } }
        return checked.count
    }

    static func rate(pair: String, period: String, closing: DecimalNumber?, average: DecimalNumber?,
                     historical: DecimalNumber?, place: String) throws -> ExchangeRate {
        let parts = pair.split(separator: "/").map(String.init)
        guard parts.count == 2, let base = try? CurrencyCode(parts[0]), let quote = try? CurrencyCode(parts[1]) else {
            throw ConsolidationError("\(place)pair '\(pair)' must be two ISO currency codes, as EUR/NOK")
        }
        guard base != quote else { throw ConsolidationError("\(place)pair \(pair) names one currency twice") }
        guard ExchangeRate.validPeriod(period) else {
            throw ConsolidationError("\(place)period '\(period)' must be a month (2026-12), a quarter (2026-Q4) or a year (2026)")
        }
        guard closing != nil || average != nil || historical != nil else {
            throw ConsolidationError("\(place)give at least one of closing, average or historical")
        }
        for (name, value) in [("closing", closing), ("average", average), ("historical", historical)] {
            if let value, value.mantissa <= 0 { throw ConsolidationError("\(place)\(name) rate must be positive, not \(value)") }
        }
        return ExchangeRate(base: base, quote: quote, period: period, closing: closing, average: average, historical: historical)
    }
}
