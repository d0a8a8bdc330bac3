import Core
public import Foundation
public import Ledger
import Crypto
import Store

/// The CRM sync: relations, cost centres and approved invoices written into an administration, open items and a
/// change feed read back. The HTTP API and the CLI both call this; neither holds a rule of its own.
///
/// Every write takes an idempotency key. The request's canonical form is hashed and stored with the response in the
/// same transaction as the write: the same key with the same request answers the stored response and writes
/// nothing; the same key with another request is refused. A refused request stores nothing.
public struct SyncService: Sendable {
    public let ledger: LedgerService

    public init(ledger: LedgerService) { self.ledger = ledger }

    // MARK: - Relations and cost centres

    /// Inserts or updates a relation from the JSON body of `PUT relations/{number}`.
    public func upsertRelation(_ body: Data, number: String?, in admin: String, idempotencyKey key: String)
        async throws -> SyncReply<RelationReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        return try await upsertRelation(try SyncRelation.parse(body, number: number), in: admin, idempotencyKey: key)
    }

    /// Inserts or updates a relation by its number, after checking and normalising it (IBAN, VAT number, country).
    public func upsertRelation(_ relation: SyncRelation, in admin: String, idempotencyKey key: String)
        async throws -> SyncReply<RelationReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        let relation = try relation.checked()
        return try await idempotent(admin, key: key, operation: "relation", request: relation) { tx in
            let existing = try tx.relation(admin, number: relation.number)
            try tx.upsert(relation.relation(keeping: existing), admin: admin)
            return RelationReply(relation: relation, created: existing == nil)
        }
    }

    /// Inserts or updates a cost centre from the JSON body of `PUT cost-centres/{code}`.
    public func upsertCostCentre(_ body: Data, code: String?, in admin: String, idempotencyKey key: String)
        async throws -> SyncReply<CostCentreReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        return try await upsertCostCentre(try SyncCostCentre.parse(body, code: code), in: admin, idempotencyKey: key)
    }

    /// Inserts or updates a cost centre (project) by its code.
    public func upsertCostCentre(_ centre: SyncCostCentre, in admin: String, idempotencyKey key: String)
        async throws -> SyncReply<CostCentreReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        let centre = try centre.checked()
        return try await idempotent(admin, key: key, operation: "cost-centre", request: centre) { tx in
            let existing = try tx.costCentre(admin, code: centre.code)
            try tx.upsert(CostCentre(code: centre.code, name: centre.description, active: centre.active), admin: admin)
            return CostCentreReply(costCentre: centre, created: existing == nil)
        }
    }

    // MARK: - Invoices

    /// Posts an approved invoice from the JSON body of `POST invoices` (amounts in the administration's currency).
    public func postInvoice(_ body: Data, to admin: String, idempotencyKey key: String) async throws
        -> SyncReply<InvoiceReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        let currency = try await ledger.store.read { tx in try tx.administration(admin)?.currency }
        guard let currency else { throw SyncError.notFound("administration \(admin) does not exist") }
        return try await postInvoice(try InvoiceInput.parse(body, currency: currency), to: admin, idempotencyKey: key)
    }

    /// Posts an approved invoice as one journal entry (see `InvoiceBook`), through the posting rules: open period,
    /// active accounts, balance. The entry carries source `crm` and a reference per invoice, so the same invoice is
    /// never posted twice, even under a new idempotency key.
    public func postInvoice(_ invoice: InvoiceInput, to admin: String, idempotencyKey key: String) async throws
        -> SyncReply<InvoiceReply>
    {
        try SyncRules.checkIdempotencyKey(key)
        let hash = Self.hash(operation: "invoice", request: try SyncJSON.encode(invoice))
        return try await mapped {
            if let reply: SyncReply<InvoiceReply> = try await replay(admin, key: key, operation: "invoice", hash: hash) {
                return reply
            }
            return try await ledger.withPosting(admin) { write in
                let tx = write.transaction
                if let reply: SyncReply<InvoiceReply> = try Self.replay(tx, admin: admin, key: key, operation: "invoice", hash: hash) {
                    return reply
                }
                guard let relation = try tx.relation(admin, number: invoice.relation) else {
                    throw SyncError("unknown-relation", "relation", "relation \(invoice.relation) does not exist in "
                        + "administration \(admin); send it first (PUT relations/\(invoice.relation))")
                }
                try write.loadAccounts(invoice.lines.map(\.account) + write.context.journals.values.compactMap(\.account))
                let (draft, entrySummary) = try InvoiceBook.draft(for: invoice, relation: relation, in: write.context)
                let result: PostResult
                do { result = try write.post(draft) } catch let error as LedgerError where error.code == "idempotency-conflict" {
                    throw SyncError("idempotency-conflict", "number", "\(invoice.kind.rawValue) invoice \(invoice.number) "
                        + "of \(invoice.relation) was already posted with different content (\(error.message)); "
                        + "correct it with a credit note")
                }
                var summary = entrySummary
                summary.entry = result.entry.number
                let reply = InvoiceReply(invoice: summary, created: result.created)
                try Self.record(tx, admin: admin, key: key, operation: "invoice", hash: hash, response: reply)
                return SyncReply(body: reply, replayed: false)
            }
        }
    }

    // MARK: - Idempotency

    /// Runs `write` under an idempotency key in one transaction with the record of its answer.
    private func idempotent<Body: Sendable & Codable & Equatable>(
        _ admin: String, key: String, operation: String, request: some Encodable,
        _ write: @escaping @Sendable (StoreTransaction) throws -> Body
    ) async throws -> SyncReply<Body> {
        let hash = Self.hash(operation: operation, request: try SyncJSON.encode(request))
        return try await mapped {
            if let reply: SyncReply<Body> = try await replay(admin, key: key, operation: operation, hash: hash) {
                return reply
            }
            return try await ledger.store.writeGrouped { tx in
                guard try tx.administration(admin) != nil else {
                    throw SyncError.notFound("administration \(admin) does not exist")
                }
                if let reply: SyncReply<Body> = try Self.replay(tx, admin: admin, key: key, operation: operation, hash: hash) {
                    return reply
                }
                let body = try write(tx)
                try Self.record(tx, admin: admin, key: key, operation: operation, hash: hash, response: body)
                return SyncReply(body: body, replayed: false)
            }
        }
    }

    /// A replay is answered from a read, without waiting for the writer; the write checks again, for a request sent
    /// twice at once.
    private func replay<Body: Codable & Sendable & Equatable>(_ admin: String, key: String, operation: String,
                                                              hash: String) async throws -> SyncReply<Body>? {
        try await ledger.store.read { tx in try Self.replay(tx, admin: admin, key: key, operation: operation, hash: hash) }
    }

    /// The stored answer when `key` was used for this same request; a refusal when it was used for another.
    static func replay<Body: Codable & Sendable & Equatable>(_ tx: StoreTransaction, admin: String, key: String,
                                                             operation: String, hash: String) throws -> SyncReply<Body>? {
        guard let record = try tx.syncRequest(admin, key: key) else { return nil }
        guard record.operation == operation, record.requestHash == hash else {
            throw SyncError("idempotency-key-reused", "Idempotency-Key", "idempotency key '\(key)' was already used for "
                + "another request (\(record.operation)) in administration \(admin); use a new key for a new request")
        }
        return SyncReply(body: try JSONDecoder().decode(Body.self, from: Data(record.response.utf8)), replayed: true)
    }

    static func record(_ tx: StoreTransaction, admin: String, key: String, operation: String, hash: String,
                       response: some Encodable) throws {
        let text = String(decoding: try SyncJSON.encode(response), as: UTF8.self)
        try tx.insert(SyncRequestRecord(key: key, operation: operation, requestHash: hash, response: text), admin: admin)
    }

    /// A key derived from a request's bytes (`sha256:…`), for callers that send a file and name no key: running the
    /// same file again is then a replay.
    public static func contentKey(for body: Data) -> String {
        "sha256:" + SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of the operation and the request's canonical JSON, in hex.
    static func hash(operation: String, request: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data((operation + "\n").utf8))
        hasher.update(data: request)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Ledger and core refusals as the sync's own error.
    func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as LedgerError {
            throw SyncError(error.code, error.location, error.message)
        } catch let error as CoreError {
            throw SyncError(error)
        }
    }
}
