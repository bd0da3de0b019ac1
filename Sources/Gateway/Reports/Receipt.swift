import Foundation
import Store

/// The per-job receipt written to `Outbox/<source>/reports/` (JSON).
///
/// `rows_read == inserted + updated + unchanged + stale + rejected`, always.
public struct Receipt: Sendable, Codable, Equatable {
    /// Job id in the ledger.
    public var jobId: Int64
    /// Source (district) id.
    public var source: String
    /// File name as dropped.
    public var file: String
    /// `done`, `rejected` or `duplicate`.
    public var state: String
    /// Mapping kind, when recognised.
    public var kind: String?
    /// Mapping version used.
    public var mappingVersion: Int?
    /// Hex SHA-256 of the file.
    public var sha256: String
    /// Size in bytes.
    public var size: Int64
    /// Encoding the text was read with (`utf-8` or `windows-1252`).
    public var encoding: String?
    /// Data rows read.
    public var rowsRead: Int
    /// New records.
    public var inserted: Int
    /// Changed records.
    public var updated: Int
    /// Identical records.
    public var unchanged: Int
    /// Rows older than the stored record (the mapping's `modified` field): not loaded, not rejected.
    public var stale: Int
    /// Rows not loaded.
    public var rejected: Int
    /// Warnings reported on loaded rows.
    public var warnings: Int
    /// Header columns no field reads.
    public var ignoredColumns: [String]
    /// Exception report file name (beside the receipt).
    public var exceptionReport: String?
    /// Why the file was rejected.
    public var reason: String?
    /// For duplicates: the job that loaded these bytes.
    public var duplicateOf: Int64?
    /// Processing time in milliseconds.
    public var durationMs: Int
    /// When processing finished (UTC, ISO 8601).
    public var processedAt: String
    /// How the file's kind was recognised: `file name and headers`, or `headers` when its name fits no mapping.
    public var recognisedBy: String? = nil
    /// (Replays) the job this one loaded again and replaced.
    public var supersedes: Int64? = nil
    /// (Replays) rows the superseded job had loaded that this replay no longer produces (removed, or kept and
    /// reported when billed).
    public var removed: Int? = nil
    /// The replay that replaced this job; its rows are the replay's from then on.
    public var supersededBy: Int64? = nil
    /// The file's data-quality score with its worst rules (not on a duplicate's receipt); see the README.
    public var quality: QualityScore? = nil

    /// JSON with sorted keys and snake_case names, one key per line.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a receipt back.
    public static func decode(_ data: Data) throws -> Receipt {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Receipt.self, from: data)
    }

    /// Current time as ISO 8601 UTC.
    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601)
    }
}
