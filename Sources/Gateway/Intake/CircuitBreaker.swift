import Foundation
import Logging
import SFTP
import Store
import Transport

/// Backoff and circuit state of a polled source or a delivery destination (DESIGN §4.6).
///
/// A transient failure waits a random delay up to `base × factor^(n-1)` (capped); after `circuitAfter` failures
/// in a row the circuit opens and the peer is tried at the cap only; a refused login or host key is not
/// retried blindly: it waits at the cap for an operator. One log line when the state changes.
struct CircuitBreaker {
    let retry: RetryPolicy
    let ledger: Ledger
    let logger: Logger

    /// Records a failure and when to try again.
    func failed(_ error: any Error, health: inout SourceHealth, circuitAfter: Int, now: Date) throws {
        let sftp = error as? SFTPError
        let transient =
            sftp?.isTransient ?? (Ledger.isTransient(error) || (error as? FileSystemError)?.isTransient == true)
        let previous = health.state
        health.consecutiveFailures += 1
        health.lastError = sftp.map { "\($0.code)" } ?? LogSafe.describe(error)
        health.updatedAt = now
        let delay: Double
        if !transient {
            health.state = .needsOperator
            delay = retry.cap
        } else if health.consecutiveFailures >= circuitAfter {
            health.state = .open
            delay = retry.cap
        } else {
            health.state = .backoff
            delay = retry.ceiling(afterAttempt: health.consecutiveFailures) * Double.random(in: 0..<1)
        }
        health.nextAttemptAt = now.addingTimeInterval(delay)
        try ledger.sources.save(health)
        if health.state != previous, health.state != .backoff {
            logger.error(
                "circuit \(health.state == .open ? "opened" : "needs an operator")",
                metadata: ["peer": "\(health.source)", "error": "\(health.lastError ?? "")"])
        } else {
            logger.warning(
                "peer failed; backing off", metadata: ["peer": "\(health.source)", "retry.in_s": "\(Int(delay))"])
        }
    }

    /// Records a success; logs when an open circuit closes.
    func succeeded(_ peer: String, previous: SourceHealth, now: Date) throws {
        if previous.state != .ok { logger.notice("circuit closed", metadata: ["peer": "\(peer)"]) }
        var health = SourceHealth(source: peer, now: now)
        health.lastSuccessAt = now
        try ledger.sources.save(health)
    }
}
