import Formats
import Foundation
import Store

/// Renders jobs for people (aligned tables, detail blocks) and for scripts (JSON).
public enum JobListing {
    /// One line per job under a header.
    public static func table(_ jobs: [JobRecord], empty: String) -> String {
        guard !jobs.isEmpty else { return empty }
        let header = [
            "ID", "SOURCE", "KIND", "STATE", "READ", "INS", "UPD", "SAME", "STALE", "REJ", "WARN", "TRIES", "FILE",
        ]
        let rows = jobs.map { job in
            [
                String(job.id ?? 0), job.source, job.kind ?? "-", job.state.rawValue, String(job.rowsRead),
                String(job.inserted), String(job.updated), String(job.unchanged), String(job.stale),
                String(job.rejected), String(job.warnings), String(job.attempts), job.originalName,
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }

    /// Every fact about one job, a line each.
    public static func detail(_ job: JobRecord) -> String {
        var lines: [(String, String)] = [
            ("job", String(job.id ?? 0)), ("source", job.source), ("file", job.originalName),
            ("kind", job.kind ?? "-"), ("state", job.state.rawValue), ("sha256", job.sha256),
            ("size", "\(job.size) bytes"), ("encoding", job.encoding ?? "-"), ("attempts", String(job.attempts)),
            ("rows read", String(job.rowsRead)), ("inserted", String(job.inserted)), ("updated", String(job.updated)),
            ("unchanged", String(job.unchanged)), ("stale", String(job.stale)),
            ("rejected", String(job.rejected)),
            ("warnings", String(job.warnings)),
        ]
        if let duplicateOf = job.duplicateOf { lines.append(("duplicate of", "job \(duplicateOf)")) }
        if let supersedes = job.supersedes {
            lines.append(("replays", "job \(supersedes) (generation \(job.generation))"))
            lines.append(("removed", String(job.removed)))
        }
        if let replay = job.supersededBy { lines.append(("superseded by", "job \(replay)")) }
        if let next = job.nextAttemptAt { lines.append(("next attempt", next.formatted(.iso8601))) }
        if let error = job.lastError { lines.append(("reason", error)) }
        if let receipt = job.receiptPath { lines.append(("receipt", receipt)) }
        if let report = job.reportPath { lines.append(("exceptions", report)) }
        lines.append(("file now at", job.filePath))
        if let duration = job.durationMs { lines.append(("duration", "\(duration) ms")) }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + TextTable.escaped($0.1) }
            .joined(separator: "\n")
    }

    /// A JSON array of jobs with snake_case keys.
    public static func json(_ jobs: [JobRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(jobs), as: UTF8.self)
    }
}

/// Renders a job's exceptions.
public enum ExceptionListing {
    /// An aligned table.
    public static func table(_ exceptions: [ExceptionRecord]) -> String {
        guard !exceptions.isEmpty else { return "no exceptions" }
        let rows = exceptions.map { e in
            [String(e.row), e.columnName ?? "", e.ruleId, e.severity, e.message, e.value ?? ""]
        }
        return TextTable.render(header: ["ROW", "COLUMN", "RULE", "SEVERITY", "MESSAGE", "VALUE"], rows: rows)
    }

    /// The same columns as the exception report file.
    public static func csv(_ exceptions: [ExceptionRecord]) -> String {
        var text = CSVEscaping.line(["row", "column", "field", "rule_id", "severity", "message", "value"])
        for e in exceptions {
            text += CSVEscaping.line([
                String(e.row), e.columnName ?? "", e.field ?? "", e.ruleId, e.severity, e.message, e.value ?? "",
            ])
        }
        return text
    }

    /// A JSON array.
    public static func json(_ exceptions: [ExceptionRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(exceptions), as: UTF8.self)
    }
}
