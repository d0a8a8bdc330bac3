import Core

extension MonitorSummary {
    /// Little-endian 64-bit integers: fields in order, each array led by its length, each optional by a flag.
    public func encoded() -> [UInt8] {
        var words: [Int64] = [Int64(digits), Int64(dunningDays)]
        func put(_ v: Int) { words.append(Int64(v)) }
        func put(_ v: Int?) { words.append(v == nil ? 0 : 1); words.append(Int64(v ?? 0)) }
        func put(_ v: Int64?) { words.append(v == nil ? 0 : 1); words.append(v ?? 0) }
        func put(_ a: [Int]) { words.append(Int64(a.count)); words += a.map(Int64.init) }
        func put(_ a: [Int64]) { words.append(Int64(a.count)); words += a }
        put(counts)
        put(oldestUnprocessed); put(latestStatement)
        put(receivableDue); put(receivableTotal); put(payableDue); put(payableTotal)
        put(pendingFrom); put(pendingTo); put(vatEnds); put(vatLeft)
        words += [vatSettlement, suspense]
        put(openPeriodEnds); put(openYearEnds)
        put(budgetResult); put(budgetRevenue)
        words += [actualResult, actualRevenue]
        for k in kpis { words.append(k == nil ? 0 : 1); words.append(k?.mantissa ?? 0); words.append(Int64(k?.scale ?? 0)) }
        put(status); put(statusSince)
        return words.withUnsafeBytes { Array($0) }
    }

    /// Reads what `encoded()` wrote; nil when the bytes are not a summary of this layout.
    public init?(encoded bytes: [UInt8]) {
        guard bytes.count % 8 == 0 else { return nil }
        let words: [Int64] = bytes.withUnsafeBytes { raw in (0..<bytes.count / 8).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self) } }
        var i = 0
        var ok = true
        func next() -> Int64 { guard i < words.count else { ok = false; return 0 }; defer { i += 1 }; return words[i] }
        func int() -> Int { Int(next()) }
        func optInt() -> Int? { let flag = next(), v = next(); return flag == 0 ? nil : Int(v) }
        func opt64() -> Int64? { let flag = next(), v = next(); return flag == 0 ? nil : v }
        func ints() -> [Int] { let n = int(); guard n >= 0, i + n <= words.count else { ok = false; return [] }; defer { i += n }; return words[i..<i + n].map { Int($0) } }
        func longs() -> [Int64] { let n = int(); guard n >= 0, i + n <= words.count else { ok = false; return [] }; defer { i += n }; return Array(words[i..<i + n]) }
        self.init()
        digits = int(); dunningDays = int()
        counts = ints()
        oldestUnprocessed = optInt(); latestStatement = optInt()
        receivableDue = ints(); receivableTotal = longs(); payableDue = ints(); payableTotal = longs()
        pendingFrom = ints(); pendingTo = ints(); vatEnds = ints(); vatLeft = longs()
        vatSettlement = next(); suspense = next()
        openPeriodEnds = ints(); openYearEnds = ints()
        budgetResult = opt64(); budgetRevenue = opt64()
        actualResult = next(); actualRevenue = next()
        kpis = (0..<5).map { _ in let flag = next(), m = next(), s = next(); return flag == 0 ? nil : DecimalNumber(mantissa: m, scale: Int(s)) }
        status = int(); statusSince = optInt()
        guard ok, i == words.count, counts.count == Count.allCases.count else { return nil }
    }
}
