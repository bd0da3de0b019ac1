/// The jobs of one source, kind and state counted, with the rows they read by outcome (for `/metrics`).
public struct JobTally: Sendable, Equatable {
    /// The source.
    public var source: String
    /// The mapping kind; empty for jobs never recognised.
    public var kind: String
    /// The state.
    public var state: JobState
    /// Jobs.
    public var jobs: Int
    /// Rows by outcome: `inserted`, `updated`, `unchanged`, `stale`, `rejected`.
    public var rows: [String: Int]

    /// A tally.
    public init(source: String, kind: String, state: JobState, jobs: Int, rows: [String: Int]) {
        self.source = source
        self.kind = kind
        self.state = state
        self.jobs = jobs
        self.rows = rows
    }

    /// The row outcomes counted, in the order metrics list them.
    public static let outcomes = ["inserted", "updated", "unchanged", "stale", "rejected"]
}
