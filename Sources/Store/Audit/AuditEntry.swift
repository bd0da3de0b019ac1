import Foundation
import GRDB

/// One line of the audit trail: who did what, when, to which job or target.
public struct AuditEntry: Sendable, Codable, Equatable, FetchableRecord {
    /// Row id, in order of writing.
    public var id: Int64
    /// When it happened.
    public var at: Date
    /// The job concerned, if any.
    public var jobId: Int64?
    /// What happened.
    public var action: String
    /// More about it (ids, counts, rule ids; never personal data).
    public var detail: String
    /// The console user who did it; `nil` for the gateway itself or the CLI.
    public var actor: String?
    /// What it was done to, when not a job.
    public var target: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
