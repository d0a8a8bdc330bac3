extension Int128 {
    /// `self / divisor`, rounded half away from zero: how Dutch VAT, exchange rates and conversions round.
    public func dividedRounded(by divisor: Int128) -> Int128 {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r.magnitude * 2 >= divisor.magnitude ? q + ((self < 0) != (divisor < 0) ? -1 : 1) : q
    }

    /// `self / 10^shift`, rounded half away from zero; a negative shift multiplies.
    public func dividedRounded(byPowerOfTen shift: Int) -> Int128 {
        var power: Int128 = 1
        for _ in 0..<abs(shift) { power *= 10 }
        return shift <= 0 ? self * power : dividedRounded(by: power)
    }
}
