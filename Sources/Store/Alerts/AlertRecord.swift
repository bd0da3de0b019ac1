import Foundation
import GRDB

/// One episode of an alert condition: opened once when the condition appears, closed once when it is gone.
///
/// Holds ids, kinds, counts, rule ids and hashes only, never personal data.
public struct AlertRecord: Sendable, Codable, Equatable, AutoIncrementedRecord {
    public static let databaseTableName = "alerts"

    /// Whether the condition still holds.
    public enum State: String, Sendable, Codable {
        /// The condition holds.
        case open
        /// The condition is gone.
        case closed
    }

    /// Row id, assigned on insert.
    public var id: Int64?
    /// The condition's stable key (`job-rejected:12`, `source-circuit-open:lincoln-usd`): at most one open alert
    /// per key.
    public var key: String
    /// The condition (`job-rejected`, `job-dead`, `source-needs-operator`, …).
    public var condition: String
    /// The source, delivery or payer it concerns (what routes match on).
    public var source: String
    /// What it is about: a job, source, delivery or batch id.
    public var subject: String
    /// Open or closed.
    public var state: State
    /// When it opened.
    public var openedAt: Date
    /// When it closed.
    public var closedAt: Date?
    /// When the last reminder was queued.
    public var remindedAt: Date?
    /// When a channel last received a notification about it.
    public var lastNotifiedAt: Date?
    /// One line about it: ids, kinds, counts, hashes.
    public var detail: String
    /// The OS user who closed it by hand (`dropgate alerts close`); `nil` when its condition cleared.
    public var closedBy: String? = nil
    /// Why it was closed by hand, as the operator wrote it.
    public var closeReason: String? = nil
    /// Closed by hand while its condition may still hold: no alert opens again for this key until the condition
    /// has cleared (a pass finds it gone) and then appears again.
    public var held = false

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A condition that holds now, as an evaluation pass found it.
public struct AlertCandidate: Sendable, Equatable {
    /// The stable key (see ``AlertRecord/key``).
    public var key: String
    /// The condition.
    public var condition: String
    /// The source, delivery or payer it concerns.
    public var source: String
    /// What it is about.
    public var subject: String
    /// One line about it (no personal data).
    public var detail: String

    /// Creates a candidate keyed `condition:subject`.
    public init(condition: String, source: String, subject: String, detail: String) {
        key = condition + ":" + subject
        self.condition = condition
        self.source = source
        self.subject = subject
        self.detail = detail
    }
}
