import Yams

/// Decodes `ledgerops.yaml`.
enum YAMLSettings {
    private struct File: Decodable {
        struct Templates: Decodable {
            var repository: String?
            var branch: String
            var remote: String?
        }

        var templates: Templates
        var reconcileIntervalSeconds: Int?
        var http: String?
        var leaseSeconds: Int?
    }

    static func decode(_ text: String) throws -> WorkspaceSettings {
        let file = try YAMLDecoder().decode(File.self, from: text)
        var settings = WorkspaceSettings(branch: file.templates.branch, remote: file.templates.remote)
        if let i = file.reconcileIntervalSeconds {
            guard i > 0 else { throw SettingsError("reconcileIntervalSeconds must be at least 1 (seconds), not \(i)") }
            settings.reconcileIntervalSeconds = i
        }
        if let h = file.http {
            guard h.split(separator: ":").count == 2, Int(h.split(separator: ":")[1]) != nil else {
                throw SettingsError("http must be HOST:PORT, not '\(h)'")
            }
            settings.http = h
        }
        if let l = file.leaseSeconds {
            guard (2...3600).contains(l) else { throw SettingsError("leaseSeconds must be between 2 and 3600, not \(l)") }
            settings.leaseSeconds = l
        }
        return settings
    }
}

/// A setting in `ledgerops.yaml` out of its range.
struct SettingsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
