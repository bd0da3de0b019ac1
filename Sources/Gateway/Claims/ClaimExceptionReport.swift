import Claims
import Formats
import Mapping
import Transport
import Values

/// The CSV of services a claim build left out, one row per service with the rule and why.
///
/// Opened on the first exclusion (a build that leaves nothing out writes no report) and published
/// atomically. Holds student ids: mode 0640 like every outbox report.
final class ClaimExceptionReport {
    static let header = [
        "district", "student_id", "service_date", "start_time", "rendering_npi", "billing_code", "rule_id", "message",
    ]
    private let path: String
    private let enabled: Bool
    private var writer: AtomicFileWriter?

    init(path: String, enabled: Bool) {
        self.path = path
        self.enabled = enabled
    }

    func append(_ service: ServiceKey, _ exclusion: ClaimExclusion) throws {
        guard enabled else { return }
        if writer == nil {
            try FileSystem.makeDirectories(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            let opened = try AtomicFileWriter(path: path)
            try opened.write(CSVEscaping.line(Self.header))
            writer = opened
        }
        try writer?.write(
            CSVEscaping.line([
                service.district, service.studentID, service.date.description, service.startTime, service.renderingNPI,
                service.billingCode, exclusion.rule.rawValue, exclusion.message,
            ]))
    }

    /// Publishes the report; returns its path, or `nil` when nothing was excluded.
    func commit() throws -> String? {
        guard let writer else { return nil }
        try writer.commit()
        return path
    }
}
