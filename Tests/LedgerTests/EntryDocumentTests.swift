import Core
import Foundation
import Ledger
import Testing
import TestSupport

/// Malformed entry JSON: each row must fail naming the field, before anything reaches the ledger.
@Suite struct EntryDocumentTests {
    static let line0 = #"{"account": "10201", "debit": "10.00"}"#
    static let line1 = #"{"account": "40110", "credit": "10.00"}"#

    static func entry(_ lines: String, extra: String = "") -> String {
        #"{"journal": "MEM", "date": "2026-03-01", "description": "x""# + extra + #", "lines": ["# + lines + "]}"
    }

    @Test(arguments: [
        ("not json", "", "is not valid JSON"),
        ("[1, 2]", "entries[0]", "each entry must be a JSON object"),
        (#"{"date": "2026-03-01", "description": "x", "lines": []}"#, "journal", "required field 'journal' is missing"),
        (#"{"journal": 5, "date": "2026-03-01", "description": "x", "lines": []}"#, "journal", "'journal' must be a string"),
        (#"{"journal": "MEM", "date": "2026-02-30", "description": "x", "lines": []}"#, "date", "is not a calendar date"),
        (#"{"journal": "MEM", "date": "01-03-2026", "description": "x", "lines": []}"#, "date", "write YYYY-MM-DD"),
        (#"{"journal": "MEM", "date": "2026-03-01", "description": "x"}"#, "lines", "the entry has no lines"),
        (#"{"journal": "MEM", "date": "2026-03-01", "description": "x", "lines": {}}"#, "lines", "must be an array"),
        (entry(line0 + ", 7"), "lines[1]", "each line must be a JSON object"),
        (entry(#"{"account": "10201", "debit": 12.5}, "# + line1), "lines[0].debit", "as a decimal string"),
        (entry(#"{"account": "10201", "debit": "12.345"}, "# + line1), "lines[0].debit", "more decimals than EUR allows"),
        (entry(#"{"account": "10201", "debit": "ten"}, "# + line1), "lines[0].debit", "is not a decimal number"),
        (entry(#"{"account": "10201", "debit": "-1.00"}, "# + line1), "lines[0].debit", "cannot be negative"),
        (entry(#"{"account": "10201", "debit": "1.00", "credit": "1.00"}, "# + line1), "lines[0].credit", "not both"),
        (entry(#"{"account": "10201"}, "# + line1), "lines[0].debit", "needs a debit or a credit"),
        (entry(#"{"acount": "10201", "debit": "1.00"}, "# + line1), "lines[0].acount", "unknown field 'acount'"),
        (entry(#"{"debit": "1.00"}, "# + line1), "lines[0].account", "required field 'account' is missing"),
        (entry(line0 + #", {"account": "40110", "credit": "10.00", "currency": "DOLLAR"}"#), "lines[1].currency",
         "not an ISO 4217 currency code"),
        (entry(line0 + #", {"account": "40110", "credit": "10.00", "currency": "USD", "rate": "abc"}"#), "lines[1].rate",
         "is not a decimal number"),
        (entry(line0 + #", {"account": "40110", "credit": "10.00", "dueDate": "soon"}"#), "lines[1].dueDate",
         "write YYYY-MM-DD"),
        (entry(line0 + ", " + line1, extra: #", "kind": "closing""#), "kind", "not an entry kind you can post"),
        (entry(line0 + ", " + line1, extra: #", "memo": "x""#), "memo", "unknown field 'memo'"),
    ])
    func refusesMalformedEntries(_ json: String, _ location: String, _ message: String) {
        #expect { try EntryDocument.parseMany(Data(json.utf8), currency: .eur) } throws: { error in
            let e = error as! LedgerError
            return e.location == location && e.message.contains(message)
        }
    }

    @Test func readsAFullEntry() throws {
        let json = #"""
            {"journal": "IK", "date": "2026-03-14", "description": "US invoice", "source": "crm", "reference": "A-1",
             "lines": [
               {"account": "45105", "debit": "92.00", "costCentre": "P1", "description": "rent"},
               {"account": "16011", "credit": "100.00", "currency": "usd", "rate": "0.92", "baseAmount": "92.00",
                "relation": "S1", "invoice": "US-1", "dueDate": "2026-04-13"},
               {"account": "40110", "debit": 5},
               {"account": "10201", "credit": "5"}
             ]}
            """#
        let draft = try EntryDocument.parse(Data(json.utf8), currency: .eur)
        #expect(draft.source == "crm" && draft.reference == "A-1")
        #expect(draft.lines[0].amount == 92_00 && draft.lines[0].costCentre == "P1")
        let l = draft.lines[1]
        #expect(l.amount == -100_00 && l.baseAmount == -92_00 && l.currency?.code == "USD")
        #expect(l.rate == DecimalNumber(mantissa: 92, scale: 2) && l.dueDate == day("2026-04-13"))
        #expect(draft.lines[2].amount == 5_00 && draft.lines[3].amount == -5_00)
    }
}
