import Foundation
import Store
import Values

/// Measures how many job leases gateways sharing one database take per second: `jobs` staged jobs, then
/// `instances` workers, each with a ledger (a connection pool) of its own, taking every job they can.
///
/// Each worker walks the whole queue from its own starting point, as a gateway's pass does, so workers meet
/// on jobs another already holds (SKIP LOCKED on PostgreSQL, a live lease on either store) and move on.
public enum LeaseBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Codable {
        /// Gateways (workers) taking leases at once.
        public var instances: Int
        /// Jobs leased, each exactly once (checked).
        public var leases: Int
        /// Seconds from the first attempt to the last.
        public var seconds: Double
        /// Leases per second.
        public var leasesPerSecond: Double
    }

    /// Stages `jobs` jobs in `open()`'s database, then times `instances` workers leasing them.
    ///
    /// - Parameter open: opens a ledger on the database under test (called once per worker and once to stage).
    /// - Throws: ``StoreError`` when a job was leased twice or not at all.
    public static func run(jobs: Int, instances: Int, open: @Sendable () throws -> Ledger) throws -> Result {
        let staging = try open()
        let run = UUID().uuidString.prefix(8)
        var ids: [Int64] = []
        for number in 0..<jobs {
            let job = JobRecord(
                source: "lease-bench", originalName: "f\(number)", origin: "bench \(run)",
                sha256: "\(run)-\(number)", size: 0, filePath: "/dev/null")
            if case .created(let created) = try staging.jobs.register(job), let id = created.id { ids.append(id) }
        }
        let ledgers = try (0..<instances).map { _ in try open() }
        let queue = ids
        let counts = Counts()
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: instances) { worker in
            let lease = JobLease(owner: "lease-bench-\(run):\(worker):\(worker)", duration: 300)
            let offset = queue.count * worker / max(instances, 1)
            do {
                for index in 0..<queue.count {
                    let id = queue[(index + offset) % queue.count]
                    if try ledgers[worker].jobs.beginAttempt(jobID: id, lease: lease) != nil { counts.add(id) }
                }
            } catch {
                counts.fail(error)
            }
        }
        let seconds = BenchWorkspace.seconds(since: start)
        if let error = counts.error { throw error }
        let leased = counts.total
        guard leased == queue.count, counts.distinct == queue.count else {
            throw StoreError(
                .invalidTransition, "\(leased) leases taken of \(counts.distinct) jobs for \(queue.count) jobs")
        }
        return Result(
            instances: instances, leases: leased, seconds: seconds, leasesPerSecond: Double(leased) / seconds)
    }

    /// The jobs leased (each must be once), and the first failure.
    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var leased: [Int64] = []
        private(set) var error: (any Error)?

        var total: Int { lock.withLock { leased.count } }
        var distinct: Int { lock.withLock { Set(leased).count } }

        func add(_ job: Int64) { lock.withLock { leased.append(job) } }

        func fail(_ error: any Error) { lock.withLock { self.error = self.error ?? error } }
    }
}
