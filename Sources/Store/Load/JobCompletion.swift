/// How a job ended, written in the same transaction as its rows.
public struct JobCompletion: Sendable {
    /// `done` or `rejected`.
    public var state: JobState
    /// Kind recognised.
    public var kind: String?
    /// Mapping version used.
    public var mappingVersion: Int?
    /// Encoding the file was read with.
    public var encoding: String
    /// Row counts.
    public var counts: LoadCounts
    /// Receipt file written.
    public var receiptPath: String?
    /// Exception report written.
    public var reportPath: String?
    /// Why the file was rejected.
    public var reason: String?
    /// Processing time.
    public var durationMs: Int
    /// The file's data-quality score.
    public var quality: QualityScore?

    /// Creates a completion.
    public init(
        state: JobState, kind: String?, mappingVersion: Int?, encoding: String, counts: LoadCounts,
        receiptPath: String?, reportPath: String?, reason: String?, durationMs: Int, quality: QualityScore? = nil
    ) {
        self.state = state
        self.kind = kind
        self.mappingVersion = mappingVersion
        self.encoding = encoding
        self.counts = counts
        self.receiptPath = receiptPath
        self.reportPath = reportPath
        self.reason = reason
        self.durationMs = durationMs
        self.quality = quality
    }
}
