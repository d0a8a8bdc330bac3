import Core
import Foundation
import Interchange
import Testing

/// How the reader finds the messages: envelopes, encodings, dates without a year, the fields after the closing balance.
@Suite struct MT940ReaderTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    @Test func swiftBlocksAndTrailersAroundMessagesAreSkipped() throws {
        let text = """
            {1:F01INGBNL2AXXXX0000000000}{2:O9400000000000INGBNL2AXXXX00000000000000000000N}{3:{108:MT940}}{4:
            :20:P140220000000001
            :25:NL91INGB0001234567EUR
            :28C:00000
            :60F:C140219EUR662,23
            :61:1402200220C32,00NTRFNONREF
            :86:/EREF/NOTPROVIDED//CNTP/NL32INGB0000012345/INGBNL2A/J.Janssen///REMI/USTD//CONTRIBUTIE/
            :62F:C140220EUR694,23
            :64:C140220EUR694,23
            :65:C140221EUR694,23
            :65:C140224EUR694,23
            :86:/SUM/4/4/134,46/36,58/
            :NS:22Saldo
            -}{5:{CHK:ABCDEF123456}}
            {1:F01INGBNL2AXXXX0000000000}{2:O9400000000000INGBNL2AXXXX00000000000000000000N}{4::20:P140221000000001
            :25:NL91INGB0001234567EUR
            :28C:00001
            :60F:C140220EUR694,23
            :62F:C140221EUR694,23
            -}
            """
        let messages = try MT940Reader.messages(from: Data(text.utf8), file: "ing.swi")
        try #require(messages.count == 2)
        let first = messages[0]
        #expect(first.availableBalance?.signedAmount == MT940MappingTests.eur("694.23"))
        #expect(first.forwardAvailableBalances.map(\.date) == [Self.date("2014-02-21"), Self.date("2014-02-24")])
        #expect(first.information == "/SUM/4/4/134,46/36,58/" && first.transactions.count == 1)
        #expect(first.otherFields.map(\.tag) == ["NS"] && first.otherFields.first?.value == "22Saldo")
        #expect(messages[1].transactionReference == "P140221000000001" && messages[1].line == 15)
        let statement = try #require(try MT940Reader.statements(from: Data(text.utf8), file: "ing.swi").first)
        #expect(statement.account == "NL91INGB0001234567", "the IBAN without ING's currency suffix")
        #expect(statement.identifier == "P140220000000001 00000")
    }

    @Test func anEntryDateAcrossTheYearEndIsInTheNearestYear() throws {
        let text = """
            :20:YEAREND
            :25:NL91ABNA0417164300
            :28C:1
            :60F:C231229EUR0,
            :61:2312310102C1,00NTRFNONREF
            :61:2401021231D1,00NTRFNONREF
            :61:2402300301C1,00NTRFNONREF
            :62F:C240102EUR1,
            """
        let lines = try #require(try MT940Reader.messages(from: Data(text.utf8), file: "y.sta").first).transactions
        #expect(lines[0].valueDate == Self.date("2023-12-31") && lines[0].entryDate == Self.date("2024-01-02"))
        #expect(lines[1].valueDate == Self.date("2024-01-02") && lines[1].entryDate == Self.date("2023-12-31"))
        #expect(lines[2].valueDate == Self.date("2024-02-29"), "30 February, as some banks write it: month's end")
    }

    @Test func isoLatin1AndWindows1252FilesAreDecoded() throws {
        let path = MT940SampleTests.data + "ing.sta"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing")
            return
        }
        // The ING sample is UTF-8; the bank's own files are ISO-8859-1, where the soft hyphen is the byte 0xAD.
        let utf8 = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var latin1: [UInt8] = []
        for (i, byte) in utf8.enumerated() where !(byte == 0xC2 && i + 1 < utf8.count && utf8[i + 1] == 0xAD) {
            latin1.append(byte)
        }
        #expect(latin1.count == utf8.count - 4)
        #expect(try MT940Reader.messages(from: Data(latin1), file: "ing.sta")
            == MT940Reader.messages(from: Data(utf8), file: "ing.sta"))
        let euro = Data(":20:X\n:25:1\n:28C:1\n:60F:C240101EUR0,\n:61:240101C1,NTRFNONREF\n:86:".utf8)
            + Data([0x80, 0x20, 0xE9]) + Data("\n:62F:C240101EUR1,\n".utf8)
        let t = try #require(try MT940Reader.messages(from: euro, file: "x.sta").first?.transactions.first)
        #expect(t.information == "€ é")
    }

    @Test func signsFollowTheMarks() throws {
        let text = """
            :20:SIGNS
            :25:NL91ABNA0417164300
            :28C:1
            :60F:D240101EUR10,
            :61:240101C1,NTRFNONREF
            :61:240101D2,NTRFNONREF
            :61:240101RC3,NTRFNONREF
            :61:240101RD4,NTRFNONREF
            :62F:D240101EUR14,
            """
        let statement = try #require(try MT940Reader.statements(from: Data(text.utf8), file: "s.sta").first)
        #expect(statement.transactions.map(\.amount.minorUnits) == [100, -200, -300, 400])
        #expect(statement.transactions.map(\.reversal) == [false, false, true, true])
        #expect(statement.openingBalance?.amount.minorUnits == -1000)
        #expect(statement.closingBalance?.amount.minorUnits == -1400)
    }
}
