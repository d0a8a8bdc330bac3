public import Core

extension ReportEngine {
    /// An exact rational: an amount in minor units is `a/1`, a figure `mantissa/10^scale`.
    struct Rational {
        var numerator: Int128
        var denominator: Int128

        init?(_ value: ReportValue) {
            switch value {
            case .amount(let a): (numerator, denominator) = (Int128(a), 1)
            case .number(let n, _): (numerator, denominator) = (Int128(n.mantissa), Int128(DecimalNumber.powerOfTen(n.scale)))
            case .missing: return nil
            }
        }
    }

    /// `a / b` rounded half away from zero.
    static func rounded(_ a: Int128, _ b: Int128) -> Int128 {
        let negative = (a < 0) != (b < 0)
        let (q, r) = (a.magnitude / b.magnitude, a.magnitude % b.magnitude)
        let up = r * 2 >= b.magnitude ? q + 1 : q
        return negative ? -Int128(up) : Int128(up)
    }

    /// A ratio of two line values in its unit: percent and days to one decimal, plain ratios to two, an amount per
    /// unit in minor units. Nothing when either side is missing or the denominator is zero.
    public static func divide(_ n: ReportValue, by d: ReportValue, unit: RatioUnit, days: Int) -> ReportValue {
        guard let x = Rational(n), let y = Rational(d), y.numerator != 0 else { return .missing }
        // x / y = (xn * yd) / (xd * yn)
        let top = x.numerator * y.denominator, bottom = x.denominator * y.numerator
        switch unit {
        case .amount:
            return .amount(Int64(rounded(top, bottom)))
        case .ratio:
            return .number(DecimalNumber(mantissa: Int64(rounded(top * 100, bottom)), scale: 2), unit)
        case .percent:
            return .number(DecimalNumber(mantissa: Int64(rounded(top * 1000, bottom)), scale: 1), unit)
        case .days:
            return .number(DecimalNumber(mantissa: Int64(rounded(top * 10 * Int128(days), bottom)), scale: 1), unit)
        }
    }

    /// A figure over the months that have one: their sum, their average (to two more decimals) or the last.
    public static func aggregate(_ values: [DecimalNumber], _ how: FigureAggregate) -> ReportValue {
        guard let last = values.last else { return .missing }
        let scale = values.map(\.scale).max()!
        let sum = values.reduce(Int128(0)) { total, v in
            total + Int128(v.mantissa) * Int128(DecimalNumber.powerOfTen(scale - v.scale))
        }
        switch how {
        case .last:
            return .number(last, .ratio)
        case .sum:
            return .number(DecimalNumber(mantissa: Int64(sum), scale: scale).normalized, .ratio)
        case .average:
            let mantissa = rounded(sum * 100, Int128(values.count))
            return .number(DecimalNumber(mantissa: Int64(mantissa), scale: scale + 2).normalized, .ratio)
        }
    }
}
