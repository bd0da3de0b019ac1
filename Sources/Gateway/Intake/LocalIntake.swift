import Foundation
import Logging
import Store
import Transport

/// Takes files from local drop folders through ``Intake`` and keeps each folder's health, so a file that cannot
/// be taken (staging full or read-only, an unreadable file) shows in `dropgate sources` with its reason instead
/// of `ok`.
///
/// The file stays in the inbox. A transient failure (disk full) backs off like a remote source (DESIGN §4.6);
/// anything else waits for an operator at the backoff cap. `run --once` always tries.
struct LocalIntake: Sendable {
    let config: GatewayConfig
    let ledger: Ledger
    let intake: Intake
    let logger: Logger

    /// Takes the complete files of a local source unless it is backing off; returns what is left behind.
    ///
    /// - Parameter force: try even while backing off (`run --once`).
    /// - Throws: the folder's own errors (after recording them in the source's health).
    func collect(_ files: some FileSource, source: SourceConfig, force: Bool, now: Date = Date()) throws
        -> IntakeOutcome
    {
        var health = try ledger.sources.health(of: source.id)
        if !force, let next = health.nextAttemptAt, next > now { return IntakeOutcome() }
        let breaker = CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger)
        var failure: (any Error)?
        let outcome: IntakeOutcome
        do {
            outcome = try intake.collect(files, source: source) { failure = failure ?? $0 }
        } catch {
            try breaker.failed(error, health: &health, circuitAfter: .max, now: now)
            throw error
        }
        if let failure {
            try breaker.failed(failure, health: &health, circuitAfter: .max, now: now)
        } else if health.state != .ok || health.consecutiveFailures > 0 {
            try breaker.succeeded(source.id, previous: health, now: now)
        }
        return outcome
    }
}
