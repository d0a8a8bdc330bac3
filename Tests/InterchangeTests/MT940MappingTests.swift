import Core
import Foundation
import Interchange
import Testing
import TestSupport

/// The samples in the ledger's model: accounts, signs, dates, and what each bank's `:86:` says about the other party.
@Suite struct MT940MappingTests {
    static func statements(_ sample: String) throws -> [BankStatement]? {
        let path = MT940SampleTests.data + sample + ".sta"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing")
            return nil
        }
        return try MT940Reader.statements(from: Data(contentsOf: URL(fileURLWithPath: path)), file: sample + ".sta")
    }

    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
    static func eur(_ text: String) -> Money { try! Money(parsing: text, currency: .eur) }

    @Test func abnAmroOldFormNamesTheGiroAndCardCounterparties() throws {
        guard let statements = try Self.statements("abnamro") else { return }
        try #require(statements.count == 2)
        let first = statements[0]
        #expect(first.format == .mt940 && first.identifier == "ABN AMRO BANK NV 19321/1")
        #expect(first.account == "517852257")
        #expect(first.currency == .eur && first.transactions.count == 8)
        #expect(first.openingBalance == BankBalance(date: Self.date("2011-05-22"), amount: Self.eur("3236.28")))
        #expect(first.closingBalance == BankBalance(date: Self.date("2011-05-23"), amount: Self.eur("876.84")))
        let giro = first.transactions[0]
        #expect(giro.amount == Self.eur("-9.00") && !giro.reversal && giro.typeCode == "N192")
        #expect(giro.valueDate == Self.date("2011-05-24") && giro.bookingDate == Self.date("2011-05-24"))
        #expect(giro.counterpartyName == "KPN - DIGITENNE" && giro.counterpartyIBAN == nil)
        #expect(giro.structuredReference == "000000042188659" && giro.endToEndID == nil)
        #expect(giro.description == """
            GIRO   428428 KPN - DIGITENNE    BETALINGSKENM.  000000042188659
            5314606715                       BETREFT FACTUUR D.D. 20-05-2011
            INCL. 1,44 BTW
            """)
        let card = first.transactions[1]
        #expect(card.counterpartyName == "DIRCKIII FIL2500 KATWIJK" && card.amount == Self.eur("-11.59"))
        #expect(card.valueDate == Self.date("2011-05-21") && card.bookingDate == Self.date("2011-05-23"))
        #expect(first.transactions[5].counterpartyName == "DIRX FIL6017 KATWIJK ZH")
        let second = statements[1]
        #expect(second.identifier == "ABN AMRO BANK NV 19322/1")
        #expect(second.openingBalance?.amount == Self.eur("2876.84"), "the intermediate (:60M:) opening balance")
        #expect(second.transactions[1].counterpartyName == "MYCOM DEN HAAG")
        #expect(second.transactions[1].description == "52.89.39.882                    MYCOM DEN HAAG")
    }

    @Test func ingKeepsTheStatementInformationApartFromTheLastTransaction() throws {
        guard let statements = try Self.statements("ing") else { return }
        let statement = try #require(statements.first)
        #expect(statements.count == 1 && statement.identifier == "MPBZ 000" && statement.account == "0001234567")
        #expect(statement.information == "D000004C000002D25,24C28,71")
        #expect(statement.transactions.map(\.amount) == ["-25.03", "-3.03", "-1.11", "-20.00", "-1.10", "3.68", "1.00"]
            .map(Self.eur))
        let last = try #require(statement.transactions.last)
        #expect(last.description == "0111111111 Hr S Marechal\nROSMALEN Hr S Marechal ROSMALEN\n"
            + "Betaling transactiedatum: 22-07-2010")
        #expect(last.bookingDate == Self.date("2010-07-23"), "no entry date: booked on the value date")
        #expect(statement.transactions[0].description.hasPrefix("RC AFREKENING BETALINGSVERKEER\nBETREFT REKENING"))
        // iDEAL: the customer reference is the payment's reference; the soft hyphens of the file read as hyphens.
        let ideal = statement.transactions[2]
        #expect(ideal.endToEndID == "TMG TANGO")
        #expect(ideal.description == "0111111111 ING iDEAL KN: TMG TANGO TRANSACTIENR 0050000534527978 "
            + "10-06-2010 15:32 TMG TANGO ING Bank inzake GPKyoto")
        #expect(statement.transactions[1].description == "0111111111 GPSEOUL SPOEDBETALING\tMPBZS1016000047 GPSEOUL")
        #expect(statement.transactions.allSatisfy { $0.typeCode == "NTRF" && $0.counterpartyIBAN == nil })
    }

    @Test func knabNamesTheCounterpartyAfterRek() throws {
        guard let statements = try Self.statements("knab") else { return }
        try #require(statements.count == 2 && statements[1].transactions.count == 2)
        #expect(statements[0].identifier == "B4E08MS9D00A0009 998/1" && statements[0].account == "123456789")
        #expect(statements[0].openingBalance?.amount == Self.eur("0"))
        #expect(statements[0].transactions[0].amount == Self.eur("500"))
        let plain = statements[0].transactions[0]
        #expect(plain.description == "HIER EEN MOOIE OMSCHRIJVING IN HOOFDLETTERS\n"
            + "WANT DAT IS ZOALS DE NEDERLANDSE BANKEN COMMUNICEREN")
        #expect(plain.counterpartyName == nil && plain.bankReference == "B4E07XM00J000023" && plain.endToEndID == nil)
        let invoice = statements[1].transactions[0]
        #expect(invoice.amount == Self.eur("-7260.00") && invoice.description == "FACTUUR 201403110, 201403113")
        #expect(invoice.counterpartyIBAN == "NL65INGB0123456789" && invoice.counterpartyName == "PICQER")
        let order = statements[1].transactions[1]
        #expect(order.counterpartyIBAN == "NL84INGB0234561789" && order.counterpartyName == "MMS ONLINE NEDERLAND B.V.")
        #expect(order.endToEndID == "29-07-2014 10:05" && order.bankReference == "B4G29PGDCK1QFV3E")
        #expect(order.description == "12160475 0050001631430920 ORDERID: 264267 MEDIA MARKT ONLINE NE")
        #expect(order.structuredReference == nil, "an iDEAL transaction number is not a betalingskenmerk")
    }

    @Test func rabobankOldFormatHasTheCounterpartyOnTheStatementLine() throws {
        guard let statements = try Self.statements("rabobank") else { return }
        #expect(statements.map(\.identifier) == ["940A110615 00000/00", "940A110616 00000/00", "940A110617 00000/00",
                                                  "940A120829 00000/00"])
        #expect(statements.map(\.account) == ["1291.99.348EUR", "1291.99.348EUR", "1291.99.348EUR", "1526.89.184EUR"])
        #expect(statements[1].transactions.isEmpty && statements[1].closingBalance?.amount == Self.eur("1000.89"))
        let storno = try #require(statements[0].transactions.first)
        #expect(storno.counterpartyName == "W.P. Jansen" && storno.amount == Self.eur("-1213.28"))
        #expect(storno.endToEndID == nil, "the customer reference holds the counter account 0121470966")
        #expect(storno.description == "Terugboeking\nNIET AKKOORD MET AFSCHRIJVING\nKOSTEN KINDEROPVANG JUNI\n20095731")
        let mobile = statements[2].transactions[0]
        #expect(mobile.counterpartyName == "T-MOBILE NETHERLANDS BV" && mobile.structuredReference == "123456789")
        #expect(statements[2].transactions[1].counterpartyName == "TOMTE TUMMETOT AMERSFOORT")
        #expect(statements[2].transactions[1].valueDate == Self.date("2011-07-21"))
        let kpn = statements[3].transactions[0]
        #expect(kpn.counterpartyName == "KPN - MOBIEL" && kpn.structuredReference == "173787046000009")
        #expect(statements[3].transactions[1].typeCode == "NMSC")
        #expect(statements[3].transactions[1].counterpartyName == "NS-Utrecht C. 117 UTRECHT")
    }

    @Test func rabobankIBANFormatReadsTheSlashCodes() throws {
        guard let statements = try Self.statements("rabobank-iban") else { return }
        try #require(statements.count == 2)
        #expect(statements.allSatisfy { $0.account == "NL71RABO0123456789" && $0.identifier == "940S130101 0" })
        let transfer = statements[0].transactions[0]
        #expect(transfer.counterpartyIBAN == "NL70ABNA0987654321")
        #expect(transfer.counterpartyName == "CONTRA ACCOUNT HOLDER", "the name runs on across the line break")
        #expect(transfer.endToEndID == "01-01-2013 12:00 0030000987654321" && transfer.description.isEmpty)
        #expect(transfer.typeCode == "N102" && transfer.amount == Self.eur("-25.00"))
        let second = statements[0].transactions[1]
        #expect(second.counterpartyName == "JOHN DOE" && second.description == "Reference 201301234")
        #expect(second.counterpartyIBAN == nil, "P001234567 is a giro number, no IBAN")
        #expect(second.endToEndID == nil)
        #expect(statements[1].openingBalance == BankBalance(date: Self.date("2013-01-08"), amount: Self.eur("965.00")))
    }

    @Test func snsAndTriodos() throws {
        if let sns = try Self.statements("sns") {
            try #require(sns.count == 2)
            let t = sns[0].transactions[0]
            #expect(t.counterpartyName == "marechal s" && t.description == "0987654321 marechal s\ndit is een test")
            #expect(t.valueDate == Self.date("2012-06-07") && t.bookingDate == Self.date("2012-06-08"))
            #expect(t.endToEndID == nil && t.typeCode == "NIOB")
            #expect(sns[1].identifier == "0000000000 161/1" && sns[1].transactions.isEmpty)
        }
        if let triodos = try Self.statements("triodos") {
            let statement = try #require(triodos.first)
            #expect(statement.account == "TRIODOSBANK/0390123456" && statement.identifier == "1308728725026/1 1")
            #expect(statement.transactions.map(\.description) == [
                "ALGEMENE TUSSENREKENING KOSTEN VAN 01-10-2010 TOT EN MET 31-12-2010", "HUUR KANTOOR - FEB 2010",
            ])
            #expect(statement.transactions.allSatisfy { $0.counterpartyIBAN == nil && $0.typeCode == "N000" })
        }
    }
}
