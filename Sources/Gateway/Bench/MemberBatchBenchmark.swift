import Foundation
import Logging
import Store
import Transport

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
        var config = GatewayConfig(
            root: workDirectory, sources: [SourceConfig(id: "bench-usd", path: workDirectory + "/Inbox/bench-usd")])
        config.paths.mappings = mappings
        var logger = Logger(label: "dropgate.bench")
        logger.logLevel = .warning
        let gateway = try Gateway(config: config, logger: logger)
        let generator = SampleGenerator(students: students, invalidEvery: 0)
        let rosterPath = workDirectory + "/students.csv"
        let batchPath = workDirectory + "/member_batch.xml"
        try generator.writeRoster(to: rosterPath)
        let members = try generator.writeMemberBatch(bytes: Int64(megabytes) * 1_000_000, to: batchPath)
        _ = try gateway.ingest(path: rosterPath, source: "bench-usd")
        let start = ContinuousClock.now
        let job = try gateway.ingest(path: batchPath, source: "bench-usd")
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(
            members: members, loaded: job.inserted + job.updated + job.unchanged, bytes: job.size, seconds: seconds,
            megabytesPerSecond: Double(job.size) / 1e6 / seconds, peakRSSMiB: IngestBenchmark.peakRSSMiB())
    }
}
