import Foundation
import Store

/// What one notification says: the event and the alert, as the webhook's JSON document or an e-mail.
///
/// Only the alert's own fields go out: ids, kinds, counts and hashes, never personal data.
public struct AlertMessage: Sendable, Equatable {
    /// What happened to the alert.
    public var event: AlertNotification.Event
    /// The alert.
    public var alert: AlertRecord
    /// The notification's id: the same for every retry of one notification, so a receiver can drop repeats.
    public var delivery: Int64

    /// The webhook body: `{"alert": {…}, "delivery": 7, "event": "opened"}`, keys sorted, times in ISO 8601 UTC.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            event: event.rawValue, delivery: delivery,
            alert: Document.Alert(
                id: alert.id ?? 0, key: alert.key, condition: alert.condition, source: alert.source,
                subject: alert.subject, state: alert.state.rawValue, openedAt: alert.openedAt,
                closedAt: alert.closedAt, detail: alert.detail))
        return Array((try? encoder.encode(document)) ?? Data())
    }

    /// `[DropGate] opened: job-rejected 12 (lincoln-usd)`.
    public var subject: String {
        "[DropGate] \(event.rawValue): \(alert.condition) \(alert.subject) (\(alert.source))"
    }

    /// The whole e-mail (headers, blank line, plain-text body) with CRLF line ends.
    public func email(from: String, to: [String], now: Date) -> [UInt8] {
        let date = Date.RFC5322.string(now)
        let lines = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(subject)",
            "Date: \(date)",
            "Message-ID: <dropgate-alert-\(alert.id ?? 0)-\(delivery)@dropgate>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "X-DropGate-Alert: \(alert.key)",
            "X-DropGate-Event: \(event.rawValue)",
            "",
            "DropGate alert \(event.rawValue).",
            "",
            "Condition: \(alert.condition)",
            "Key: \(alert.key)",
            "Source: \(alert.source)",
            "Subject: \(alert.subject)",
            "State: \(alert.state.rawValue)",
            "Opened: \(alert.openedAt.formatted(.iso8601))",
            "Closed: \(alert.closedAt.map { $0.formatted(.iso8601) } ?? "-")",
            "Detail: \(alert.detail)",
            "",
            "See `dropgate alerts` on the gateway.",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private struct Document: Encodable {
        struct Alert: Encodable {
            var id: Int64
            var key: String
            var condition: String
            var source: String
            var subject: String
            var state: String
            var openedAt: Date
            var closedAt: Date?
            var detail: String

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(key, forKey: .key)
                try container.encode(condition, forKey: .condition)
                try container.encode(source, forKey: .source)
                try container.encode(subject, forKey: .subject)
                try container.encode(state, forKey: .state)
                try container.encode(openedAt, forKey: .openedAt)
                try container.encode(closedAt, forKey: .closedAt)
                try container.encode(detail, forKey: .detail)
            }

            enum CodingKeys: CodingKey {
                case id, key, condition, source, subject, state, openedAt, closedAt, detail
            }
        }

        var event: String
        var delivery: Int64
        var alert: Alert
    }
}

extension Date {
    /// The `Date:` header format of RFC 5322 §3.3, in UTC.
    enum RFC5322 {
        static func string(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss +0000"
            return formatter.string(from: date)
        }
    }
}
