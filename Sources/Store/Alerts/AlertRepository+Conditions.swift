import Foundation
import GRDB

extension AlertRepository {
    /// A job an operator must look at, with what an alert may say about it (no file name, no content).
    public struct FailedJob: Sendable, Equatable {
        /// Job id.
        public var id: Int64
        /// Source id.
        public var source: String
        /// `rejected` or `dead`.
        public var state: JobState
        /// Mapping kind, when recognised.
        public var kind: String?
        /// Hex SHA-256 of the file.
        public var sha256: String
        /// Processing attempts.
        public var attempts: Int
    }

    /// A claim batch sent and not acknowledged (no 999 or TA1) for a number of days.
    public struct UnacknowledgedBatch: Sendable, Equatable {
        /// Batch id.
        public var id: Int64
        /// Payer profile id.
        public var payer: String
        /// Claims in the batch.
        public var claims: Int
        /// Whole days since it was built.
        public var days: Int
    }

    /// A claim batch whose accepted claims have waited for payment for a number of days.
    public struct UnpaidBatch: Sendable, Equatable {
        /// Batch id.
        public var id: Int64
        /// Payer profile id.
        public var payer: String
        /// Its claims accepted and waiting that long.
        public var claims: Int
        /// Whole days the longest of them has waited since it was accepted.
        public var days: Int
    }

    /// Every job now `rejected` or `dead`.
    public func failedJobs() throws -> [FailedJob] {
        try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT id, source, state, kind, sha256, attempts FROM jobs
                    WHERE state IN ('rejected', 'dead') ORDER BY id
                    """
            ).compactMap { row in
                guard let state = JobState(rawValue: row[2]) else { return nil }
                return FailedJob(
                    id: row[0], source: row[1], state: state, kind: row[3], sha256: row[4], attempts: row[5])
            }
        }
    }

    /// Batches built or submitted at least `days` days before `now` with no acknowledgment yet.
    public func unacknowledgedBatches(days: Int, now: Date = Date()) throws -> [UnacknowledgedBatch] {
        let today = Ledger.timestamp(now)
        return try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT id, payer, claims, CAST(trunc(julianday(?) - julianday(created_at)) AS INTEGER) FROM claim_batches
                    WHERE state IN ('built', 'submitted') AND julianday(?) - julianday(created_at) >= ?
                    ORDER BY id
                    """, arguments: [today, today, days]
            ).map { row in UnacknowledgedBatch(id: row[0], payer: row[1], claims: row[2], days: row[3]) }
        }
    }

    /// Batches with claims accepted (by 999 or 277CA) at least `days` days before `now` and not paid yet.
    public func unpaidBatches(days: Int, now: Date = Date()) throws -> [UnpaidBatch] {
        let today = Ledger.timestamp(now)
        return try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT batch_id, payer, COUNT(*), MAX(CAST(trunc(julianday(?) - julianday(status_at)) AS INTEGER))
                    FROM claims
                    WHERE status IN ('accepted', 'accepted-by-payer') AND paid_cents IS NULL
                        AND julianday(?) - julianday(status_at) >= ?
                    GROUP BY batch_id, payer ORDER BY batch_id
                    """, arguments: [today, today, days]
            ).map { row in UnpaidBatch(id: row[0], payer: row[1], claims: row[2], days: row[3]) }
        }
    }

    /// Whether `source` sent a file of `kind` at or after `since`: a job in any state but `duplicate` (the same
    /// bytes again are not a new delivery), and not a replay (an operator's, not the district's).
    public func received(source: String, kind: String, since: Date) throws -> Bool {
        try database.read { db in
            try db.fetchOne(
                Bool.self,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM jobs WHERE source = ? AND kind = ? AND state <> 'duplicate'
                    AND generation = 0 AND created_at >= ?)
                    """, arguments: [source, kind, since]) ?? false
        }
    }

    /// A processed file's score, for the `quality-low` condition.
    public struct ScoredJob: Sendable, Equatable {
        /// Job id.
        public var id: Int64
        /// Source id.
        public var source: String
        /// Mapping kind.
        public var kind: String
        /// Its quality score.
        public var quality: QualityScore
    }

    /// The newest `done` job of each source and kind that has a quality score.
    public func latestScores() throws -> [ScoredJob] {
        try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT id, source, kind, quality_score, quality_rules FROM jobs
                    WHERE id IN (SELECT MAX(id) FROM jobs WHERE state = 'done' AND kind IS NOT NULL
                        GROUP BY source, kind)
                    AND quality_score IS NOT NULL ORDER BY id
                    """
            ).compactMap { row in
                guard let quality = QualityScore(score: row[3], storedRules: row[4]) else { return nil }
                return ScoredJob(id: row[0], source: row[1], kind: row[2], quality: quality)
            }
        }
    }
}
