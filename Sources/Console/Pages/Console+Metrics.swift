import Claims
import Gateway
import Hummingbird
import Logging
import Prometheus
import Store

/// `/metrics` in Prometheus's text format: gauges read from the database at each scrape, so every process sharing
/// it (daemon, `serve`, `run --once`, `ingest`) is counted, and a restart loses nothing.
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
            let health = try gateway.health(of: source.id)
            for state in ["ok", "backoff", "open", "needs-operator"] {
                Self.gauge(
                    registry, "source_state", [("source", source.id), ("state", state)],
                    help: "1 for the state a source is in, 0 for the others."
                ).set(Int64(health.state.rawValue == state ? 1 : 0))
            }
            Self.gauge(
                registry, "source_consecutive_failures", [("source", source.id)],
                help: "Failed polls of a source since its last success."
            ).set(Int64(health.consecutiveFailures))
        }
        let batches = try gateway.claimBatchCounts()
        for state in BatchState.allCases {
            Self.gauge(registry, "claim_batches", [("state", state.rawValue)], help: "Claim batches by state.")
                .set(Int64(batches[state] ?? 0))
        }
        return Self.body(registry.emitToString(), type: "text/plain; version=0.0.4; charset=utf-8", status: .ok)
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
