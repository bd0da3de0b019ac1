import Foundation
import GRDB

/// How a polled source is doing: consecutive failures, backoff and circuit state.
public struct SourceHealth: Sendable, Codable, Equatable, StoredRecord {
    static let primaryKey = ["source"]
    public static let databaseTableName = "source_health"

    /// Circuit state.
    public enum State: String, Sendable, Codable {
        /// The last poll succeeded.
        case ok
        /// Failing; the next poll waits `next_attempt_at` (exponential backoff with jitter).
        case backoff
        /// Failed `circuit_after` times in a row: polled only at the backoff cap.
        case open
        /// Authentication or host key refused: retried only at the cap, an operator must look.
        case needsOperator = "needs-operator"
    }

    /// Source id.
    public var source: String
    /// Circuit state.
    public var state: State
    /// Failures since the last success.
    public var consecutiveFailures: Int
    /// The last failure (codes only, no secrets).
    public var lastError: String?
    /// When the source may be polled again.
    public var nextAttemptAt: Date?
    /// When it last succeeded.
    public var lastSuccessAt: Date?
    /// When this record changed.
    public var updatedAt: Date

    /// A healthy source never polled before.
    public init(source: String, now: Date = Date()) {
        self.source = source
        state = .ok
        consecutiveFailures = 0
        updatedAt = now
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
