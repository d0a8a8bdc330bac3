import Core
import Synchronization

/// Overviews already computed, served again while the monitor's generation has not moved (a server keeps one;
/// the generation moves with any change an overview depends on).
public final class MonitorCache: Sendable {
    private let entries = Mutex<[String: (generation: Int64, overview: MonitorOverview)]>([:])

    public init() {}

    func get(_ key: String, generation: Int64) -> MonitorOverview? {
        entries.withLock { $0[key].flatMap { $0.generation == generation ? $0.overview : nil } }
    }

    func put(_ key: String, generation: Int64, _ overview: MonitorOverview) {
        entries.withLock { entries in
            if entries.count > 1_000 { entries.removeAll() }
            entries[key] = (generation, overview)
        }
    }
}
