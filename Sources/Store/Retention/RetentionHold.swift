/// Why a purge must keep a job's files and exception rows, whatever their age.
public struct RetentionHold: Sendable, Equatable {
    /// The job whose files are kept.
    public var jobID: Int64
    /// Why, for the operator (`job 4 is retry_wait`, `billed by batch 2 (submitted, not acknowledged)`).
    public var reason: String
    /// The paths the job still needs: its file and, while it runs, its receipt and exception report.
    public var paths: [String]

    /// Creates a hold.
    public init(jobID: Int64, reason: String, paths: [String]) {
        self.jobID = jobID
        self.reason = reason
        self.paths = paths
    }
}
