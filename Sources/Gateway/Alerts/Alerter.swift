import Foundation
import Logging
import Store
import Values

/// Opens and closes alerts from the ledger's state, then sends what they owe their channels; run at the end of
/// every pass (the daemon's and `run --once`).
///
/// Each condition holding now is an ``AlertCandidate`` with a stable key; the ledger opens an alert once per key
/// and closes it once the condition is gone (``AlertRepository/reconcile(_:channels:remindEvery:now:)``), queuing
/// one notification per routed channel. A notification that fails stays queued and is retried with the retry
/// policy's backoff (never given up); the alert's own state does not depend on it.
struct Alerter: Sendable {
    let config: GatewayConfig
    let ledger: Ledger
    let logger: Logger
    /// Sends one message through one channel (``AlertSender/send(_:_:)``; tests pass a fake).
    let send: @Sendable (AlertsConfig.Channel, AlertMessage) throws -> Void
    /// A random value in `0..<1` for the backoff's jitter (injectable for tests).
    var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// How the last daily backup went.
    var backup = BackupStatus()

    /// Evaluates the conditions, then sends the notifications that are due; failures are logged, never thrown.
    func run(now: Date = Date()) {
        do {
            let changes = try ledger.alerts.reconcile(
                try candidates(now: now),
                channels: { config.alerts.channels(condition: $0.condition, source: $0.source) },
                remindEvery: config.alerts.remindEvery, now: now)
            for alert in changes.opened { log("alert opened", alert) }
            for alert in changes.closed { log("alert closed", alert) }
        } catch {
            logger.error("cannot evaluate alerts", metadata: ["error": "\(LogSafe.describe(error))"])
        }
        notify(now: now)
    }

    /// Every alert condition holding now.
    func candidates(now: Date) throws -> [AlertCandidate] {
        var candidates: [AlertCandidate] = []
        for job in try ledger.alerts.failedJobs() {
            let condition: AlertCondition = job.state == .dead ? .jobDead : .jobRejected
            let attempts = job.attempts == 1 ? "1 attempt" : "\(job.attempts) attempts"
            candidates.append(
                AlertCandidate(
                    condition: condition.rawValue, source: job.source, subject: String(job.id),
                    detail: "job \(job.id) \(job.state.rawValue): kind \(job.kind ?? "unrecognised"), "
                        + "sha256 \(job.sha256.prefix(12)), \(attempts); see `dropgate job \(job.id)`"))
        }
        let sources = Set(config.sources.map(\.id))
        let deliveries = Set(config.deliveries.map(\.id))
        for health in try ledger.sources.allHealth() where health.state == .open || health.state == .needsOperator {
            let isDelivery = health.source.hasPrefix("delivery:")
            let id = isDelivery ? String(health.source.dropFirst("delivery:".count)) : health.source
            guard isDelivery ? deliveries.contains(id) : sources.contains(id) else { continue }
            let condition: AlertCondition =
                switch (isDelivery, health.state == .open) {
                case (false, false): .sourceNeedsOperator
                case (false, true): .sourceCircuitOpen
                case (true, false): .deliveryNeedsOperator
                case (true, true): .deliveryCircuitOpen
                }
            let failures = health.consecutiveFailures == 1 ? "1 failure" : "\(health.consecutiveFailures) failures"
            candidates.append(
                AlertCandidate(
                    condition: condition.rawValue, source: id, subject: id,
                    detail: "\(isDelivery ? "delivery" : "source") \(id) \(health.state.rawValue) after \(failures); "
                        + "see `dropgate sources`"))
        }
        for batch in try ledger.alerts.unacknowledgedBatches(days: config.acknowledgmentDays, now: now) {
            candidates.append(
                AlertCandidate(
                    condition: AlertCondition.acknowledgmentOverdue.rawValue, source: batch.payer,
                    subject: String(batch.id),
                    detail: "batch \(batch.id) to \(batch.payer): \(batch.claims) claims, no 999 or TA1 after "
                        + "\(batch.days) days (aging.acknowledgment_days \(config.acknowledgmentDays))"))
        }
        for batch in try ledger.alerts.unpaidBatches(days: config.paymentDays, now: now) {
            candidates.append(
                AlertCandidate(
                    condition: AlertCondition.paymentOverdue.rawValue, source: batch.payer, subject: String(batch.id),
                    detail: "batch \(batch.id) to \(batch.payer): \(batch.claims) accepted claims without payment, the "
                        + "oldest for \(batch.days) days (aging.payment_days \(config.paymentDays)); see `dropgate claims aging`"
                ))
        }
        let open = Set(try ledger.alerts.alerts(openOnly: true).map(\.key))
        candidates += try missingFiles(now: now, open: open)
        for job in try ledger.alerts.latestScores() {
            guard let threshold = config.source(job.source)?.qualityThreshold, job.quality.score < threshold else {
                continue
            }
            let worst = job.quality.worstRules.map { "\($0.rule) \($0.count)" }.joined(separator: ", ")
            candidates.append(
                AlertCandidate(
                    condition: AlertCondition.qualityLow.rawValue, source: job.source, subject: String(job.id),
                    detail: "job \(job.id) \(job.kind): quality score \(job.quality.score) below \(threshold); "
                        + "worst rules: \(worst.isEmpty ? "none" : worst); see `dropgate quality \(job.source)`"))
        }
        if let reason = backup.lastFailure, let folder = config.backup?.folder {
            candidates.append(
                AlertCandidate(
                    condition: AlertCondition.backupFailed.rawValue, source: "", subject: "database",
                    detail: "the daily database backup into \(folder) failed: \(reason); retried every pass, "
                        + "see `dropgate backup --help`"))
        }
        return candidates
    }

    /// Sends every due notification, oldest first. After a failure, the rest of that channel waits for a later
    /// pass (a channel that is down costs one time-out per pass, not one per notification).
    func notify(now: Date) {
        let due: [(notification: AlertNotification, alert: AlertRecord)]
        do {
            due = try ledger.alerts.due(now: now)
        } catch {
            logger.error("cannot read alert notifications", metadata: ["error": "\(LogSafe.describe(error))"])
            return
        }
        var down = Set<String>()
        for (notification, alert) in due where !down.contains(notification.channel) {
            guard let id = notification.id else { continue }
            do {
                guard let channel = config.alerts.channel(notification.channel) else {
                    throw GatewayError(
                        .invalidConfiguration, "alert channel \(notification.channel) is no longer configured")
                }
                try send(channel, AlertMessage(event: notification.event, alert: alert, delivery: id))
                try ledger.alerts.markSent(notification, now: Date())
            } catch {
                down.insert(notification.channel)
                // The alert code's own messages name a channel and a variable or file, never a secret.
                let reason = (error as? GatewayError)?.message ?? LogSafe.describe(error)
                let attempt = notification.attempts + 1
                let delay = config.retry.ceiling(afterAttempt: attempt) * jitter()
                try? ledger.alerts.markFailed(notification, error: reason, retryAt: now.addingTimeInterval(delay))
                logger.warning(
                    "alert notification failed; retried later",
                    metadata: [
                        "alert.key": "\(alert.key)", "alert.channel": "\(notification.channel)",
                        "alert.attempt": "\(attempt)", "error": "\(reason)",
                    ])
            }
        }
    }

    private func log(_ message: Logger.Message, _ alert: AlertRecord) {
        logger.info(
            message,
            metadata: [
                "alert.key": "\(alert.key)", "alert.condition": "\(alert.condition)", "source.id": "\(alert.source)",
            ])
    }
}
