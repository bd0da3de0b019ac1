import Gateway
import Store

/// Measures a full ingest (stage, hash, recognise, validate, load, report) of a generated attendance file.
public enum IngestBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Codable {
        /// Data rows in the file.
        public var rows: Int
        /// Rows loaded.
        public var loaded: Int
        /// Rows rejected (must equal the generator's invalid rows).
        public var rejected: Int
        /// Rows the generator made invalid.
        public var expectedRejected: Int
        /// File size in bytes.
        public var bytes: Int64
        /// Seconds for the ingest alone.
        public var seconds: Double
        /// Rows per second.
        public var rowsPerSecond: Double
        /// Megabytes (10^6) per second.
        public var megabytesPerSecond: Double
        /// Peak resident set size of the process, MiB.
        public var peakRSSMiB: Double

        /// Whether the ingest found exactly the rows made invalid.
        public var isExact: Bool { rejected == expectedRejected && loaded + rejected == rows }
    }

    /// The files a prepared ingest benchmark consists of.
    public struct Prepared: Sendable {
        /// The attendance file to time.
        public var attendance: String
        /// What its ingest must find.
        public var expectation: SampleGenerator.Expectation
    }

    /// Generates a roster and an attendance file of `rows` rows under `workDirectory`, loads the roster, then
    /// times the attendance ingest.
    ///
    /// - Parameters:
    ///   - rows: attendance rows.
    ///   - invalidEvery: every n-th row is invalid.
    ///   - wide: the 15-column export shape (``SampleGenerator/writeWideAttendance(rows:to:)``) instead of
    ///     the narrow 8-column one.
    ///   - mappings: the mappings folder (the shipped `Mappings/`).
    ///   - workDirectory: an empty scratch folder.
    ///   - database: an empty PostgreSQL database's URL (password in
    ///     ``BenchDatabase/passwordVariable``); `nil`: a scratch SQLite file.
    public static func run(
        rows: Int, invalidEvery: Int, wide: Bool = false, mappings: String, workDirectory: String,
        database: String? = nil
    ) throws -> Result {
        let workspace = try BenchWorkspace(folder: workDirectory, mappings: mappings, database: database)
        let prepared = try prepare(
            workspace, rows: rows, invalidEvery: invalidEvery, wide: wide, workDirectory: workDirectory)
        let (job, seconds) = try workspace.timedIngest(prepared.attendance)
        return Result(
            rows: job.rowsRead, loaded: job.inserted + job.updated + job.unchanged, rejected: job.rejected,
            expectedRejected: prepared.expectation.invalid, bytes: job.size, seconds: seconds,
            rowsPerSecond: Double(job.rowsRead) / seconds, megabytesPerSecond: Double(job.size) / 1e6 / seconds,
            peakRSSMiB: BenchWorkspace.peakRSSMiB())
    }

    /// Generates the files and loads the roster, leaving a gateway in `workDirectory` that `dropgate --config
    /// workDirectory/dropgate.yaml ingest attendance.csv --source bench-usd` can time as a whole process
    /// (side by side with a peer tool, by `scripts/bench-peers`).
    public static func prepare(
        rows: Int, invalidEvery: Int, wide: Bool, mappings: String, workDirectory: String
    ) throws -> Prepared {
        let workspace = try BenchWorkspace(folder: workDirectory, mappings: mappings)
        let prepared = try prepare(
            workspace, rows: rows, invalidEvery: invalidEvery, wide: wide, workDirectory: workDirectory)
        try workspace.writeConfiguration()
        return prepared
    }

    private static func prepare(
        _ workspace: BenchWorkspace, rows: Int, invalidEvery: Int, wide: Bool, workDirectory: String
    ) throws -> Prepared {
        let generator = SampleGenerator(students: max(1, rows / 180), invalidEvery: invalidEvery)
        let rosterPath = workDirectory + "/students.csv"
        let attendancePath = workDirectory + "/attendance.csv"
        try generator.writeRoster(to: rosterPath)
        let expectation =
            wide
            ? try generator.writeWideAttendance(rows: rows, to: attendancePath)
            : try generator.writeAttendance(rows: rows, to: attendancePath)
        _ = try workspace.timedIngest(rosterPath)
        return Prepared(attendance: attendancePath, expectation: expectation)
    }
}
