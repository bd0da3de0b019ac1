import Foundation
import Store

/// Renders a source's recent quality scores (`dropgate quality SOURCE`), newest first, for its trend.
public enum QualityListing {
    /// One line per scored job: when, what kind, its counts, score and worst rules.
    public static func table(_ jobs: [JobRecord], empty: String) -> String {
        guard !jobs.isEmpty else { return empty }
        let rows = jobs.map { job in
            let quality = QualityScore(score: job.qualityScore, storedRules: job.qualityRules)
            return [
                String(job.id ?? 0), job.updatedAt.formatted(.iso8601), job.kind ?? "-", job.state.rawValue,
                String(job.rowsRead), String(job.rejected), String(job.warnings),
                quality.map { String($0.score) } ?? "-",
                quality?.worstRules.map { "\($0.rule) \($0.count)" }.joined(separator: ", ") ?? "",
            ]
        }
        return TextTable.render(
            header: ["JOB", "PROCESSED", "KIND", "STATE", "READ", "REJ", "WARN", "SCORE", "WORST RULES"], rows: rows)
    }

    /// A JSON array, one object per scored job: `job_id`, `processed_at`, `kind`, `state`, `rows_read`, `rejected`,
    /// `warnings`, `score`, `worst_rules` (`[{"rule": …, "count": …}]`).
    public static func json(_ jobs: [JobRecord]) throws -> String {
        struct Item: Encodable {
            var jobId: Int64
            var processedAt: Date
            var kind: String?
            var state: String
            var rowsRead: Int
            var rejected: Int
            var warnings: Int
            var score: Int
            var worstRules: [QualityScore.RuleCount]
        }
        let items = jobs.compactMap { job -> Item? in
            guard let quality = QualityScore(score: job.qualityScore, storedRules: job.qualityRules) else { return nil }
            return Item(
                jobId: job.id ?? 0, processedAt: job.updatedAt, kind: job.kind, state: job.state.rawValue,
                rowsRead: job.rowsRead, rejected: job.rejected, warnings: job.warnings, score: quality.score,
                worstRules: quality.worstRules)
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(items), as: UTF8.self)
    }
}
