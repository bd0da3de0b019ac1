import Foundation
import GRDB

/// A notification an alert owes one channel: queued when the alert opens, closes or is due a reminder, kept
/// until the channel took it.
public struct AlertNotification: Sendable, Codable, Equatable, AutoIncrementedRecord {
    public static let databaseTableName = "alert_notifications"

    /// What happened to the alert.
    public enum Event: String, Sendable, Codable {
        /// It opened.
        case opened
        /// It closed.
        case closed
        /// It is still open after the reminder interval.
        case reminder
    }

    /// Row id, assigned on insert.
    public var id: Int64?
    /// The alert.
    public var alertId: Int64
    /// What happened.
    public var event: Event
    /// The configured channel's name.
    public var channel: String
    /// When it was queued.
    public var createdAt: Date
    /// Failed attempts so far.
    public var attempts: Int
    /// When it is (next) due.
    public var nextAttemptAt: Date
    /// The last failure (the transport's error text: endpoint and cause, never a secret or body).
    public var lastError: String?
    /// When the channel took it.
    public var sentAt: Date?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
