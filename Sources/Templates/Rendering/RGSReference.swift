import Foundation

/// The RGS MKB 3.7 reference codes (a copy ships with the product), to check the codes templates name.
public enum RGSReference {
    /// RGS code → 5-digit reference number. Read once; immutable after.
    public static let codes: [String: String] = {
        guard let url = Bundle.module.url(forResource: "rgs-mkb-3.7", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 2 { result[String(fields[0])] = String(fields[1]) }
        }
        return result
    }()
}
