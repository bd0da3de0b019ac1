import Foundation
import GRDB

/// What `/metrics` reports beyond job and batch counts, read in one transaction at each scrape.
public struct OperationsSnapshot: Sendable, Equatable {
    /// Finished jobs' durations by kind, as cumulative counts per bucket bound (in seconds, the last `+Inf`).
    public struct Durations: Sendable, Equatable {
        /// The mapping kind.
        public var kind: String
        /// Jobs at or under each bound of ``OperationsSnapshot/durationBounds``, then all of them.
        public var cumulative: [Int]
        /// The sum of their durations, in seconds.
        public var sum: Double
    }

    /// Histogram bucket bounds, in seconds.
    public static let durationBounds: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]

    /// Per kind.
    public var durations: [Durations]
    /// Open alerts by condition.
    public var openAlerts: [String: Int]
    /// Seconds since the oldest claim batch still waiting for its 999 or TA1 was built, if any.
    public var oldestUnacknowledgedBatch: Double?
    /// Seconds since the oldest accepted claim still without a payment was accepted, if any.
    public var oldestUnpaidClaim: Double?
}

extension Ledger {
    /// The figures `/metrics` adds to the counts, as of `now`.
    public func operationsSnapshot(now: Date = Date()) throws -> OperationsSnapshot {
        try database.read { db in
            let bounds = OperationsSnapshot.durationBounds
            let buckets = bounds.map { "SUM(CASE WHEN duration_ms <= \(Int($0 * 1000)) THEN 1 ELSE 0 END)" }.joined(
                separator: ", ")
            let durations = try db.fetchAll(
                sql: """
                    SELECT kind, \(buckets), COUNT(*), SUM(duration_ms) FROM jobs
                    WHERE duration_ms IS NOT NULL AND kind IS NOT NULL AND state IN ('done', 'rejected')
                    GROUP BY kind ORDER BY kind
                    """
            ).map { row in
                OperationsSnapshot.Durations(
                    kind: row[0], cumulative: (1...bounds.count + 1).map { row[$0] as Int? ?? 0 },
                    sum: Double(row[bounds.count + 2] as Int64? ?? 0) / 1000)
            }
            var alerts: [String: Int] = [:]
            for row in try db.fetchAll(
                sql: "SELECT condition, COUNT(*) FROM alerts WHERE state = 'open' GROUP BY condition")
            {
                alerts[row[0]] = row[1]
            }
            func age(_ sql: String) throws -> Double? {
                try db.fetchOne(String.self, sql: sql).flatMap { try? Date($0, strategy: .iso8601) }
                    .map { now.timeIntervalSince($0) }
            }
            return OperationsSnapshot(
                durations: durations, openAlerts: alerts,
                oldestUnacknowledgedBatch: try age(
                    "SELECT MIN(created_at) FROM claim_batches WHERE state IN ('built', 'submitted') AND acknowledged_at IS NULL"
                ),
                oldestUnpaidClaim: try age(
                    "SELECT MIN(status_at) FROM claims WHERE status IN ('accepted', 'accepted-by-payer') AND paid_cents IS NULL"
                ))
        }
    }
}
