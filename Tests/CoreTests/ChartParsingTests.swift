import Core
import Testing

@Suite struct ChartParsingTests {
    static let header = "code,name,type,normal,rgs,vat,control\n"

    @Test func readsQuotedFieldsAndLineNumbers() throws {
        let csv = Self.header + "1000,Kas,asset,debit,BLimKasKas,,cash\n\n\"2000\",\"Werk door derden, \"\"overig\"\"\",expense,debit,,I21,\n"
        let accounts = try ChartOfAccounts.parseAccounts(csv: csv)
        #expect(accounts.count == 2)
        #expect(accounts[1].name == "Werk door derden, \"overig\"")
        #expect(accounts[0].control == .cash && accounts[1].vatCode == "I21")
        let records = try CSVReader().records(in: "a,b\n\"multi\nline\",x\nlast,y", file: "f.csv")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test(arguments: [
        ("code,name,type\n", "accounts.csv:1: missing column 'normal'"),
        (header + "1000,Kas,asset,debit,,,\n1001,Bank,cash,debit,,,\n", "accounts.csv:3: column 'type' must be one of"),
        (header + "1000,Kas,asset,left,,,\n", "accounts.csv:2: column 'normal' must be debit or credit"),
        (header + "1000,Kas,asset,debit,,,till\n", "accounts.csv:2: column 'control': unknown role 'till'"),
        (header + "1000,Kas,asset,debit,,\n", "accounts.csv:2: expected 7 fields, found 6"),
        (header + ",Kas,asset,debit,,,\n", "accounts.csv:2: column 'code' is empty"),
        (header + "10 00,Kas,asset,debit,,,\n", "accounts.csv:2: account code '10 00' may hold only"),
        (header + "1000,\"Kas,asset,debit,,,\n", "accounts.csv:2: a quoted field is never closed"),
        ("", "accounts.csv: the file is empty"),
    ])
    func refusesBadRows(_ csv: String, _ expected: String) {
        #expect { try ChartOfAccounts.parseAccounts(csv: csv) } throws: { error in
            (error as! CoreError).description.hasPrefix(expected)
        }
    }

    @Test func problemsNameWhatIsMissing() throws {
        let accounts = try ChartOfAccounts.parseAccounts(csv: Self.header + "1000,Kas,asset,debit,,X1,cash\n1001,Kas 2,asset,debit,,,cash\n")
        let chart = ChartOfAccounts(
            accounts: accounts,
            vatCodes: [VATCode(code: "V21", description: "x", rate: DecimalNumber(mantissa: 21, scale: 0), kind: .sales,
                               box: "1a", payableAccount: "9999")],
            journals: [Journal(code: "BNK", name: "Bank", kind: .bank, account: "1100")])
        let messages = chart.problems().map(\.description)
        #expect(messages.contains("accounts.csv: control role cash is given to 1000, 1001; give it to one account"))
        #expect(messages.contains("accounts.csv: no account has control role bank"))
        #expect(messages.contains("accounts.csv: account 1000 names VAT code X1, which does not exist"))
        #expect(messages.contains("vat.yaml: VAT code V21 payableAccount 9999 is not in the chart"))
        #expect(messages.contains("journals.yaml: journal BNK account 1100 is not in the chart"))
    }
}
