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
    }

    static func decode(_ text: String) throws -> WorkspaceSettings {
        let file = try YAMLDecoder().decode(File.self, from: text)
        var settings = WorkspaceSettings(branch: file.templates.branch, remote: file.templates.remote)
        if let i = file.reconcileIntervalSeconds { settings.reconcileIntervalSeconds = i }
        if let h = file.http { settings.http = h }
        return settings
    }
}
