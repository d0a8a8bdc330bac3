import Crypto
import Foundation

extension OverrideDefinition {
    /// SHA-256 of the overlay's content (not its spelling): with the cluster's hash it identifies an administration's
    /// desired configuration without rendering it.
    public var digest: String {
        // The administration's id is left out: overlays with the same content give the same configuration.
        var text = ""
        for s in settings.map(\.value).sorted(by: { $0.key < $1.key }) { text += "setting:\(s.key)=\(s.value)\n" }
        for i in indicators.map(\.value).sorted(by: { $0.id < $1.id }) { text += "indicator:\(i.id)=\(i.threshold)\n" }
        for (kind, keys) in removals.sorted(by: { $0.key < $1.key }) {
            for k in keys.map(\.value).sorted() { text += "remove:\(kind.rawValue):\(k)\n" }
        }
        return SHA256.hash(data: Data(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
