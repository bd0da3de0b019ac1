import GRDB
import Mapping

/// A row-level (or file-level, `row` 0) problem recorded for a job.
public struct ExceptionRecord: Sendable, Codable, Equatable, FetchableRecord {
    public static let databaseTableName = "job_exceptions"

    /// The job.
    public var jobId: Int64
    /// Line where the record starts (header = 1); 0 for the file as a whole.
    public var row: Int
    /// Header name of the column.
    public var columnName: String?
    /// Mapping field.
    public var field: String?
    /// Stable rule id.
    public var ruleId: String
    /// `error` or `warning`.
    public var severity: String
    /// What is wrong.
    public var message: String
    /// Offending value (reports only; never logged).
    public var value: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    /// Creates a record from a validation issue.
    public init(jobId: Int64, issue: RowIssue) {
        self.jobId = jobId
        self.row = issue.line
        self.columnName = issue.column
        self.field = issue.field
        self.ruleId = issue.rule
        self.severity = issue.severity.rawValue
        self.message = issue.message
        self.value = issue.value
    }
}
