import Foundation
import Store

/// Renders alerts and their notifications for people (`dropgate alerts`) and scripts (`--json`).
public enum AlertListing {
    /// An alert with the notifications it queued.
    public struct Entry: Sendable, Equatable {
        /// The alert.
        public var alert: AlertRecord
        /// Its notifications, oldest first.
        public var notifications: [AlertNotification]
    }

    /// One line per alert: what, since when, and whether its channels took it.
    public static func table(_ entries: [Entry], empty: String) -> String {
        guard !entries.isEmpty else { return empty }
        let rows = entries.map { entry in
            [
                String(entry.alert.id ?? 0), entry.alert.state.rawValue, entry.alert.condition, entry.alert.source,
                entry.alert.subject, entry.alert.openedAt.formatted(.iso8601),
                closed(entry.alert), notified(entry), entry.alert.detail,
            ]
        }
        return TextTable.render(
            header: ["ID", "STATE", "CONDITION", "SOURCE", "SUBJECT", "OPENED", "CLOSED", "NOTIFIED", "DETAIL"],
            rows: rows)
    }

    /// `-` while open; when it closed, and `by USER` when closed by hand.
    static func closed(_ alert: AlertRecord) -> String {
        guard let closedAt = alert.closedAt else { return "-" }
        return closedAt.formatted(.iso8601) + (alert.closedBy.map { " by \($0)" } ?? "")
    }

    /// `-` (no channel), `pending (N failed: error)`, or when the last notification was taken.
    public static func notified(_ entry: Entry) -> String {
        guard !entry.notifications.isEmpty else { return "-" }
        if let waiting = entry.notifications.first(where: { $0.sentAt == nil }) {
            let failures = waiting.attempts == 0 ? "" : " (\(waiting.attempts) failed: \(waiting.lastError ?? ""))"
            return "pending \(waiting.channel)" + failures
        }
        return entry.alert.lastNotifiedAt?.formatted(.iso8601) ?? "-"
    }

    /// A JSON array of alerts, each with its notifications; keys in snake case, times in ISO 8601.
    public static func json(_ entries: [Entry]) throws -> String {
        struct Item: Encodable {
            var alert: AlertRecord
            var notifications: [AlertNotification]

            func encode(to encoder: any Encoder) throws {
                try alert.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(notifications, forKey: Key(stringValue: "notifications"))
            }

            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let items = entries.map { Item(alert: $0.alert, notifications: $0.notifications) }
        return String(decoding: try encoder.encode(items), as: UTF8.self)
    }
}
