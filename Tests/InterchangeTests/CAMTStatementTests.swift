import Core
import Foundation
import Interchange
import Testing

/// CAMT mapped to the ledger's `BankStatement`: signs, counterparties, references and balances, on genkgo's samples
/// (values read from the files) and on small files written here.
@Suite struct CAMTStatementTests {
    static func statements(_ sample: String) throws -> [BankStatement]? {
        let path = CAMTSampleTests.data + sample + ".xml"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing")
            return nil
        }
        return try CAMTReader.statements(from: Data(contentsOf: URL(fileURLWithPath: path)), file: sample + ".xml")
    }

    static func day(_ text: String) throws -> LocalDate { try LocalDate(parsing: text) }
    static func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }
    static let sek = try! CurrencyCode("SEK")

    /// A credit with a structured reference: the payer (debtor) is the counterparty.
    @Test func aCreditNamesTheDebtorAndKeepsTheCreditorReference() throws {
        guard let statements = try Self.statements("camt053.v2.minimal") else { return }
        let statement = try #require(statements.first)
        #expect(statements.count == 1 && statement.format == .camt053)
        #expect(statement.identifier == "253EURNL26VAYB8060476890" && statement.account == "NL26VAYB8060476890")
        #expect(statement.currency == .eur && statement.information == "Additional Information")
        #expect(statement.openingBalance == BankBalance(date: try Self.day("2014-12-30"), amount: Self.eur(1815)))
        // The sample's closing balance is a debit in SEK on a EUR account; it is kept as written.
        #expect(statement.closingBalance == BankBalance(date: try Self.day("2014-12-31"),
                                                        amount: Money(minorUnits: -2700, currency: Self.sek)))
        let expected = BankTransaction(
            bookingDate: try Self.day("2014-12-31"), valueDate: try Self.day("2015-01-02"), amount: Self.eur(885),
            typeCode: "544", counterpartyName: "NAME NAME", counterpartyIBAN: "NL56AGDH9619008421", description: "",
            structuredReference: "4654654654654654")
        #expect(statement.transactions == [expected])
    }

    /// Two statements, each adding up: opening plus the transactions is the closing balance.
    @Test func eachStatementOfAMultiStatementFileAddsUp() throws {
        guard let statements = try Self.statements("camt053.v2.multi.statement") else { return }
        #expect(statements.map(\.identifier) == ["253EURNL26VAYB8060476890", "254EURNL26VAYB8060476890"])
        for statement in statements {
            let moved = statement.transactions.reduce(0) { $0 + $1.amount.minorUnits }
            let closing = statement.closingBalance?.amount.minorUnits
            #expect(statement.openingBalance.map { $0.amount.minorUnits + moved } == closing)
        }
        let (first, second) = (statements[0].transactions[0], statements[1].transactions[0])
        #expect(first.amount == Self.eur(885) && first.endToEndID == "000000001")
        #expect(first.description == "Transaction Description 1")
        // A credit whose debtor the file does not name: the creditor given is the account holder's side.
        #expect(first.counterpartyName == nil && first.counterpartyIBAN == nil)
        #expect(second.amount == Self.eur(-700) && second.endToEndID == "000000002")
        #expect(second.counterpartyName == "Company Name 2" && second.counterpartyIBAN == "NL56AGDH9619008421")
        #expect(second.description == "Transaction Description 2")
        #expect(statements[1].information == "Additional Information")
    }

    /// The account by its other identification, the currency from the first balance, OPBD before PRCD.
    @Test func anOtherAccountTakesTheBalancesCurrency() throws {
        guard let statement = try Self.statements("camt053.v2.all-balance-types")?.first else { return }
        #expect(statement.account == "CH2801234000123456789" && statement.currency == .eur)
        #expect(statement.openingBalance == BankBalance(date: try Self.day("2015-01-21"), amount: Self.eur(101)))
        #expect(statement.closingBalance == BankBalance(date: try Self.day("2015-01-22"), amount: Self.eur(404)))
        #expect(statement.transactions.map(\.amount) == [Self.eur(885)])
        #expect(statement.transactions.first?.endToEndID == "000000001")
    }

    /// A debit names the creditor and the creditor's bank; the ISO domain code wins over proprietary codes.
    @Test func aDebitNamesTheCreditorAndItsBank() throws {
        guard let statement = try Self.statements("camt052.v2")?.first else { return }
        #expect(statement.format == .camt052 && statement.identifier == "AAAASESS-FP-ACCR001")
        #expect(statement.currency == Self.sek && statement.openingBalance == nil && statement.closingBalance == nil)
        let transaction = try #require(statement.transactions.first)
        #expect(statement.transactions.count == 1)
        #expect(transaction.amount == Money(minorUnits: -20_000_000, currency: Self.sek))
        let day = try Self.day("2007-10-18")
        #expect(transaction.bookingDate == day && transaction.valueDate == day)
        #expect(transaction.typeCode == "PAYM/0001/0003" && transaction.bankReference == "AAAASESS-FP-ACCR-01")
        #expect(transaction.counterpartyName == "Company Name" && transaction.counterpartyIBAN == "NL56AGDH9619008421")
        #expect(transaction.counterpartyBIC == "BANKCHZHXXX" && transaction.description == "Credit")
    }

    /// Three transactions without an amount of their own cannot be booked apart: one transaction for the entry,
    /// with what they share (the end-to-end id) and all their texts; their differing references are dropped.
    @Test func aNotificationsBatchWithoutAmountsIsOneTransaction() throws {
        guard let statements = try Self.statements("camt054.v2") else { return }
        let statement = try #require(statements.first)
        #expect(statement.format == .camt054 && statement.currency == Self.sek)
        let transaction = try #require(statement.transactions.first)
        #expect(statement.transactions.count == 1)
        #expect(transaction.amount == Money(minorUnits: -20_000_000, currency: Self.sek))
        #expect(transaction.typeCode == "PMNT/ICDT/DMCT" && transaction.endToEndID == "MUELL/FINP/RA12345")
        #expect(transaction.structuredReference == nil && transaction.counterpartyName == nil)
        #expect(transaction.description == "Unstructured Remittance Information V1 Unstructured Remittance Information "
            + "V3 block 1 Unstructured Remittance Information V3 block 2")
    }

    /// Transactions with their own amounts that make the entry's are booked apart, each with its own references.
    @Test func aBatchWithAmountsPerTransactionIsSplit() throws {
        func detail(_ amount: String, _ endToEnd: String, _ name: String, _ iban: String) -> String {
            "<TxDtls><Refs><EndToEndId>\(endToEnd)</EndToEndId><MndtId>M-\(name)</MndtId></Refs>"
                + "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">\(amount)</Amt></TxAmt></AmtDtls>"
                + "<RltdPties><Dbtr><Nm>\(name)</Nm></Dbtr>"
                + "<DbtrAcct><Id><IBAN>\(iban)</IBAN></Id></DbtrAcct></RltdPties>"
                + "<RltdAgts><DbtrAgt><FinInstnId><BIC>RABONL2U</BIC></FinInstnId></DbtrAgt></RltdAgts>"
                + "<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"
        }
        let details = "<Btch><PmtInfId>B1</PmtInfId></Btch>"
            + detail("60.00", "NOTPROVIDED", "Jansen", "NL02RABO0123456789")
            + detail("40.00", "E2E-2", "De Vries", "NL44RABO0123456789")
        let data = CAMTTestFile.statement(CAMTTestFile.entry(amount: "100.00", direction: "CRDT", details: details))
        let statement = try #require(try CAMTReader.statements(from: data, file: "split.xml").first)
        #expect(statement.transactions.map(\.amount) == [Self.eur(6000), Self.eur(4000)])
        #expect(statement.transactions.map(\.endToEndID) == [nil, "E2E-2"])
        #expect(statement.transactions.map(\.counterpartyName) == ["Jansen", "De Vries"])
        #expect(statement.transactions.map(\.mandateID) == ["M-Jansen", "M-De Vries"])
        #expect(statement.transactions.allSatisfy { $0.counterpartyBIC == "RABONL2U" })
        #expect(statement.transactions.allSatisfy { $0.structuredReference == "RF18539007547034" })
    }

    /// A reversal keeps the sign `CdtDbtInd` gives (ISO 20022: CRDT with `RvslInd` undoes a debit, money comes back)
    /// and names the party of the original payment: here the creditor that was paid.
    @Test func aReversalKeepsItsBookingsSignAndNamesTheOriginalCreditor() throws {
        let details = "<TxDtls><RltdPties><Dbtr><Nm>Acme B.V.</Nm></Dbtr><Cdtr><Nm>Leverancier</Nm></Cdtr>"
            + "<CdtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></CdtrAcct></RltdPties></TxDtls>"
        let data = CAMTTestFile.statement(CAMTTestFile.entry(direction: "CRDT", reversal: true, details: details))
        let statement = try #require(try CAMTReader.statements(from: data, file: "storno.xml").first)
        let transaction = try #require(statement.transactions.first)
        #expect(transaction.amount == Self.eur(1250) && transaction.reversal)
        #expect(transaction.counterpartyName == "Leverancier" && transaction.counterpartyIBAN == "NL20INGB0001234567")
    }

    /// Version 08: `Sts/Cd`, the party inside `Pty`, the agent's `BICFI`, the transaction's own amount.
    @Test func version08IsReadThroughItsNewStructure() throws {
        let entry = "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
            + "<BookgDt><Dt>2024-03-01</Dt></BookgDt><NtryDtls><TxDtls><Amt Ccy=\"EUR\">5.00</Amt>"
            + "<CdtDbtInd>DBIT</CdtDbtInd><RltdPties><Cdtr><Pty><Nm>Parkeren</Nm></Pty></Cdtr></RltdPties>"
            + "<RltdAgts><CdtrAgt><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></CdtrAgt></RltdAgts>"
            + "<RmtInf><Ustrd>Parkeren</Ustrd><Ustrd>Amsterdam</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
        let data = CAMTTestFile.statement(entry, namespace: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08")
        let message = try CAMTReader.message(from: data, file: "v08.xml")
        #expect(message.version == 8 && message.records.first?.entries.first?.status == "BOOK")
        let transaction = try #require(try message.bankStatements(file: "v08.xml").first?.transactions.first)
        #expect(transaction.amount == Self.eur(-500) && transaction.counterpartyName == "Parkeren")
        #expect(transaction.counterpartyBIC == "INGBNL2A" && transaction.description == "Parkeren Amsterdam")
        let day = try Self.day("2024-03-01")
        #expect(transaction.valueDate == day)
    }

    /// A file over 10 MB is read: libxml2 refuses that much handed over in one piece, so it is streamed.
    @Test func aFileOverTenMegabytesIsRead() throws {
        let text = String(repeating: "Termijn 12 van 36, huurovereenkomst 2024-017. ", count: 2_000)
        let entry = CAMTTestFile.entry(details: "<TxDtls><AddtlTxInf>\(text)</AddtlTxInf></TxDtls>")
        let data = CAMTTestFile.statement(Array(repeating: entry, count: 120).joined(separator: "\n"))
        #expect(data.count > 10_500_000)
        let statement = try #require(try CAMTReader.statements(from: data, file: "big.xml").first)
        #expect(statement.transactions.count == 120)
        #expect(statement.transactions.last?.description == text.trimmingCharacters(in: .whitespaces))
    }
}
