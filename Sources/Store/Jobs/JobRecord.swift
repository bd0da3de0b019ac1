import Foundation
import GRDB

/// One file's passage through the gateway: identity, state and counts.
public struct JobRecord: Sendable, Codable, Equatable, AutoIncrementedRecord {
    public static let databaseTableName = "jobs"

    /// Row id, assigned on insert.
    public var id: Int64?
    /// Source (district or payer) id the file came from.
    public var source: String
    /// The file's name as dropped.
    public var originalName: String
    /// Where the file was taken from (inbox path or remote path), for the after-fetch action.
    public var origin: String
    /// Whether the origin file has been removed (or moved) after staging.
    public var originCleared: Bool
    /// Hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Size in bytes.
    public var size: Int64
    /// Mapping kind, once recognised (or forced with `--kind`).
    public var kind: String?
    /// Whether the kind was forced by the operator rather than recognised.
    public var kindForced: Bool
    /// Mapping version used.
    public var mappingVersion: Int?
    /// Current state.
    public var state: JobState
    /// For duplicates: the job that loaded these bytes.
    public var duplicateOf: Int64?
    /// Processing attempts so far.
    public var attempts: Int
    /// When a `retry_wait` job is due.
    public var nextAttemptAt: Date?
    /// The last failure, for `retry_wait`, `dead` and `rejected`.
    public var lastError: String?
    /// Text encoding the file was read with.
    public var encoding: String?
    /// Data rows read.
    public var rowsRead: Int
    /// Rows inserted.
    public var inserted: Int
    /// Rows that changed an existing record.
    public var updated: Int
    /// Rows identical to the stored record.
    public var unchanged: Int
    /// Rows older than the stored record (the mapping's `modified` field): not loaded.
    public var stale: Int
    /// Rows rejected by an error.
    public var rejected: Int
    /// Warnings reported (rows loaded).
    public var warnings: Int
    /// Where the file's bytes are now (staging, then archive).
    public var filePath: String
    /// Receipt file in the outbox, once written.
    public var receiptPath: String?
    /// Exception report file in the outbox, once written.
    public var reportPath: String?
    /// Processing time of the last attempt, in milliseconds.
    public var durationMs: Int?
    /// The process working on the job (see ``JobLease``), while it is `processing`.
    public var leaseOwner: String?
    /// When that process's lease runs out unless renewed; an expired lease may be taken over.
    public var leaseExpiresAt: Date?
    /// Which load of the file's bytes this job is: 0 for the drop, n for its n-th replay (see
    /// ``JobRepository/replay(jobID:actor:)``). `(source, sha256, generation)` is unique among non-duplicates.
    public var generation: Int
    /// The `done` job this replay loads again and replaces (`nil` for a dropped file).
    public var supersedes: Int64?
    /// The replay that replaced this job, once that replay is done; the job's rows are then the replay's.
    public var supersededBy: Int64?
    /// Rows the superseded job had loaded that this replay no longer produces, removed in its transaction.
    public var removed: Int
    /// The file's data-quality score, 0–100, once processed (``QualityScore``).
    public var qualityScore: Int? = nil
    /// Its worst rules as stored: `rule:count,…` (``QualityScore/storedRules``).
    public var qualityRules: String? = nil
    /// When the job was created.
    public var createdAt: Date
    /// When the job last changed.
    public var updatedAt: Date

    /// Creates a staged job (or a duplicate, when `duplicateOf` is given).
    public init(
        source: String, originalName: String, origin: String, sha256: String, size: Int64, filePath: String,
        kind: String? = nil, state: JobState = .staged, duplicateOf: Int64? = nil, encoding: String? = nil,
        now: Date = Date()
    ) {
        self.source = source
        self.originalName = originalName
        self.origin = origin
        self.originCleared = false
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.kindForced = kind != nil
        self.state = state
        self.duplicateOf = duplicateOf
        self.attempts = 0
        self.encoding = encoding
        self.rowsRead = 0
        self.inserted = 0
        self.updated = 0
        self.unchanged = 0
        self.stale = 0
        self.rejected = 0
        self.warnings = 0
        self.filePath = filePath
        self.generation = 0
        self.removed = 0
        self.createdAt = now
        self.updatedAt = now
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
