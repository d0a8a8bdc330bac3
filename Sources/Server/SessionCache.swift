import Foundation
import Synchronization
import Workflow

/// Sessions recently found in the store, kept for a few seconds so a busy page does not read the session and its
/// user on every request. Signing out here drops the entry at once; a sign-out through another process is seen
/// within `seconds`.
final class SessionCache: Sendable {
    private let entries = Mutex<[String: (session: AccessService.Session, until: Date)]>([:])
    let seconds: TimeInterval

    init(seconds: TimeInterval = 5) { self.seconds = seconds }

    func get(_ secret: String, now: Date) -> AccessService.Session? {
        entries.withLock { e in
            guard let hit = e[secret], hit.until > now else { return nil }
            return hit.session
        }
    }

    func put(_ secret: String, _ session: AccessService.Session, now: Date) {
        entries.withLock { e in
            if e.count > 10_000 { e.removeAll() }
            e[secret] = (session, now.addingTimeInterval(seconds))
        }
    }

    func drop(_ secret: String) { _ = entries.withLock { $0.removeValue(forKey: secret) } }
}
