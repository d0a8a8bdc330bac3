import Crypto
public import Core

extension AdministrationConfig {
    /// SHA-256 of the canonical bytes, in hex: equal configurations have equal hashes, whatever YAML spelled them.
    public var sha256: String {
        SHA256.hash(data: canonicalBytes()).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
