import Consolidation
public import Hummingbird
import Foundation
import Ledger
import Monitoring
import Reporting
import Store
import Sync
import Workflow

/// An HTTP error with a stable code and a message a person can act on, sent as JSON
/// `{"error": {"code": "...", "message": "..."}}`. Domain errors are mapped here, at the face, and nowhere else.
public struct ServerError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// The request field the error is about (`lines[0].vatCode`), when there is one.
    public var field: String?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    struct Body: Encodable {
        struct Detail: Encodable { let code: String; let message: String; let field: String? }
        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let unauthorized = ServerError(.unauthorized, "unauthorized", "sign in (POST /api/v1/session) or send a bearer token")

    /// The HTTP form of an error thrown by a service.
    static func from(_ error: any Error) -> ServerError {
        switch error {
        case let e as ServerError: return e
        case let e as WorkflowError:
            let status: HTTPResponse.Status = switch e.code {
            case "not-found": .notFound
            case "forbidden", "four-eyes", "own-proposal", "author": .forbidden
            case "unknown-user", "no-user": .unauthorized
            case "leased", "not-approved", "moved", "merge-conflict", "superseded", "undecided", "paused", "not-leased",
                 "applied", "closed", "not-distributed", "nothing-to-revert", "revert-conflict", "push-refused": .conflict
            case "not-started": .notFound
            default: .unprocessableContent
            }
            return ServerError(status, e.code, e.message)
        case let e as LedgerError:
            return ServerError(e.code == "not-found" ? .notFound : .unprocessableContent, e.code, e.description)
        case let e as SyncError:
            let status: HTTPResponse.Status = switch e.code {
            case "not-found": .notFound
            case "malformed-json", "missing-idempotency-key": .badRequest
            case "idempotency-key-reused", "idempotency-conflict": .conflict
            default: .unprocessableContent
            }
            return ServerError(status, e.code, e.description, field: e.field.isEmpty ? nil : e.field)
        case let e as ReportingError:
            return ServerError(e.code == "no-layout" ? .notFound : .badRequest, e.code, e.message)
        case let e as ConsolidationError:
            return ServerError(e.message.contains("does not exist") ? .notFound : .unprocessableContent, "consolidation", e.message)
        case let e as MonitoringError:
            return ServerError(e.code == "unknown-indicator" ? .notFound : .badRequest, e.code, e.message)
        case is DecodingError:
            return ServerError(.badRequest, "bad-json", "the request body is not the JSON this route takes: \(error)")
        case let e as HTTPError:
            return ServerError(e.status, "http", e.body ?? e.status.reasonPhrase)
        default:
            return ServerError(.internalServerError, "internal", "\(error)")
        }
    }
}
