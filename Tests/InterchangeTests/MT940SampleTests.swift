import Core
import Foundation
import Interchange
import Testing
import TestSupport
import Yams

/// The Dutch banks' real MT940 samples against the parse of an independent reader, wolph/mt940 (Python), field by
/// field. Where that library is wrong, the case is named below and compared as it is wrong, nothing looser.
@Suite struct MT940SampleTests {
    static let data = TestLedger.projectRoot + "/../shared/data/bank/mt940/"
    static let samples = ["abnamro", "ing", "knab", "rabobank", "rabobank-iban", "sns", "triodos"]

    /// Reads a sample's statements, or nil (after saying so) when the sample or its expected parse is missing.
    static func messages(_ sample: String) throws -> (statements: [MT940Statement], expected: MT940Expected)? {
        for path in [data + sample + ".sta", data + sample + ".expected.yml"]
        where !FileManager.default.fileExists(atPath: path) {
            print("skipped: \(path) is missing")
            return nil
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: data + sample + ".sta"))
        return (try MT940Reader.messages(from: bytes, file: sample + ".sta"),
                try MT940Expected(path: data + sample + ".expected.yml"))
    }

    /// The Python library's keys for the balance tags.
    static let balanceKeys = [
        "60F": "final_opening_balance", "60M": "intermediate_opening_balance", "60": "opening_balance",
        "62F": "final_closing_balance", "62M": "intermediate_closing_balance", "62": "closing_balance",
        "64": "available_balance", "65": "forward_available_balance",
    ]

    /// Quirk 2 of wolph/mt940 (see `transactionDetails`): the trailer line it also appends, per sample.
    static let trailerAppendedByReference = ["ing": "-XXX"]

    @Test(arguments: samples)
    func theStatementFieldsAreTheReferenceParsers(_ sample: String) throws {
        guard let (statements, expected) = try Self.messages(sample) else { return }
        // Quirk 1 of wolph/mt940: it keeps one dictionary for the whole file, and each statement overwrites the keys
        // it has. A field of its file-level data is therefore the value of the LAST statement that has that field.
        let balances = statements.flatMap { s in
            [s.openingBalance, s.closingBalance] + [s.availableBalance].compactMap { $0 } + s.forwardAvailableBalances
        }
        let last = try #require(statements.last, "\(sample): no statements")
        for (key, node) in expected.statement {
            let what = "\(sample): statement field \(key)"
            switch key {
            case "account_identification": #expect(MT940Expected.text(node) == last.accountIdentification, "\(what)")
            case "transaction_reference": #expect(MT940Expected.text(node) == last.transactionReference, "\(what)")
            case "related_reference": #expect(MT940Expected.text(node) == last.relatedReference, "\(what)")
            case "statement_number": #expect(MT940Expected.text(node) == last.statementNumber, "\(what)")
            case "sequence_number": #expect(MT940Expected.text(node) == last.sequenceNumber, "\(what)")
            case let key where Self.balanceKeys.values.contains(key):
                let ours = try #require(balances.last { Self.balanceKeys[$0.tag] == key }, "\(what): we have none")
                #expect(node["status"].flatMap(MT940Expected.text) == ours.mark.rawValue, "\(what) status")
                #expect(node["amount"].flatMap(MT940Expected.money) == ours.signedAmount, "\(what) amount, currency")
                #expect(node["date"].flatMap(MT940Expected.date) == ours.date, "\(what) date")
            default: Issue.record("\(what) is in the expected file but not compared")
            }
        }
        let ourKeys = Set(balances.compactMap { Self.balanceKeys[$0.tag] })
        let theirKeys = Set(expected.statement.map(\.key)).intersection(Self.balanceKeys.values)
        #expect(ourKeys == theirKeys, "\(sample): the kinds of balance read")
    }

    @Test(arguments: samples)
    func theTransactionFieldsAreTheReferenceParsers(_ sample: String) throws {
        guard let (statements, expected) = try Self.messages(sample) else { return }
        let ours = statements.flatMap { s in s.transactions.map { (statement: s, transaction: $0) } }
        try #require(ours.count == expected.transactions.count, "\(sample): number of transactions")
        let details = Self.transactionDetails(statements, sample: sample)
        for (index, fields) in expected.transactions.enumerated() {
            let (statement, t) = ours[index]
            for (key, node) in fields {
                let what = "\(sample): transaction \(index) \(key)"
                let text = MT940Expected.text(node)
                switch key {
                case "amount": #expect(MT940Expected.money(node) == t.signedAmount, "\(what)")
                case "currency": #expect(text == t.amount.currency.code, "\(what)")
                case "date": #expect(MT940Expected.date(node) == t.valueDate, "\(what)")
                case "entry_date":
                    // wolph/mt940's entry_date is MMDD in the value date's year, unguessed; guessed_entry_date is ours.
                    let theirs = try #require(MT940Expected.date(node), "\(what)")
                    #expect(theirs.year == t.valueDate.year, "\(what) year")
                    #expect([theirs.month, theirs.day] == t.entryDate.map { [$0.month, $0.day] }, "\(what)")
                case "guessed_entry_date": #expect(MT940Expected.date(node) == t.entryDate, "\(what)")
                case "status": #expect(text == t.mark.rawValue, "\(what)")
                case "funds_code": #expect(text == t.fundsCode, "\(what)")
                case "id": #expect(text == t.transactionType, "\(what)")
                case "customer_reference": #expect(text == t.customerReference, "\(what)")
                case "bank_reference": #expect(text == t.bankReference, "\(what)")
                // Its regex leaves an empty group where there are no supplementary details: '' is our nil.
                case "extra_details": #expect(text == (t.supplementaryDetails ?? ""), "\(what)")
                case "transaction_details": #expect(text == details[index], "\(what)")
                case "transaction_reference": #expect(text == statement.transactionReference, "\(what)")
                default: Issue.record("\(what) is in the expected file but not compared")
                }
            }
            if !fields.contains(where: { $0.key == "transaction_details" }) {
                #expect(details[index] == nil, "\(sample): transaction \(index) has :86: text the reference lacks")
            }
        }
    }

    /// Each transaction's `:86:` as wolph/mt940 gives it. Quirk 2: it appends an `:86:` that follows the closing
    /// balance, the statement's own information, to the transaction read last, and with it the `-XXX` trailer line
    /// where one follows (ING). We keep that text as the statement's `information`; for that one transaction the
    /// expected text is ours, a newline, the statement information (and a newline and the trailer).
    static func transactionDetails(_ statements: [MT940Statement], sample: String) -> [String?] {
        var details: [String?] = []
        for statement in statements {
            details += statement.transactions.map(\.information)
            if let information = statement.information, let last = details.indices.last {
                let trailer = trailerAppendedByReference[sample].map { "\n" + $0 } ?? ""
                details[last] = (details[last].map { $0 + "\n" } ?? "") + information + trailer
            }
        }
        return details
    }

    @Test func everySampleIsCompared() throws {
        guard FileManager.default.fileExists(atPath: Self.data) else {
            print("skipped: \(Self.data) is missing")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.data).filter { $0.hasSuffix(".sta") }
        #expect(Set(files.map { String($0.dropLast(4)) }).isSubset(of: Set(Self.samples)))
    }
}
