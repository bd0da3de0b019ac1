/// How long the gateway keeps what it no longer needs (`retention:` in dropgate.yaml), in days; `nil` keeps
/// forever. Applied once a day by the daemon and on demand by `dropgate purge`.
///
/// Whatever the age, a purge keeps what a job that is not final, a claim batch that is not acknowledged, or a
/// held 835 set still needs (``RetentionRepository`` states the rule).
public struct RetentionConfig: Sendable, Equatable {
    /// Archived files (`Archive/<source>/…`), by file modification time.
    public var archiveDays: Int?
    /// Staging leftovers no job names (partial copies of dead processes, files of removed sources).
    public var stagingDays: Int?
    /// Receipts and exception reports (`Outbox/<source>/reports/`), by file modification time.
    public var reportsDays: Int?
    /// Exception rows in the database, by the time their job last changed.
    public var exceptionsDays: Int?

    /// A policy; each omitted period keeps forever.
    public init(archiveDays: Int? = nil, stagingDays: Int? = nil, reportsDays: Int? = nil, exceptionsDays: Int? = nil) {
        self.archiveDays = archiveDays
        self.stagingDays = stagingDays
        self.reportsDays = reportsDays
        self.exceptionsDays = exceptionsDays
    }

    /// Whether any period is set.
    public var isEmpty: Bool { archiveDays == nil && stagingDays == nil && reportsDays == nil && exceptionsDays == nil }
}
