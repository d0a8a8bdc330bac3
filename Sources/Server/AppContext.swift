public import Hummingbird
public import Workflow

/// Who is asking: a user signed in by session (whose forms carry its CSRF token) or by API token (optionally
/// narrowed to some administrations).
public struct Identity: Sendable {
    public enum Via: Sendable { case session(csrf: String), token(administrations: Set<String>?) }
    public var user: User
    public var via: Via
}

/// The request context: Hummingbird's, plus the identity and the request id for the logs.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var requestID = ""

    public init(source: Source) { coreContext = .init(source: source) }
}
