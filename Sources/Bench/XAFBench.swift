import Core
import Foundation

/// A generated XAF audit file of 100,000 transactions (two lines each, a bank and revenue account per the RGS, a
/// customer on every tenth) imported by `ledgerops import xaf` into a fresh administration, against the same file at
/// 10,000: the time, and the peak memory at both sizes (streamed, so it should hardly grow). Targets: ≤ 3 s, and
/// the peak at 100,000 within 50 MB of the peak at 10,000.
struct XAFBench {
    let tiny: Bool
    let directory: String
    let binaryDirectory: String
    let projectRoot: String

    struct Result {
        var rows: [(String, String, String)]
        var seconds: Double
        var memoryGrowthMB: Double
    }

    static func write(_ path: String, transactions: Int) throws {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <auditfile xmlns="http://www.auditfiles.nl/XAF/3.2">
            <header><fiscalYear>2026</fiscalYear><startDate>2026-01-01</startDate><endDate>2026-12-31</endDate><curCode>EUR</curCode>
            <dateCreated>2026-11-23</dateCreated><softwareDesc>ledgerops-bench</softwareDesc></header>
            <company><companyIdent>1</companyIdent><companyName>Bench B.V.</companyName><taxRegistrationCountry>NL</taxRegistrationCountry>
            <taxRegIdent/><customersSuppliers>
            """
        for c in 0..<100 {
            text += "<customerSupplier><custSupID>K\(c)</custSupID><custSupName>Klant \(c)</custSupName><custSupTp>C</custSupTp></customerSupplier>\n"
        }
        text += """
            </customersSuppliers><generalLedger>
            <ledgerAccount><accID>1000</accID><accDesc>Bank</accDesc><accTp>B</accTp><leadReference>BLimBanRba</leadReference></ledgerAccount>
            <ledgerAccount><accID>1300</accID><accDesc>Debiteuren</accDesc><accTp>B</accTp><leadReference>BVorDebHad</leadReference></ledgerAccount>
            <ledgerAccount><accID>8000</accID><accDesc>Omzet</accDesc><accTp>P</accTp><leadReference>WOmzNopOlh</leadReference></ledgerAccount>
            </generalLedger><transactions><linesCount>\(transactions * 2)</linesCount><totalDebit>0</totalDebit><totalCredit>0</totalCredit>
            <journal><jrnID>M</jrnID><desc>Memoriaal</desc><jrnTp>M</jrnTp>

            """
        guard let out = OutputStream(toFileAtPath: path, append: false) else { throw BenchError("cannot write \(path)") }
        out.open()
        defer { out.close() }
        func put(_ s: String) { let bytes = Array(s.utf8); _ = out.write(bytes, maxLength: bytes.count) }
        put(text)
        var chunk = ""
        for n in 1...transactions {
            let day = 1 + (n * 365 / (transactions + 1))
            let date = try LocalDate(year: 2026, month: 1, day: 1).adding(days: day - 1)
            let cents = 100 + (n * 7919) % 99_900
            let amount = Money.format(Int64(cents), digits: 2)
            let debit = n % 10 == 0 ? "<accID>1300</accID><docRef/><effDate>\(date)</effDate><amnt>\(amount)</amnt><amntTp>D</amntTp><custSupID>K\(n % 100)</custSupID><invRef>F\(n)</invRef>"
                : "<accID>1000</accID><docRef/><effDate>\(date)</effDate><amnt>\(amount)</amnt><amntTp>D</amntTp>"
            chunk += "<transaction><nr>\(n)</nr><desc>Verkoop \(n)</desc><periodNumber>\(date.month)</periodNumber><trDt>\(date)</trDt>"
                + "<trLine><nr>1</nr>\(debit)</trLine>"
                + "<trLine><nr>2</nr><accID>8000</accID><docRef/><effDate>\(date)</effDate><amnt>\(amount)</amnt><amntTp>C</amntTp></trLine>"
                + "</transaction>\n"
            if n % 1_000 == 0 { put(chunk); chunk = "" }
        }
        put(chunk + "</journal></transactions></company></auditfile>\n")
    }

    func run() throws -> Result {
        let ledgerops = binaryDirectory + "/ledgerops"
        var measured: [(Int, Double, Double)] = []
        for size in tiny ? [200, 2_000] : [10_000, 100_000] {
            let file = directory + "/bench-\(size).xaf", workspace = directory + "/ws-\(size)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Self.write(file, transactions: size)
            for args in [["init", workspace, "--templates", projectRoot],
                         ["admin", "create", "big", "--name", "Big", "--year", "2026", "--cluster", "mkb", "--workspace", workspace]] {
                let r = try ChildProcess.run(ledgerops, args)
                guard r.status == 0 else { throw BenchError("ledgerops \(args[0]) failed: \(r.errors)") }
            }
            let r = try ChildProcess.run(ledgerops, ["import", "xaf", "big", file, "--workspace", workspace])
            guard r.status == 0 else { throw BenchError("ledgerops import xaf failed (exit \(r.status)): \(r.errors)") }
            measured.append((size, r.seconds, r.peakMemoryMB))
        }
        let (small, large) = (measured[0], measured[1])
        return Result(rows: measured.map { size, seconds, memory in
            ("ledgerops import xaf, \(size) transactions", String(format: "%.0f MB peak", memory), String(format: "%.2f s", seconds))
        }, seconds: large.1, memoryGrowthMB: large.2 - small.2)
    }
}
