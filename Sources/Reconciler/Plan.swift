import Core
import Crypto
import Foundation
import Templates

/// One field that changes: from the live value to the one the plan writes.
public struct FieldChange: Hashable, Sendable, Codable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// One step of a plan for one item.
public struct PlanItem: Hashable, Sendable, Codable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Template changes to carry out; `renumber` moves an account and its history to a new code.
        case add, update, remove, deactivate, renumber
        /// Local drift put back to the template (`drift: revert`).
        case revert
        /// Local drift, reported and left alone (`drift: report`).
        case drift
        /// Template and local edit both changed the item, differently: a reviewer decides.
        case conflict
        /// A safety rule stops the change until a reviewer acknowledges it.
        case blocked
    }

    public var key: ItemKey
    public var action: Action
    public var changes: [FieldChange]
    public var reason: String?

    public init(key: ItemKey, action: Action, changes: [FieldChange], reason: String? = nil) {
        self.key = key
        self.action = action
        self.changes = changes
        self.reason = reason
    }

    /// Whether applying the plan writes this item.
    public var writes: Bool { [.add, .update, .remove, .deactivate, .renumber, .revert].contains(action) }
}

/// Where an administration stands against its template.
public enum SyncStatus: String, Sendable, Codable, CaseIterable {
    case synced = "Synced", outOfSync = "OutOfSync", drifted = "Drifted", conflict = "Conflict", blocked = "Blocked"
    case failed = "Failed", suspended = "Suspended"
}

/// Everything the template would change in one administration, in a fixed order, with its hash.
public struct Plan: Hashable, Sendable, Codable {
    public var administration: String
    public var cluster: String
    public var revision: String
    public var desiredHash: String
    /// The live configuration's hash when the plan was made: applying re-checks it.
    public var liveHash: String
    public var items: [PlanItem]

    public init(administration: String, cluster: String, revision: String, desiredHash: String, liveHash: String,
                items: [PlanItem]) {
        self.administration = administration
        self.cluster = cluster
        self.revision = revision
        self.desiredHash = desiredHash
        self.liveHash = liveHash
        self.items = items
    }

    /// SHA-256 over the plan's canonical JSON: the same situation gives the same hash.
    public var hash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return SHA256.hash(data: data).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The status this plan gives, worst first: conflict, blocked, out of sync, drifted, synced.
    public var status: SyncStatus {
        if items.contains(where: { $0.action == .conflict }) { return .conflict }
        if items.contains(where: { $0.action == .blocked }) { return .blocked }
        if items.contains(where: { [.add, .update, .remove, .deactivate, .renumber].contains($0.action) }) { return .outOfSync }
        if items.contains(where: { $0.action == .drift || $0.action == .revert }) { return .drifted }
        return .synced
    }
}
