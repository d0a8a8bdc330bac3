import Core
import Foundation
import Interchange
import Testing
import TestSupport

/// genkgo/camt's samples (`../shared/data/bank/camt`), read by our CAMT reader and compared with genkgo's own parse
/// of each, leaf by leaf.
@Suite struct CAMTSampleTests {
    static let data = TestLedger.projectRoot + "/../shared/data/bank/camt/"

    /// The sample's message, or nil (with a note) when the shared data is not on this machine.
    static func message(_ sample: String) throws -> CAMTMessage? {
        let path = data + sample + ".xml"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing")
            return nil
        }
        return try CAMTReader.message(from: Data(contentsOf: URL(fileURLWithPath: path)), file: sample + ".xml")
    }

    static func expected(_ sample: String) throws -> GenkgoTree? {
        let path = data + sample + ".expected.json"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is missing")
            return nil
        }
        return try JSONDecoder().decode(GenkgoTree.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Every leaf of genkgo's expected tree equals ours at the same path; the count of leaves compared is the number
    /// of leaves in the expected file (without the dumper's back-references), so nothing is silently left out.
    @Test(arguments: [
        ("camt052.v2", 158), ("camt053.v2.all-balance-types", 183), ("camt053.v2.minimal", 205),
        ("camt053.v2.multi.statement", 148), ("camt053.v2.with-party-ids", 214), ("camt054.v2", 224),
    ])
    func everyLeafOfGenkgosParseMatchesOurs(_ sample: String, _ leaves: Int) throws {
        guard let message = try Self.message(sample), let expected = try Self.expected(sample) else { return }
        var comparison = GenkgoComparison()
        comparison.compare(expected: expected, actual: CAMTGenkgoRendering.message(message), path: "")
        for mismatch in comparison.mismatches { Issue.record("\(sample): \(mismatch)") }
        #expect(comparison.leaves == leaves, "\(sample): \(comparison.leaves) leaves compared")
    }

    /// genkgo's `Message::getEntries` of the multi-statement sample holds one entry, the second statement's: PHP's
    /// `iterator_to_array` keeps each record's keys, and both entries are key 0. The rendering copies that
    /// (`phpEntries`); here it is pinned, and the first statement's entry, which the dump never shows, is checked.
    @Test func genkgoLosesTheFirstStatementsEntryOfTheMultiStatementSample() throws {
        let sample = "camt053.v2.multi.statement"
        guard let message = try Self.message(sample), case .object(let root)? = try Self.expected(sample),
              case .list(let entries)? = root["getEntries"], case .object(let entry)? = entries.first,
              case .object(let record)? = entry["getRecord"] else { return }
        #expect(entries.count == 1 && record["getId"] == .string("254EURNL26VAYB8060476890"))
        #expect(message.records.map(\.entries.count) == [1, 1])
        let first = try #require(message.records.first?.entries.first)
        #expect(first.amount.minorUnits == 885 && first.creditDebit == .credit)
        let detail = try #require(first.transactions.first)
        #expect(detail.references?.endToEndID == "000000001")
        #expect(detail.relatedParties?.creditor?.name == "Company Name 1")
        #expect(detail.remittanceInformation?.unstructured == ["Transaction Description 1"])
    }

    /// The dump writes moments in UTC; the model keeps the bank's clock and offset, which this pins.
    @Test func dateTimesKeepTheOffsetTheBankWrote() throws {
        guard let statement = try Self.message("camt053.v2.minimal"), let report = try Self.message("camt052.v2") else {
            return
        }
        let record = try #require(statement.records.first)
        #expect(record.fromDateTime?.description == "2007-10-18T08:00:00+01:00")
        #expect(record.fromDateTime?.offsetMinutes == 60 && record.fromDateTime?.hour == 8)
        #expect(statement.groupHeader.createdOn.description == "2015-03-10T18:43:50+00:00")
        let booked = try #require(report.records.first?.entries.first?.bookingDate)
        let moment = try #require(CAMTDateTime(iso: "2007-10-18T10:15:00+01:00"))
        #expect(booked == .dateTime(moment))
        #expect(booked.day.description == "2007-10-18")
    }

    /// `8.850` EUR (all-balance-types) has a third decimal that is zero: it is 8.85 exactly and is read so.
    @Test func aTrailingZeroBeyondTheCurrencysDecimalsIsExact() throws {
        guard let message = try Self.message("camt053.v2.all-balance-types") else { return }
        let entry = try #require(message.records.first?.entries.first)
        #expect(entry.amount == Money(minorUnits: 885, currency: .eur))
        #expect(message.records.first?.balances.map(\.typeCode) == [
            "OPBD", "PRCD", "OPAV", "CLBD", "CLAV", "FWAV", "INFO", "ITAV", "ITBD", "XPCD",
        ])
    }
}
