import Claims
import Foundation
import GRDB

/// One claim file written for a payer, as recorded.
public struct ClaimBatchRecord: Sendable, Codable, Equatable, StoredRecord {
    public static let databaseTableName = "claim_batches"

    /// Batch id.
    public var id: Int64
    /// Payer profile id.
    public var payer: String
    /// `837P` or `ndis`.
    public var format: PayerProfile.ClaimFormat
    /// ISA13/GS06 (837P) or the batch number (NDIS).
    public var interchangeControl: Int64
    /// Path of the file in the outbox.
    public var file: String
    /// `writing`, `awaiting-review`, `built`, `submitted`, `accepted`, `partially-accepted`, `rejected` or
    /// `discarded`.
    public var state: BatchState
    /// Claims in the batch.
    public var claims: Int
    /// Service lines in the batch.
    public var lines: Int
    /// Total charge in cents.
    public var totalCents: Int64
    /// When it was built (ISO 8601, UTC).
    public var createdAt: String
    /// Hex SHA-256 of the file, once written.
    public var sha256: String?
    /// Size of the file, once written.
    public var bytes: Int64?
    /// When a 999/TA1 answered it.
    public var acknowledgedAt: String?
    /// What the acknowledgment said.
    public var acknowledgment: String?
    /// Who released it from review.
    public var releasedBy: String?
    /// When it was released from review (ISO 8601, UTC).
    public var releasedAt: String?
    /// Who discarded it while it awaited review.
    public var discardedBy: String?
    /// When it was discarded (ISO 8601, UTC).
    public var discardedAt: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
