import Crypto
public import Foundation

/// The `X-LedgerOps-Signature` header: `sha256=` and the lowercase hex HMAC-SHA256, keyed with the webhook's secret,
/// of the timestamp header, a dot and the body. Covering the timestamp lets a receiver refuse old replays.
public enum WebhookSignature {
    /// The header value for `body` sent at `timestamp` (unix seconds, as in `X-LedgerOps-Timestamp`).
    public static func sign(body: Data, timestamp: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: signed(body, timestamp), using: key(secret))
        return "sha256=" + code.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Whether `signature` (the header value, with or without `sha256=`) is right for this body and timestamp.
    /// Compares in constant time.
    public static func verify(body: Data, timestamp: String, signature: String, secret: String) -> Bool {
        let hex = signature.hasPrefix("sha256=") ? signature.dropFirst("sha256=".count) : Substring(signature)
        guard let code = bytes(hex: hex) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: signed(body, timestamp), using: key(secret))
    }

    private static func key(_ secret: String) -> SymmetricKey { SymmetricKey(data: Data(secret.utf8)) }

    private static func signed(_ body: Data, _ timestamp: String) -> Data { Data((timestamp + ".").utf8) + body }

    /// 32 bytes from 64 hex digits; nil for anything else.
    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
