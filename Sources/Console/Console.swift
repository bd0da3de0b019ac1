import Foundation
import Gateway
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The operator console: login, roles, server-rendered pages and health endpoints, over a ``Gateway``.
///
/// `dropgate run` serves it beside the watcher in one `ServiceGroup`; `dropgate serve` serves it alone. Pages read
/// through the gateway's queries (never the database directly), check the user's role on the server for every
/// request, escape every value (``HTML``), and page every list (no cap). Logs carry user names, job ids and
/// counts, never a value from a file.
public final class Console: Sendable {
    let gateway: Gateway
    let users: UserFile
    let sessions: SessionStore
    let throttle: LoginThrottle
    let http: HTTPConfig
    let logger: Logger
    let now: @Sendable () -> Date
    /// Whether a pass loop runs beside the console (`dropgate run`), so `/readyz` checks it is alive.
    let passLoop: Bool
    /// Bulk requeues started here and their progress.
    let requeues = RequeueTracker()

    /// A console over `gateway`.
    ///
    /// - Parameters:
    ///   - gateway: what the pages show and act on.
    ///   - users: the users file (read again on every request).
    ///   - logger: where the console logs (no personal data).
    ///   - sessions: where sessions live (memory).
    ///   - throttle: the login throttle.
    ///   - now: the clock (injectable for tests).
    ///   - passLoop: whether the daemon's pass loop runs beside the console (`/readyz` then checks it).
    public init(
        gateway: Gateway, users: UserFile, logger: Logger, sessions: SessionStore = SessionStore(),
        throttle: LoginThrottle = LoginThrottle(), now: @escaping @Sendable () -> Date = { Date() },
        passLoop: Bool = false
    ) {
        self.gateway = gateway
        self.users = users
        self.http = gateway.config.http
        self.logger = logger
        self.sessions = sessions
        self.throttle = throttle
        self.now = now
        self.passLoop = passLoop
    }

    /// Every route of the console.
    public func router() -> Router<ConsoleRequestContext> {
        let router = Router(context: ConsoleRequestContext.self)
        router.get("livez") { _, _ in Self.text("ok\n") }
        router.get("readyz") { _, _ in
            let reasons = self.gateway.readiness(passLoop: self.passLoop, now: self.now())
            return reasons.isEmpty
                ? Self.text("ready\n")
                : Self.text("not ready: \(reasons.joined(separator: "; "))\n", status: .serviceUnavailable)
        }
        router.get("metrics") { request, context in try self.metrics(request, context) }
        router.get("login") { request, _ in self.loginForm(request) }
        router.post("login") { request, context in try await self.login(request, context: context) }
        router.post("logout") { request, context in try await self.logout(request, context: context) }
        router.get("") { request, context in try self.page(request, context, self.dashboard) }
        router.get("jobs") { request, context in try self.page(request, context, self.jobList) }
        router.get("jobs/:id") { request, context in try self.page(request, context, self.jobPage) }
        router.get("jobs/:id/exceptions.csv") { request, context in
            try self.page(request, context) { try self.exceptionDownload($0, $1, $2, csv: true) }
        }
        router.get("jobs/:id/exceptions.json") { request, context in
            try self.page(request, context) { try self.exceptionDownload($0, $1, $2, csv: false) }
        }
        router.post("jobs/:id/requeue") { request, context in
            try await self.action(request, context, self.requeue)
        }
        router.post("jobs/requeue") { request, context in
            try await self.action(request, context, self.requeueSeveral)
        }
        router.get("requeues/:id") { request, context in try self.page(request, context, self.requeuePage) }
        router.get("claims") { request, context in try self.page(request, context, self.claimBatchList) }
        router.get("claims/denials") { request, context in try self.page(request, context, self.denialQueue) }
        router.get("claims/batches/:id") { request, context in try self.page(request, context, self.batchPage) }
        router.get("claims/:id") { request, context in try self.page(request, context, self.claimPage) }
        router.post("claims/:id/replace") { request, context in
            try await self.action(request, context) { request, context, visitor, _ in
                try self.correct(request, context, visitor, void: false)
            }
        }
        router.post("claims/:id/void") { request, context in
            try await self.action(request, context) { request, context, visitor, _ in
                try self.correct(request, context, visitor, void: true)
            }
        }
        router.get("remittances") { request, context in try self.page(request, context, self.remittanceList) }
        router.get("remittances/:id") { request, context in try self.page(request, context, self.remittancePage) }
        router.get("alerts") { request, context in try self.page(request, context, self.alertList) }
        router.get("audit") { request, context in try self.page(request, context, self.auditList) }
        return router
    }

    /// The console as a Hummingbird application listening on `http.listen`, a `Service` for a `ServiceGroup`.
    ///
    /// - Parameter announce: the level of the "console listening" line (address and port actually bound):
    ///   `notice` for `dropgate serve`; the daemon names the configured address in its own start line instead.
    public func application(announce: Logger.Level = .notice) -> some ApplicationProtocol {
        let logger = self.logger
        let http = self.http
        return Application(
            router: router(),
            configuration: .init(address: .hostname(http.host, port: http.port), serverName: "dropgate"),
            onServerRunning: { channel in
                let address = channel.localAddress
                logger.log(
                    level: announce, "console listening",
                    metadata: [
                        "http.address": "\(address?.ipAddress ?? http.host)",
                        "http.port": "\(address?.port ?? http.port)",
                    ])
            },
            logger: logger)
    }

    /// The console beside the daemon's watcher: if it cannot listen (a second daemon on the same configuration
    /// finds the port taken), it logs a warning and the watcher runs on without it until shutdown.
    public func besideWatcher() -> some Service {
        BesideWatcher(application: application(announce: .info), logger: logger)
    }

    private struct BesideWatcher<App: ApplicationProtocol>: Service {
        let application: App
        let logger: Logger

        func run() async throws {
            do {
                try await application.run()
            } catch {
                logger.warning("console not served", metadata: ["error": "\(error)"])
                try? await gracefulShutdown()
            }
        }
    }
}
