import Foundation
import Hummingbird
import Workflow

/// JSON responses and the guards every route starts with.
enum JSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

extension Request {
    /// The JSON body as `T`; a body that is not that JSON is a 400 naming what is wrong.
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        var copy = self
        let buffer = try await copy.collectBody(upTo: 1 << 20)
        do { return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)) } catch let error as DecodingError {
            throw ServerError(.badRequest, "bad-json", "the request body is not the JSON this route takes: \(JSON.describe(error))")
        }
    }
}

extension JSON {
    /// A decoding error in a sentence: the field and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "field '\(key.stringValue)' is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "field '\(path(c))': \(c.debugDescription)"
        case .dataCorrupted(let c): return c.codingPath.isEmpty ? "it does not parse" : "field '\(path(c))': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension AppContext {
    /// The caller, who must hold at least `role`.
    func require(_ role: Role) throws -> Identity {
        guard let identity else { throw ServerError.unauthorized }
        guard identity.user.role >= role else {
            throw ServerError(.forbidden, "forbidden", "\(identity.user.name) is a \(identity.user.role.rawValue); this needs a \(role.rawValue)")
        }
        return identity
    }

    /// A path parameter.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw ServerError(.badRequest, "bad-path", "missing \(name) in the path") }
        return value
    }

    func number(_ name: String) throws -> Int64 {
        guard let n = Int64(try parameter(name)) else { throw ServerError(.notFound, "not-found", "'\(try parameter(name))' is not an id") }
        return n
    }
}

extension ServerEnvironment {
    /// The administrations an identity may see: an accountant their own and their team's, others all of them;
    /// a narrowed token only its list. Nil means every administration.
    func visible(to identity: Identity) async throws -> Set<String>? {
        var allowed: Set<String>? = nil
        if identity.user.role == .accountant {
            let users = try await self.users.users()
            let team = identity.user.team
            let members = Set(users.filter { $0.name == identity.user.name || (team != nil && $0.team == team) }.map(\.name))
            allowed = Set(try await ledger.administrations().filter { $0.responsible.map(members.contains) ?? false }.map(\.id))
        }
        if case .token(let narrowed?) = identity.via { allowed = allowed.map { $0.intersection(narrowed) } ?? narrowed }
        return allowed
    }

    /// Refuses an administration the identity may not see (as if it did not exist, so ids are not probed).
    func check(_ admin: String, for identity: Identity) async throws {
        if let allowed = try await visible(to: identity), !allowed.contains(admin) {
            throw ServerError(.forbidden, "not-yours", "administration \(admin) is not among yours")
        }
    }
}
