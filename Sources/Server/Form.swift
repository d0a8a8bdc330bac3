import Foundation

/// A form body (`application/x-www-form-urlencoded`): the first value of each field.
struct Form: Sendable {
    let fields: [String: String]

    init(_ text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            // Empty pieces kept, so `=` or `=x` is a pair with an empty key (ignored), never a missing one.
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            func decode(_ s: String) -> String { (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? s }
            guard let first = parts.first, !first.isEmpty else { continue }
            let key = decode(first)
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }
}
