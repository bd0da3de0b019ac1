import Gateway
import Store

/// Measures a full ingest of a generated XML member batch: streaming parse, validation, load and the
/// reconciliation with the roster.
public enum MemberBatchBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Codable {
        /// Members in the batch.
        public var members: Int
        /// Members loaded.
        public var loaded: Int
        /// File size in bytes.
        public var bytes: Int64
        /// Seconds for the ingest.
        public var seconds: Double
        /// Megabytes (10^6) per second.
        public var megabytesPerSecond: Double
        /// Peak resident set size of the process, MiB.
        public var peakRSSMiB: Double
    }

    /// Generates a roster of `students` and a batch of at least `megabytes` MB under `workDirectory`, loads the
    /// roster, then times the batch's ingest.
    public static func run(megabytes: Int, students: Int, mappings: String, workDirectory: String) throws -> Result {
        let workspace = try BenchWorkspace(folder: workDirectory, mappings: mappings)
        let generator = SampleGenerator(students: students, invalidEvery: 0)
        let rosterPath = workDirectory + "/students.csv"
        let batchPath = workDirectory + "/member_batch.xml"
        try generator.writeRoster(to: rosterPath)
        let members = try generator.writeMemberBatch(bytes: Int64(megabytes) * 1_000_000, to: batchPath)
        _ = try workspace.timedIngest(rosterPath)
        let (job, seconds) = try workspace.timedIngest(batchPath)
        return Result(
            members: members, loaded: job.inserted + job.updated + job.unchanged, bytes: job.size, seconds: seconds,
            megabytesPerSecond: Double(job.size) / 1e6 / seconds, peakRSSMiB: BenchWorkspace.peakRSSMiB())
    }
}
