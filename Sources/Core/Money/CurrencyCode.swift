/// An ISO 4217 currency code with the number of minor-unit digits it uses.
public struct CurrencyCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let code: String

    /// Accepts three upper-case ASCII letters.
    public init(_ code: String) throws(CoreError) {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw CoreError("currency", "'\(code)' is not an ISO 4217 currency code (three letters, e.g. EUR)")
        }
        self.code = upper
    }

    public static let eur = try! CurrencyCode("EUR")

    /// Digits after the decimal point (ISO 4217 exponent); 2 unless the currency is known to differ.
    public var minorDigits: Int {
        switch code {
        case "JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XAF", "UGX", "PYG", "RWF": 0
        case "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD": 3
        default: 2
        }
    }

    public var description: String { code }
    public static func < (a: Self, b: Self) -> Bool { a.code < b.code }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}
