public import Hummingbird
import Foundation
public import Logging

/// The HTTP face: `/healthz`, `/metrics` and the JSON API under `/api/v1`, over the same services as the CLI.
public enum LedgerOpsServer {
    /// The OpenAPI document of `/api/v1`, shipped as a resource.
    public static let openAPI: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "openapi: 3.1.0\n" }
        return text
    }()

    /// The router with every route and the access middleware.
    public static func router(_ env: ServerEnvironment) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.middlewares.add(AccessMiddleware(env: env))
        router.get("healthz") { _, _ -> Response in
            if let reason = env.metrics.unhealthy() {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "unhealthy: \(reason)\n")))
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("metrics") { _, _ -> Response in
            let gauges = try? await env.workflowGauges()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(string: env.metrics.text(workflow: gauges))))
        }
        let api = router.group("api/v1")
        api.get("openapi.yaml") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
        sessionRoutes(api, env)
        administrationRoutes(api, env)
        syncRoutes(api, env)
        bankRoutes(api, env)
        proposalRoutes(api, env)
        monitorRoutes(api, env)
        groupRoutes(api, env)
        adminRoutes(api, env)
        webRoutes(router, env)
        return router
    }

    /// The application on `host:port` (port 0: any free port, reported through `onRunning`).
    public static func application(_ env: ServerEnvironment, host: String, port: Int, logLevel: Logger.Level = .info,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "ledgerops.server")
        logger.logLevel = logLevel
        return Application(router: router(env), configuration: .init(address: .hostname(host, port: port), serverName: "ledgerops"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
