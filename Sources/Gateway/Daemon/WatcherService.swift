import Logging
import ServiceLifecycle

/// The daemon: polls every source, runs jobs, sleeps, until SIGTERM or SIGINT.
///
/// Each pass runs on a thread of its own (``Gateway/pass(waitForSettling:)``), never on the cooperative pool; the
/// pause between passes is a `Task.sleep` that a shutdown cuts short.
///
/// On a shutdown signal the job in progress finishes its transaction (it is never cut in half), no
/// further job starts, and the service returns.
///
/// It says so at the default log level (`notice`): one line when it starts (configuration file, database, source
/// ids, poll interval, the console's configured address), one every `progress_interval` for each long job, and
/// one when it stops; nothing personal.
public struct WatcherService: Service {
    let gateway: Gateway
    let logger: Logger

    /// Creates the service.
    public init(gateway: Gateway, logger: Logger) {
        self.gateway = gateway
        self.logger = logger
    }

    public func run() async throws {
        let config = gateway.config
        logger.notice(
            "dropgate started",
            metadata: [
                "config": "\(config.file)", "database": "\(config.paths.database)",
                "sources": "\(config.sources.map(\.id).joined(separator: ","))", "poll_s": "\(config.pollInterval)",
                "http.listen": "\(config.http.host):\(config.http.port)",
            ])
        gateway.heartbeat.beat()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await logProgress() }
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let finished = await gateway.pass()
                if !finished.isEmpty {
                    logger.info("pass finished", metadata: ["jobs": "\(finished.count)"])
                }
                let pause = Duration.milliseconds(Int(gateway.config.pollInterval * 1000))
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            }
            group.cancelAll()
        }
        logger.notice("dropgate stopped")
    }

    /// Every `progress_interval`, one line for each job (or claim build) running longer than that: its id,
    /// counts, rate and share of the file read; no data.
    private func logProgress() async {
        let interval = gateway.config.progressInterval
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            if Task.isCancelled { return }
            for work in gateway.inFlight.current {
                let snapshot = work.snapshot()
                if snapshot.elapsed >= interval { logger.notice("work in progress", metadata: work.metadata(snapshot)) }
            }
        }
    }
}
