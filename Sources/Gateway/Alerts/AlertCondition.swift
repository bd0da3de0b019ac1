/// What opens an alert; the raw value is the name used in `alerts.routes[].conditions` and in alert keys.
public enum AlertCondition: String, Sendable, CaseIterable {
    /// A job was rejected (the file as a whole is unusable); one alert per job, closed once it is requeued.
    case jobRejected = "job-rejected"
    /// A job failed every attempt; one alert per job, closed once it is requeued.
    case jobDead = "job-dead"
    /// A source's login or host key was refused; closes when a poll succeeds again.
    case sourceNeedsOperator = "source-needs-operator"
    /// A source failed `circuit_after` polls in a row; closes when a poll succeeds again.
    case sourceCircuitOpen = "source-circuit-open"
    /// A delivery's login or host key was refused; closes when a delivery succeeds again.
    case deliveryNeedsOperator = "delivery-needs-operator"
    /// A delivery failed `circuit_after` times in a row; closes when a delivery succeeds again.
    case deliveryCircuitOpen = "delivery-circuit-open"
    /// A claim batch has no 999 or TA1 after `aging.acknowledgment_days`; closes when it is acknowledged.
    case acknowledgmentOverdue = "acknowledgment-overdue"
    /// Accepted claims of a batch without payment after `aging.payment_days`; one alert per batch, closed when
    /// none of its claims waits that long any more (paid, denied, or corrected).
    case paymentOverdue = "payment-overdue"
    /// A kind a source's `expect:` schedule names was not received by its deadline; one alert per source, kind
    /// and date, closed when a file of that kind arrives.
    case fileMissing = "file-missing"
    /// The newest processed file of a kind from a source scored below the source's `quality.threshold`; one alert
    /// per job, closed when a newer file of that kind (a replay of this one included) is processed.
    case qualityLow = "quality-low"
    /// The daemon's daily database backup (`backup:`) failed; closes when a backup is taken.
    case backupFailed = "backup-failed"
}
