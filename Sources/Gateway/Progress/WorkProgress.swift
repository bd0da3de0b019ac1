import Synchronization

/// How far one long piece of work has come (a job's rows and bytes, a claim build's services), counted by the
/// threads doing it and read by whoever shows it: a terminal's progress line, the daemon's progress log,
/// `/metrics` and the console. It carries ids and counts only, never data.
public final class WorkProgress: Sendable {
    /// What the work is, e.g. `job 12` or `claims build lea-bop`.
    public let title: String
    /// The job, for a job's work.
    public let jobID: Int64?
    /// The job's source, or the payer of a claim build.
    public let source: String
    /// What ``units`` counts: `rows`, `claims`, `services`.
    public let unit: String
    /// The bytes the work reads in all, when known (a job's file size).
    public let totalBytes: Int64?
    /// When it started.
    public let started: ContinuousClock.Instant
    private let unitCount = Atomic<Int64>(0)
    private let byteCount = Atomic<Int64>(0)

    /// Starts counting.
    public init(title: String, jobID: Int64? = nil, source: String, unit: String, totalBytes: Int64? = nil) {
        self.title = title
        self.jobID = jobID
        self.source = source
        self.unit = unit
        self.totalBytes = totalBytes
        started = .now
    }

    /// Units done so far.
    public var units: Int64 { unitCount.load(ordering: .relaxed) }

    /// Bytes read so far.
    public var bytes: Int64 { byteCount.load(ordering: .relaxed) }

    /// Counts `count` more units done.
    public func advance(_ count: Int) { unitCount.add(Int64(count), ordering: .relaxed) }

    /// Counts `count` more bytes read.
    public func read(_ count: Int) { byteCount.add(Int64(count), ordering: .relaxed) }

    /// The counts as they are now, with rates and the time left.
    public func snapshot(at now: ContinuousClock.Instant = .now) -> Snapshot {
        Snapshot(
            units: units, bytes: bytes, totalBytes: totalBytes, elapsed: Self.seconds(now - started))
    }

    /// Counts at one moment, with what follows from them.
    public struct Snapshot: Sendable, Equatable {
        /// Units done.
        public var units: Int64
        /// Bytes read.
        public var bytes: Int64
        /// Bytes to read in all, when known.
        public var totalBytes: Int64?
        /// Seconds since the work started.
        public var elapsed: Double

        /// Units per second since the start (0 in the first instant).
        public var rate: Double { elapsed > 0 ? Double(units) / elapsed : 0 }

        /// The share of the bytes read, 0…1, when the total is known.
        public var fraction: Double? {
            guard let totalBytes, totalBytes > 0 else { return nil }
            return min(1, Double(bytes) / Double(totalBytes))
        }

        /// Seconds left at the byte rate so far, when the total is known and some bytes were read.
        public var secondsLeft: Double? {
            guard let totalBytes, bytes > 0, elapsed > 0 else { return nil }
            return Double(max(0, totalBytes - bytes)) / (Double(bytes) / elapsed)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
