import Foundation
import Store

/// Renders sources and their health for people.
public enum SourceListing {
    /// One line per source.
    public static func table(_ sources: [(id: String, kind: String, health: SourceHealth)]) -> String {
        let rows = sources.map { source in
            [
                source.id, source.kind, source.health.state.rawValue, String(source.health.consecutiveFailures),
                source.health.nextAttemptAt?.formatted(.iso8601) ?? "-",
                source.health.lastSuccessAt?.formatted(.iso8601) ?? "-", source.health.lastError ?? "",
            ]
        }
        return TextTable.render(
            header: ["SOURCE", "KIND", "STATE", "FAILURES", "NEXT POLL", "LAST SUCCESS", "LAST ERROR"], rows: rows)
    }
}
