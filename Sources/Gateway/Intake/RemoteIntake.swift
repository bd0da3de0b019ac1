import Foundation
import Logging
import SFTP
import Store
import Synchronization
import Transport

/// Polls SFTP sources: one connection per poll, over which ``Intake`` takes the complete files (DESIGN §4.3–4.6).
///
/// A remote file is fetched only once its size and mtime have held across polls for `stable_after` (or its
/// marker exists); its bytes are streamed to staging while hashed; the job is committed; only then is the
/// after-fetch action (move, delete) done. Failures back off per source with full jitter; after
/// `circuit_after` failures in a row the circuit opens and the source is polled at the cap only; refused
/// authentication or host keys wait for an operator (polled at the cap), other sources keep flowing.
final class RemoteIntake: Sendable {
    /// What is remembered between polls.
    struct PollState {
        /// Refused remote names already logged, as `source/name`.
        var refusedNames: Set<String> = []
        /// When each source was last polled.
        var lastPoll: [String: Date] = [:]
    }

    private let config: GatewayConfig
    private let ledger: Ledger
    private let intake: Intake
    private let logger: Logger
    private let environment: [String: String]
    private let state = Mutex(PollState())

    init(config: GatewayConfig, ledger: Ledger, intake: Intake, logger: Logger, environment: [String: String]) {
        self.config = config
        self.intake = intake
        self.ledger = ledger
        self.logger = logger
        self.environment = environment
    }

    /// Polls one SFTP source if it is due; returns how many remote files are still settling or failed.
    ///
    /// - Parameter force: poll even before the source's `poll_interval` has passed (`run --once`); backoff
    ///   and open circuits are still honoured.
    func collect(_ source: SourceConfig, remote: RemoteSourceConfig, force: Bool = false, now: Date = Date()) throws
        -> IntakeOutcome
    {
        var health = try ledger.sources.health(of: source.id)
        if let next = health.nextAttemptAt, next > now { return IntakeOutcome() }
        let due = state.withLock { state in
            if !force, let last = state.lastPoll[source.id], now.timeIntervalSince(last) < remote.pollInterval {
                return false
            }
            state.lastPoll[source.id] = now
            return true
        }
        guard due else { return IntakeOutcome() }
        do {
            let connection = try SFTPConnection.connect(try remote.endpoint(environment: environment), logger: logger)
            defer { connection.close() }
            let files = SFTPFileSource(connection: connection, remote: remote) { self.refuse($0, source: source.id) }
            let outcome = try intake.collect(files, source: source)
            try CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger)
                .succeeded(source.id, previous: health, now: now)
            return outcome
        } catch {
            try CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger)
                .failed(error, health: &health, circuitAfter: remote.circuitAfter, now: now)
            return IntakeOutcome()
        }
    }

    /// Logs a hostile remote name once (by hash: the name itself may carry personal data) and skips it.
    private func refuse(_ name: String, source: String) {
        guard state.withLock({ $0.refusedNames.insert(source + "/" + name).inserted }) else { return }
        logger.error(
            "remote file name refused: contains '/', '..', control characters or is over 255 bytes",
            metadata: ["source.id": "\(source)", "name.hash": "\(name.hashValue & 0xFFFF_FFFF)"])
    }
}
