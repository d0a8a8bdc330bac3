import Foundation

/// An exact decimal: `mantissa × 10^-scale`. Used for rates (VAT, exchange) and parsed amounts.
public struct DecimalNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public var mantissa: Int64
    public var scale: Int

    public init(mantissa: Int64, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Parses `12`, `-0.5`, `11.7234`; rejects exponents, grouping and more than 12 decimals.
    public init(parsing text: String, field: String) throws(CoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var chars = Substring(trimmed)
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars = chars.dropFirst()
        }
        let pieces = chars.split(separator: ".", omittingEmptySubsequences: false)
        guard !chars.isEmpty, pieces.count <= 2,
              pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !pieces[0].isEmpty || pieces.count == 2, pieces.count == 1 || !pieces[1].isEmpty
        else { throw CoreError(field, "'\(text)' is not a decimal number (write e.g. 1234.50)") }
        let fraction = pieces.count == 2 ? pieces[1] : ""
        guard fraction.count <= 12 else { throw CoreError(field, "'\(text)' has more than 12 decimals") }
        guard let value = Int64(String(pieces[0].isEmpty ? "0" : pieces[0]) + fraction) else {
            throw CoreError(field, "'\(text)' is too large")
        }
        self.init(mantissa: negative ? -value : value, scale: fraction.count)
    }

    /// The same value with trailing fractional zeros removed (`9.50` → `9.5`).
    public var normalized: DecimalNumber {
        var m = mantissa, s = scale
        while s > 0 && m % 10 == 0 { m /= 10; s -= 1 }
        return DecimalNumber(mantissa: m, scale: s)
    }

    /// Equal values are equal, however many trailing zeros they were written with.
    public static func == (a: Self, b: Self) -> Bool {
        let x = a.normalized, y = b.normalized
        return x.mantissa == y.mantissa && x.scale == y.scale
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.mantissa)
        hasher.combine(n.scale)
    }

    public var isZero: Bool { mantissa == 0 }
    public var isNegative: Bool { mantissa < 0 }

    /// `amount × self`, rounded half away from zero to whole units (as Dutch VAT and rate rules do).
    public func multiply(_ amount: Int64) -> Int64 {
        Int64((Int128(amount) * Int128(mantissa)).dividedRounded(byPowerOfTen: scale))
    }

    /// `amount × self / 100`, for percentage rates.
    public func percentOf(_ amount: Int64) -> Int64 {
        DecimalNumber(mantissa: mantissa, scale: scale + 2).multiply(amount)
    }

    public var description: String {
        guard scale > 0 else { return String(mantissa) }
        let text = Money.format(mantissa, digits: scale)
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    public static func powerOfTen(_ n: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let s = try? container.decode(String.self) { text = s } else { text = String(try container.decode(Int64.self)) }
        do { try self.init(parsing: text, field: decoder.codingPath.map(\.stringValue).joined(separator: ".")) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
