import Core
import Ledger

/// A deterministic journal of the shape ordinary ledger files have: 1,000 accounts under the five top-level
/// names, transactions of two or three postings (2.3 on average) with the last amount left out.
struct SyntheticJournal {
    struct Transaction {
        var day: Int32  // day of 2026, 0-based
        var payee: Int32
        /// (account index, amount in cents); the last posting balances the others.
        var postings: [(Int16, Int64)]
    }

    let accounts: [(name: String, type: String)]
    var transactions: [Transaction] = []

    init(transactions count: Int, seed: UInt64) {
        var names: [(String, String)] = []
        for i in 0..<100 { names.append(("Assets:Bank:Account \(i)", "C")) }
        for i in 0..<100 { names.append(("Liabilities:Creditor \(i)", "L")) }
        for i in 0..<10 { names.append(("Equity:Capital \(i)", "E")) }
        for i in 0..<190 { names.append(("Income:Sales \(i)", "R")) }
        for i in 0..<600 { names.append(("Expenses:Cost \(i)", "X")) }
        accounts = names
        var rng = SeededGenerator(seed: seed)
        transactions.reserveCapacity(count)
        for i in 0..<count {
            let day = Int32(i * 365 / max(count, 1))
            let first = Int64(rng.int(1...100_000))
            let from = Int16(rng.int(0...99))
            var postings: [(Int16, Int64)] = [(Int16(400 + rng.int(0...599)), first)]
            if rng.chance(30) {
                postings.append((Int16(200 + rng.int(0...199)), -Int64(rng.int(1...Int(first)))))
            }
            postings.append((from, -postings.reduce(0) { $0 + $1.1 }))
            transactions.append(Transaction(day: day, payee: Int32(rng.int(1...5_000)), postings: postings))
        }
    }

    var postingCount: Int { transactions.reduce(0) { $0 + $1.postings.count } }

    /// The journal text: account declarations, then one transaction per entry, the last amount elided.
    func text() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(transactions.count * 110)
        for (name, type) in accounts { out += Array("account \(name)  ; type: \(type)\n".utf8) }
        let start = try! LocalDate(year: 2026, month: 1, day: 1)
        var dates: [[UInt8]] = []
        for d in 0..<365 { dates.append(Array(start.adding(days: d).description.utf8)) }
        let names = accounts.map { Array($0.name.utf8) }
        for (i, t) in transactions.enumerated() {
            out.append(10)
            out += dates[Int(t.day)]
            out += Array(" * (T\(i + 1)) Payee \(t.payee)\n".utf8)
            for (index, (account, amount)) in t.postings.enumerated() {
                out += [32, 32, 32, 32]
                out += names[Int(account)]
                if index < t.postings.count - 1 {
                    out += Array("  \(Money.format(amount, digits: 2)) EUR".utf8)
                }
                out.append(10)
            }
        }
        return out
    }
}
