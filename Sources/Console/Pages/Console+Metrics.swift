import Claims
import Foundation
import Gateway
import Hummingbird
import Logging
import Prometheus
import Store

/// `/metrics` in Prometheus's text format: gauges read from the database at each scrape, so every process sharing
/// it (daemon, `serve`, `run --once`, `ingest`) is counted, and a restart loses nothing; only the
/// `work_in_flight_*` gauges come from this process's memory (the work it runs now).
extension Console {
    func metrics(_ request: Request, _ context: ConsoleRequestContext) throws -> Response {
        let registry = PrometheusCollectorRegistry()
        for tally in try gateway.jobTally() {
            let labels = [("source", tally.source), ("kind", tally.kind), ("state", tally.state.rawValue)]
            Self.gauge(registry, "jobs", labels, help: "Jobs by source, kind and state.").set(Int64(tally.jobs))
            for outcome in JobTally.outcomes {
                Self.gauge(
                    registry, "rows", labels + [("outcome", outcome)],
                    help: "Rows read by the jobs of a source, kind and state, by outcome."
                ).set(Int64(tally.rows[outcome] ?? 0))
            }
        }
        for source in gateway.config.sources {
            Self.health(registry, "source", source.id, try gateway.health(of: source.id), failures: "Failed polls")
        }
        for delivery in gateway.config.deliveries {
            let health = try gateway.health(of: "delivery:" + delivery.id)
            Self.health(registry, "delivery", delivery.id, health, failures: "Failed attempts")
        }
        let batches = try gateway.claimBatchCounts()
        for state in BatchState.allCases {
            Self.gauge(registry, "claim_batches", [("state", state.rawValue)], help: "Claim batches by state.")
                .set(Int64(batches[state] ?? 0))
        }
        let snapshot = try gateway.operationsSnapshot(now: now())
        for condition in AlertCondition.allCases.map(\.rawValue) {
            Self.gauge(registry, "alerts_open", [("condition", condition)], help: "Open alerts by condition.")
                .set(Int64(snapshot.openAlerts[condition] ?? 0))
        }
        Self.gauge(
            registry, "oldest_unacknowledged_batch_age_seconds", [],
            help: "Seconds since the oldest claim batch still without a 999 or TA1 was built (0: none waits)."
        ).set(snapshot.oldestUnacknowledgedBatch ?? 0)
        Self.gauge(
            registry, "oldest_unpaid_claim_age_seconds", [],
            help: "Seconds since the oldest accepted claim still without a payment was accepted (0: none waits)."
        ).set(snapshot.oldestUnpaidClaim ?? 0)
        for work in gateway.inFlight.current {
            let progress = work.snapshot()
            let labels = [("work", work.title), ("source", work.source), ("unit", work.unit)]
            Self.gauge(
                registry, "work_in_flight_units", labels,
                help: "Records (or services) done so far by each job or claim build this process is running."
            ).set(progress.units)
            Self.gauge(
                registry, "work_in_flight_bytes", labels,
                help: "Bytes read so far by each job this process is running."
            ).set(progress.bytes)
            Self.gauge(
                registry, "work_in_flight_total_bytes", labels,
                help: "Size of the file each running job reads (0: not known)."
            ).set(progress.totalBytes ?? 0)
            Self.gauge(
                registry, "work_in_flight_seconds", labels,
                help: "Seconds each running job or claim build has run."
            ).set(progress.elapsed)
        }
        let text = registry.emitToString() + Self.durationHistogram(snapshot.durations)
        return Self.body(text, type: "text/plain; version=0.0.4; charset=utf-8", status: .ok)
    }

    /// `dropgate_<kind>_state{<kind>,state}` (1 for the state it is in) and `dropgate_<kind>_consecutive_failures`
    /// of a source or a delivery.
    static func health(
        _ registry: PrometheusCollectorRegistry, _ kind: String, _ id: String, _ health: SourceHealth, failures: String
    ) {
        for state in ["ok", "backoff", "open", "needs-operator"] {
            gauge(
                registry, kind + "_state", [(kind, id), ("state", state)],
                help: "1 for the state a \(kind) is in, 0 for the others."
            ).set(Int64(health.state.rawValue == state ? 1 : 0))
        }
        gauge(
            registry, kind + "_consecutive_failures", [(kind, id)],
            help: "\(failures) of a \(kind) since its last success."
        ).set(Int64(health.consecutiveFailures))
    }

    /// `dropgate_job_duration_seconds`, a histogram by kind of finished jobs' durations, in the text format (its
    /// buckets come counted from the database, not observed by this process).
    static func durationHistogram(_ durations: [OperationsSnapshot.Durations]) -> String {
        guard !durations.isEmpty else { return "" }
        let name = "dropgate_job_duration_seconds"
        var text = "# HELP \(name) How long finished (done or rejected) jobs took, by kind.\n# TYPE \(name) histogram\n"
        let bounds = OperationsSnapshot.durationBounds.map { "\($0)" } + ["+Inf"]
        for entry in durations {
            let kind = entry.kind.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            for (bound, count) in zip(bounds, entry.cumulative) {
                text += "\(name)_bucket{kind=\"\(kind)\",le=\"\(bound)\"} \(count)\n"
            }
            text += "\(name)_sum{kind=\"\(kind)\"} \(entry.sum)\n"
            text += "\(name)_count{kind=\"\(kind)\"} \(entry.cumulative.last ?? 0)\n"
        }
        return text
    }

    /// A gauge `dropgate_<name>` with its labels and help text.
    static func gauge(
        _ registry: PrometheusCollectorRegistry, _ name: String, _ labels: [(String, String)], help: String
    ) -> Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "dropgate", metricName: name, unitName: "", helpText: help),
            labels: labels)
    }
}
