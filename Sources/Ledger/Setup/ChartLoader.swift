public import Core
import Foundation
import Yams

/// Reads a chart from a template folder: `accounts.csv`, `vat.yaml` and `journals.yaml`.
public enum ChartLoader {
    private struct VATFile: Decodable {
        struct Code: Decodable {
            var code: String
            var description: String
            var rate: DecimalNumber
            var kind: VATKind
            var box: String?
            var deductibleBox: String?
            var payableAccount: String?
            var receivableAccount: String?
            var validFrom: LocalDate?
            var validTo: LocalDate?
        }

        var codes: [Code]
    }

    private struct JournalFile: Decodable {
        var journals: [Journal]
    }

    /// Loads the chart in `directory`. With `accountsFile`, that CSV replaces the folder's `accounts.csv`.
    public static func load(directory: String, accountsFile: String? = nil) throws(LedgerError) -> ChartOfAccounts {
        let accountsPath = accountsFile ?? (directory as NSString).appendingPathComponent("accounts.csv")
        let accounts: [Account]
        do {
            accounts = try ChartOfAccounts.parseAccounts(csv: try read(accountsPath), file: accountsPath)
        } catch let error as CoreError { throw LedgerError(error, code: "invalid-chart") } catch let error as LedgerError {
            throw error
        } catch { throw LedgerError("invalid-chart", accountsPath, "\(error)") }
        let vatPath = (directory as NSString).appendingPathComponent("vat.yaml")
        let journalsPath = (directory as NSString).appendingPathComponent("journals.yaml")
        let vat: VATFile = try decode(vatPath)
        let journals: JournalFile = try decode(journalsPath)
        let chart = ChartOfAccounts(
            accounts: accounts,
            vatCodes: vat.codes.map {
                VATCode(code: $0.code, description: $0.description, rate: $0.rate, kind: $0.kind, box: $0.box,
                        deductibleBox: $0.deductibleBox, payableAccount: $0.payableAccount,
                        receivableAccount: $0.receivableAccount, validFrom: $0.validFrom, validTo: $0.validTo)
            },
            journals: journals.journals)
        if let problem = chart.problems().first { throw LedgerError(problem, code: "invalid-chart") }
        return chart
    }

    static func read(_ path: String) throws(LedgerError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError("missing-file", path, "the file does not exist or cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LedgerError("invalid-encoding", path, "the file is not UTF-8 text")
        }
        return text
    }

    static func decode<T: Decodable>(_ path: String) throws(LedgerError) -> T {
        let text = try read(path)
        do { return try YAMLDecoder().decode(T.self, from: text) } catch let error as DecodingError {
            throw LedgerError("invalid-chart", path, describe(error))
        } catch {
            throw LedgerError("invalid-chart", path, "\(error)")
        }
    }

    /// Turns a decoding error into "field path: what is wrong".
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, c): return "\(path(c.codingPath + [key])): required field is missing"
        case let .typeMismatch(_, c), let .valueNotFound(_, c): return "\(path(c.codingPath)): \(c.debugDescription)"
        case let .dataCorrupted(c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
