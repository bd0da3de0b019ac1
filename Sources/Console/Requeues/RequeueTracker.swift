import Foundation
import Store
import Synchronization

/// Bulk requeues started from the console and how far each has got, in memory (a restarted console forgets
/// them; every requeue is in the audit trail and each job's own state says how it ended).
public final class RequeueTracker: Sendable {
    /// One bulk requeue: its jobs in order, and each one's result once it has run.
    public struct Run: Sendable {
        /// Who started it.
        public let user: String
        /// When.
        public let startedAt: Date
        /// The jobs, in the order they run.
        public let jobs: [Int64]
        /// Each finished job's state, or why it could not run.
        public var results: [Int64: String] = [:]

        /// Whether every job has run.
        public var isFinished: Bool { results.count == jobs.count }
    }

    private let runs = Mutex<[Int: Run]>([:])
    private let nextID = Atomic<Int>(1)

    /// An empty tracker.
    public init() {}

    /// Records a new run of `jobs` by `user`; returns its id.
    func start(jobs: [Int64], user: String, at date: Date) -> Int {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        runs.withLock { $0[id] = Run(user: user, startedAt: date, jobs: jobs) }
        return id
    }

    /// Records how one job of a run ended.
    func record(run id: Int, job: Int64, result: String) {
        runs.withLock { $0[id]?.results[job] = result }
    }

    /// A run, if it exists.
    func run(_ id: Int) -> Run? { runs.withLock { $0[id] } }
}
