public import Foundation
public import Logging
public import Store
public import Workspace

/// Posts workflow events to the workspace's webhooks, from the audit log, in order and at least once.
///
/// The audit log is the outbox: each webhook's cursor (the last audit `seq` it has dealt with) is kept in the store
/// and moved after each delivery, so a crash or a receiver that is down delays events but loses none.
public struct WebhookDispatcher: Sendable {
    /// The webhooks this dispatcher serves.
    public let webhooks: [WebhookSetting]
    let store: LedgerStore
    let policy: RetryPolicy
    let environment: [String: String]
    let clock: @Sendable () -> Date
    let sleep: @Sendable (Duration) async -> Void
    let logger: Logger
    let batchSize: Int

    /// A dispatcher; `clock` stamps `X-LedgerOps-Timestamp`, `sleep` waits between attempts (inject both in tests).
    public init(store: LedgerStore, webhooks: [WebhookSetting], policy: RetryPolicy = RetryPolicy(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                logger: Logger = Logger(label: "ledgerops.webhooks"), batchSize: Int = 100) {
        self.store = store
        self.webhooks = webhooks
        self.policy = policy
        self.environment = environment
        self.clock = clock
        self.sleep = sleep
        self.logger = logger
        self.batchSize = max(1, batchSize)
    }

    /// A dispatcher for the webhooks in the workspace's `ledgerops.yaml`.
    public init(workspace: Workspace, policy: RetryPolicy = RetryPolicy(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                logger: Logger = Logger(label: "ledgerops.webhooks")) {
        self.init(store: workspace.store, webhooks: workspace.settings.webhooks, policy: policy, environment: environment,
                  clock: clock, sleep: sleep, logger: logger)
    }

    // MARK: - Audited events

    /// Delivers every event each webhook has not had yet, oldest first, the webhooks side by side. A webhook whose
    /// receiver keeps failing stops at that event (it is tried first next round); the others go on.
    public func deliverPending() async -> DeliveryReport {
        let names = webhooks.map(\.name)
        do {
            try await store.write { tx in try tx.removeWebhookCursors(except: names) }
        } catch {
            logger.error("cannot read the webhook cursors: \(error)")
            return DeliveryReport()
        }
        return await withTaskGroup(of: DeliveryReport.self) { group in
            for webhook in webhooks { group.addTask { await deliverPending(to: webhook) } }
            return await group.reduce(DeliveryReport(), +)
        }
    }

    /// One webhook's round: from its cursor to the end of the log, or to the first event it could not deliver.
    func deliverPending(to webhook: WebhookSetting) async -> DeliveryReport {
        var report = DeliveryReport()
        let name = webhook.name
        let actions = WebhookEventMapping.actions(for: webhook.events)
        var handled: Int64 = 0
        do {
            handled = try await store.write { tx in try tx.webhookCursor(name) }
            if let secret = webhook.resolvedSecret(in: environment) {
                handled = try await deliver(to: webhook, secret: secret, from: handled, report: &report)
            } else {
                logger.error("webhook \(name): environment variable \(webhook.secretEnv ?? "") is not set; nothing sent",
                             metadata: ["webhook": "\(name)"])
            }
            let from = handled
            report.pending = try await store.read { tx in try tx.auditRecordCount(after: from, actions: actions) }
        } catch {
            logger.error("webhook \(name): cannot read or move its cursor: \(error)", metadata: ["webhook": "\(name)"])
        }
        return report
    }

    /// Sends the events after `cursor` in order, moving the cursor past each one dealt with; returns the new cursor.
    private func deliver(to webhook: WebhookSetting, secret: String, from cursor: Int64,
                         report: inout DeliveryReport) async throws -> Int64 {
        let name = webhook.name
        var saved = cursor
        var handled = cursor
        func save() async throws {
            guard handled > saved else { return }
            let seq = handled
            try await store.write { tx in try tx.advanceWebhookCursor(name, to: seq) }
            saved = seq
        }
        while !Task.isCancelled {
            let after = handled
            let records = try await store.read { [batchSize] tx in try tx.auditRecords(after: after, limit: batchSize) }
            guard !records.isEmpty else { break }
            for record in records {
                guard let message = WebhookEventMapping.message(for: record), webhook.wants(message.event) else {
                    handled = record.seq  // not an event for this webhook: moved past with the next save
                    continue
                }
                switch await send(message, to: webhook, secret: secret, delivery: "\(name)-\(record.seq)") {
                case .delivered:
                    report.delivered += 1
                case .refused:
                    report.failed += 1  // the receiver will never take it: skipped, so the events behind it go on
                case .exhausted:
                    report.failed += 1
                    try await save()  // what was skipped before it; the event itself comes first next round
                    logger.warning("webhook \(name): stopped at audit record \(record.seq) until the next round",
                                   metadata: ["webhook": "\(name)"])
                    return handled
                }
                handled = record.seq
                try await save()
            }
            try await save()
        }
        return handled
    }

    // MARK: - Direct events

    /// Sends an event that is not in the audit log (`passes.failing`, `passes.recovered`) to the webhooks that want
    /// it, best effort: with the same retries, but nothing is kept when they run out.
    public func notify(_ message: WebhookMessage) async -> DeliveryReport {
        let stamp = Int64(clock().timeIntervalSince1970)
        return await withTaskGroup(of: DeliveryReport.self) { group in
            for webhook in webhooks where webhook.wants(message.event) {
                group.addTask {
                    guard let secret = webhook.resolvedSecret(in: environment) else {
                        let problem = "environment variable \(webhook.secretEnv ?? "") is not set"
                        logger.error("webhook \(webhook.name): \(problem); \(message.event.rawValue) not sent",
                                     metadata: ["webhook": "\(webhook.name)"])
                        return DeliveryReport(failed: 1)
                    }
                    let delivery = "\(webhook.name)-\(message.event.rawValue)-\(stamp)"
                    switch await send(message, to: webhook, secret: secret, delivery: delivery) {
                    case .delivered: return DeliveryReport(delivered: 1)
                    case .refused, .exhausted: return DeliveryReport(failed: 1)
                    }
                }
            }
            return await group.reduce(DeliveryReport(), +)
        }
    }
}
