import Foundation
import Ledger
import Yams

/// Decodes and encodes `ledgerops.yaml`.
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
        var webhooks: [WebhookEntry]?
    }

    static func decode(_ text: String) throws -> WorkspaceSettings {
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: text) } catch let error as DecodingError {
            throw Self.describe(error)
        }
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
        settings.webhooks = try Self.webhooks(file.webhooks ?? [])
        return settings
    }

    /// The `webhooks:` block for the settings file (empty when there are none).
    static func encode(_ webhooks: [WebhookSetting]) throws -> String {
        guard !webhooks.isEmpty else { return "" }
        struct Block: Encodable { var webhooks: [WebhookEntry] }
        return try YAMLEncoder().encode(Block(webhooks: webhooks.map(WebhookEntry.init)))
    }

    // MARK: - Webhooks

    /// Checks each entry, naming the field at fault (`webhooks[1].url: …`).
    static func webhooks(_ entries: [WebhookEntry]) throws -> [WebhookSetting] {
        var seen: [String: Int] = [:]
        return try entries.enumerated().map { index, entry in
            let at = "webhooks[\(index)]"
            func fail(_ field: String, _ message: String) -> LedgerError {
                LedgerError("invalid-settings", "\(at)\(field)", message)
            }
            guard let name = entry.name, !name.isEmpty else { throw fail(".name", "missing; give each webhook a unique name") }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw fail(".name", "'\(name)' may hold only letters, digits, '-', '_' and '.'")
            }
            if let first = seen[name] {
                throw fail(".name", "'\(name)' is already the name of webhooks[\(first)]; names must be unique")
            }
            seen[name] = index
            guard let text = entry.url, !text.isEmpty else { throw fail(".url", "missing; give the http or https URL to post to") }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  let host = url.host, !host.isEmpty
            else { throw fail(".url", "'\(text)' is not an http or https URL") }
            switch (entry.secretEnv, entry.secret) {
            case (nil, nil):
                throw fail(".secret", "missing; give secretEnv (the environment variable holding the HMAC key) or secret")
            case (_?, _?): throw fail(".secret", "give secretEnv or secret, not both")
            case (let variable?, nil) where variable.isEmpty: throw fail(".secretEnv", "empty; name an environment variable")
            case (nil, let secret?) where secret.isEmpty: throw fail(".secret", "empty")
            default: break
            }
            var events: [WebhookEvent]?
            if let names = entry.events {
                guard !names.isEmpty else { throw fail(".events", "empty; leave it out to send every event") }
                events = try names.enumerated().map { i, name in
                    guard let event = WebhookEvent(rawValue: name) else {
                        let known = WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")
                        throw fail(".events[\(i)]", "unknown event '\(name)'; known events: \(known)")
                    }
                    return event
                }
            }
            return WebhookSetting(name: name, url: url, secretEnv: entry.secretEnv, secret: entry.secret, events: events)
        }
    }

    /// A webhook as the file spells it: every field optional, so a missing one is reported by name; unknown fields
    /// (a misspelt `secretEnv`) are refused rather than ignored.
    struct WebhookEntry: Codable {
        var name: String?
        var url: String?
        var secretEnv: String?
        var secret: String?
        var events: [String]?

        private enum Key: String, CodingKey, CaseIterable { case name, url, secretEnv, secret, events }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(_ setting: WebhookSetting) {
            name = setting.name
            url = setting.url.absoluteString
            secretEnv = setting.secretEnv
            secret = setting.secret
            events = setting.events?.map(\.rawValue)
        }

        init(from decoder: any Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = all.allKeys.first(where: { Key(rawValue: $0.stringValue) == nil }) {
                let known = Key.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorruptedError(forKey: unknown, in: all,
                                                       debugDescription: "unknown field; known fields: \(known)")
            }
            let c = try decoder.container(keyedBy: Key.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            secretEnv = try c.decodeIfPresent(String.self, forKey: .secretEnv)
            secret = try c.decodeIfPresent(String.self, forKey: .secret)
            events = try c.decodeIfPresent([String].self, forKey: .events)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encodeIfPresent(name, forKey: .name)
            try c.encodeIfPresent(url, forKey: .url)
            try c.encodeIfPresent(secretEnv, forKey: .secretEnv)
            try c.encodeIfPresent(secret, forKey: .secret)
            try c.encodeIfPresent(events, forKey: .events)
        }
    }

    // MARK: - Errors

    /// A decoding error as a field path and what is wrong there (`webhooks[0].events: expected a list`).
    static func describe(_ error: DecodingError) -> LedgerError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let i = key.intValue { return "\(text)[\(i)]" }
                return text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)"
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            return LedgerError("invalid-settings", path(context.codingPath + [key]), "missing")
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            let name = String(describing: type)
            let expected = type == Int.self ? "a whole number"
                : name.hasPrefix("Array") || name.hasSuffix("Sequence") ? "a list"
                : name.hasPrefix("Dictionary") || name.hasSuffix("Mapping") ? "fields (name: value)"
                : "a single value"
            return LedgerError("invalid-settings", path(context.codingPath), "expected \(expected)")
        case let .dataCorrupted(context):
            return LedgerError("invalid-settings", path(context.codingPath), context.debugDescription)
        @unknown default:
            return LedgerError("invalid-settings", "", "\(error)")
        }
    }
}

/// A setting in `ledgerops.yaml` out of its range.
struct SettingsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
