/// Jobs counted by state, with the rows they loaded and rejected (the console's dashboard).
public struct JobSummary: Sendable, Equatable {
    /// Jobs per state; a state with none is absent.
    public var byState: [JobState: Int] = [:]
    /// Rows inserted, updated, unchanged or stale.
    public var rowsLoaded = 0
    /// Rows rejected.
    public var rowsRejected = 0

    /// An empty summary.
    public init() {}
}
