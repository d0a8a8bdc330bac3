import Core
import Foundation
import Interchange
import Testing

/// The SEPA-era `:86:` forms the samples lack, as the banks' documentation and real exports write them.
@Suite struct MT940DialectTests {
    /// One statement around the given `:61:`/`:86:` lines.
    static func transactions(_ lines: String) throws -> [BankTransaction] {
        let text = """
            :20:TEST
            :25:NL91ABNA0417164300
            :28C:1/1
            :60F:C240101EUR1000,00
            \(lines)
            :62F:C240131EUR1000,00

            """
        return try MT940Reader.statements(from: Data(text.utf8), file: "test.sta").flatMap(\.transactions)
    }

    @Test func abnAmroSlashCodesCutAcrossLines() throws {
        let t = try #require(try Self.transactions("""
            :61:1411261126D160,54N658NONREF
            :86:/TRTP/SEPA OVERBOEKING/IBAN/NL69ABNA0111111111/BIC/ABNANL2A/NAME/
            LOREM IPSUM DOLOR/REMI/FACTUURNUMMBER: 111111 DEBITEURNUMME
            R: 0000/EREF/NOTPROVIDED
            """).first)
        #expect(t.counterpartyIBAN == "NL69ABNA0111111111" && t.counterpartyBIC == "ABNANL2A")
        #expect(t.counterpartyName == "LOREM IPSUM DOLOR" && t.endToEndID == nil)
        #expect(t.description == "FACTUURNUMMBER: 111111 DEBITEURNUMMER: 0000" && t.structuredReference == nil)
    }

    @Test func abnAmroDirectDebitAndAcceptgiro() throws {
        let t = try Self.transactions("""
            :61:1411261126D78,9N944NONREF
            :86:/TRTP/SEPA INCASSO ALGEMEEN DOORLOPEND/CSID/NL70XS4332875340001/N
            AME/XS4ALL INTERNET B.V./MARF/M10009560656/REMI/FACTUUR 03-12-201
            9/IBAN/NL55INGB0004683839/BIC/INGBNL2A/EREF/141201960026294
            :61:1411261126D99,N944NONREF
            :86:/TRTP/Acceptgirobetaling/IBAN/NL86INGB0002445588/BIC/INGBNL2A   /
            NAME/Belastingdienst Apeldoorn/REMI/ISSUER: CUR
             REF: 7852983426401110/EREF/NOTPROVIDED
            :61:1411261126D10,N944NONREF
            :86:/TRTP/SEPA OVERBOEKING/IBAN/NL46ABNA0499998748/BIC/ABNANL2A/NAME/
            NAAM/REMI/RF18539007547034/EREF/NOTPROVIDED
            """)
        try #require(t.count == 3)
        #expect(t[0].mandateID == "M10009560656" && t[0].endToEndID == "141201960026294")
        #expect(t[0].counterpartyName == "XS4ALL INTERNET B.V." && t[0].counterpartyIBAN == "NL55INGB0004683839")
        #expect(t[0].description == "FACTUUR 03-12-2019" && t[0].amount == MT940MappingTests.eur("-78.90"))
        #expect(t[1].structuredReference == "7852983426401110" && t[1].counterpartyBIC == "INGBNL2A")
        #expect(t[1].counterpartyName == "Belastingdienst Apeldoorn" && t[1].description.isEmpty)
        #expect(t[2].structuredReference == "RF18539007547034", "an ISO 11649 creditor reference as the remittance")
    }

    @Test func abnAmroLabels() throws {
        let t = try Self.transactions("""
            :61:2411121112C250,N654NONREF
            :86:SEPA OVERBOEKING                 IBAN: NL13INGB0001234567
            BIC: INGBNL2A                    NAAM: HR TEST PERSON
            OMSCHRIJVING: RENT + DEPOSIT     KENMERK: NOTPROVIDED
            :61:2411121112D25,N654NONREF
            :86:SEPA OVERBOEKING                 IBAN: NL43SNSB0927873351BIC: SN
            SBNL2A                    NAAM: SLACHTHUIS HET VARKENOMSCHRIJVIN
            G: MAALTIJDEN BEZORGD  BON NR 1619 DECEMBER 2015
            :61:2411121112D312,N654NONREF
            :86:SEPA ACCEPTGIROBETALING          IBAN: NL86INGB0002445588
            BIC: INGBNL2A                    NAAM: BELASTINGDIENST
            BETALINGSKENM.: 1234567890123456
            :61:2411121112D40,N654NONREF
            :86:SEPA INCASSO ALGEMEEN DOORLOPEND INCASSANT: NL51ZZZ501234560000
            NAAM: ENECO                      MACHTIGING: 1234567
            OMSCHRIJVING: VOORSCHOT JANUARI  IBAN: NL55INGB0004683839
            KENMERK: E2E-2024-01
            """)
        try #require(t.count == 4)
        #expect(t[0].counterpartyIBAN == "NL13INGB0001234567" && t[0].counterpartyBIC == "INGBNL2A")
        #expect(t[0].counterpartyName == "HR TEST PERSON" && t[0].description == "RENT + DEPOSIT")
        #expect(t[0].endToEndID == nil && t[0].amount == MT940MappingTests.eur("250"))
        #expect(t[1].counterpartyIBAN == "NL43SNSB0927873351" && t[1].counterpartyBIC == "SNSBNL2A")
        #expect(t[1].counterpartyName == "SLACHTHUIS HET VARKEN")
        #expect(t[1].description == "MAALTIJDEN BEZORGD BON NR 1619 DECEMBER 2015")
        #expect(t[2].structuredReference == "1234567890123456" && t[2].counterpartyName == "BELASTINGDIENST")
        #expect(t[3].mandateID == "1234567" && t[3].endToEndID == "E2E-2024-01" && t[3].counterpartyName == "ENECO")
        #expect(t[3].counterpartyIBAN == "NL55INGB0004683839" && t[3].description == "VOORSCHOT JANUARI")
    }

    @Test func ingStructured() throws {
        let t = try Self.transactions("""
            :61:1402200220C32,00NTRF9001123412341234//00000000001011
            /TRCD/00108/
            :86:/EREF/15814016000676480//CNTP/NL32INGB0000012345/INGBNL2A/J.J
            anssen///REMI/STRD/CUR/9001123412341234/
            :61:1402200220RD1,23NTRFEREF//00000000001010
            /TRCD/01315/
            :86:/RTRN/MS03//EREF/20120501P0123478//MARF/MND\u{AD}120123//CSID/NL32
            ZZZ999999991234//CNTP/NL32INGB0000012345/INGBNL2A/J.Janssen///REM
            I/USTD//CONTRIBUTIE FEB 2014/
            :61:1402200220C5,NTRFNONREF//00000000001012
            :86:/EREF/NOTPROVIDED//CNTP/NL08ABNA0499998748/ABNANL2A/ID/Amsterdam/REMI/USTD//Factuur 2014-001/
            """)
        try #require(t.count == 3)
        #expect(t[0].counterpartyIBAN == "NL32INGB0000012345" && t[0].counterpartyBIC == "INGBNL2A")
        #expect(t[0].counterpartyName == "J.Janssen" && t[0].endToEndID == "15814016000676480")
        #expect(t[0].structuredReference == "9001123412341234" && t[0].description.isEmpty)
        #expect(t[0].bankReference == "00000000001011" && t[0].typeCode == "NTRF")
        #expect(t[1].mandateID == "MND-120123" && t[1].description == "CONTRIBUTIE FEB 2014")
        #expect(t[1].endToEndID == "20120501P0123478")
        #expect(t[1].reversal && t[1].amount == MT940MappingTests.eur("1.23"), "RD gives money back")
        #expect(t[2].counterpartyName == "ID" && t[2].description == "Factuur 2014-001" && t[2].endToEndID == nil)
    }

    @Test func triodosSEPAStartsTheDescriptionWithBICAndIBAN() throws {
        let t = try Self.transactions("""
            :61:121123C150,00NET NONREF
            :86:000>100000000000
            >20BBBBAA2U
            >21NL99BBBB0888888888
            >22TENAAMSTELLING TEGENREKENIN>23G EN ADRES
            >310999999999
            """)
        let first = try #require(t.first)
        #expect(first.counterpartyBIC == "BBBBAA2U" && first.counterpartyIBAN == "NL99BBBB0888888888")
        #expect(first.description == "TENAAMSTELLING TEGENREKENING EN ADRES" && first.typeCode == "NET")
    }

    @Test func aReversalOfACreditTakesMoneyOff() throws {
        let t = try #require(try Self.transactions(":61:2402030203RC100,00NTRFNONREF\n:86:STORNO").first)
        #expect(t.reversal && t.amount == MT940MappingTests.eur("-100"))
    }
}
