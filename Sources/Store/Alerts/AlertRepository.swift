import Foundation
import GRDB
import Values

/// Alerts and the notifications they owe their channels.
///
/// ``reconcile(_:channels:remindEvery:now:)`` is the only place alerts open and close: one transaction that
/// compares the conditions holding now with the open alerts, so each condition opens exactly once and closes
/// exactly once, whatever the number of passes in between, and queues its notifications in that same
/// transaction (nothing is lost when a channel is down or the process stops).
public struct AlertRepository: Sendable {
    let database: any SQLDatabase

    /// Opens an alert for each candidate without an open one, closes each open alert whose condition is gone,
    /// and queues a reminder for alerts open longer than `remindEvery` since they opened or were last reminded.
    /// A key held by a hand close (``close(id:reason:actor:channels:now:)``) opens nothing while its candidate is
    /// present; the first evaluation without it releases the hold.
    ///
    /// - Parameters:
    ///   - candidates: every condition holding now (duplicate keys count once).
    ///   - channels: the channels an alert is routed to; a notification is queued for each.
    ///   - remindEvery: seconds between reminders of an open alert; `nil`: none.
    ///   - now: the time recorded.
    /// - Returns: the alerts opened, closed and reminded.
    @discardableResult
    public func reconcile(
        _ candidates: [AlertCandidate], channels: (AlertRecord) -> [String], remindEvery: Double? = nil,
        now: Date = Date()
    ) throws -> AlertChanges {
        try database.write { db in
            var changes = AlertChanges()
            let open = try db.fetchAll(
                AlertRecord.self, where: "state = ?", arguments: [AlertRecord.State.open.rawValue])
            let openKeys = Set(open.map(\.key))
            let held = Set(try db.fetchAll(AlertRecord.self, where: "held = 1").map(\.key))
            var holding = Set<String>()
            for candidate in candidates
            where holding.insert(candidate.key).inserted && !openKeys.contains(candidate.key)
                && !held.contains(candidate.key)
            {
                var alert = AlertRecord(
                    key: candidate.key, condition: candidate.condition, source: candidate.source,
                    subject: candidate.subject, state: .open, openedAt: now, detail: candidate.detail)
                try db.insert(&alert)
                try queue(.opened, for: alert, channels: channels(alert), now: now, db)
                try db.audit(job: nil, "alert-opened", candidate.key)
                changes.opened.append(alert)
            }
            for var alert in open {
                if !holding.contains(alert.key) {
                    alert.state = .closed
                    alert.closedAt = now
                    try db.update(alert)
                    try queue(.closed, for: alert, channels: channels(alert), now: now, db)
                    try db.audit(job: nil, "alert-closed", alert.key)
                    changes.closed.append(alert)
                } else if let remindEvery, now.timeIntervalSince(alert.remindedAt ?? alert.openedAt) >= remindEvery {
                    alert.remindedAt = now
                    try db.update(alert)
                    try queue(.reminder, for: alert, channels: channels(alert), now: now, db)
                    changes.reminded.append(alert)
                }
            }
            for key in held.subtracting(holding) {
                try db.execute(sql: "UPDATE alerts SET held = 0 WHERE key = ? AND held = 1", arguments: [key])
            }
            return changes
        }
    }

    /// Closes an open alert by hand (`dropgate alerts close`), queuing its `closed` notifications and auditing who
    /// did it. The alert is held: while its condition still holds, passes open no new alert for its key; once a
    /// pass finds the condition gone, the hold is released and the next occurrence opens a new alert.
    ///
    /// - Parameters:
    ///   - id: the alert's id.
    ///   - reason: why, as the operator wrote it.
    ///   - actor: who (the OS user).
    ///   - channels: the channels the alert is routed to.
    ///   - now: the time recorded.
    /// - Throws: ``StoreError`` `.notFound` for an unknown id, `.invalidTransition` for an alert already closed.
    @discardableResult
    public func close(
        id: Int64, reason: String?, actor: String, channels: (AlertRecord) -> [String], now: Date = Date()
    ) throws -> AlertRecord {
        try database.write { db in
            guard var alert = try db.fetchOne(AlertRecord.self, key: id) else {
                throw StoreError(.notFound, "no alert \(id)")
            }
            guard alert.state == .open else {
                throw StoreError(.invalidTransition, "alert \(id) is already closed")
            }
            alert.state = .closed
            alert.closedAt = now
            alert.closedBy = actor
            alert.closeReason = reason
            alert.held = true
            try db.update(alert)
            try queue(.closed, for: alert, channels: channels(alert), now: now, db)
            try db.audit(
                job: nil, "alert-closed-by-hand", alert.key + (reason.map { ": " + $0 } ?? ""), actor: actor,
                target: "alert \(id)")
            return alert
        }
    }

    private func queue(
        _ event: AlertNotification.Event, for alert: AlertRecord, channels: [String], now: Date, _ db: any SQLConnection
    ) throws {
        guard let id = alert.id else { return }
        for channel in Set(channels).sorted() {
            var notification = AlertNotification(
                alertId: id, event: event, channel: channel, createdAt: now, attempts: 0, nextAttemptAt: now)
            try db.insert(&notification)
        }
    }

    /// Notifications not yet sent whose time has come, oldest first, each with its alert.
    public func due(now: Date = Date()) throws -> [(notification: AlertNotification, alert: AlertRecord)] {
        try database.read { db in
            let notifications = try db.fetchAll(
                AlertNotification.self, where: "sent_at IS NULL AND next_attempt_at <= ?", arguments: [now],
                orderBy: "id")
            return try notifications.compactMap { notification in
                try db.fetchOne(AlertRecord.self, key: notification.alertId).map { (notification, $0) }
            }
        }
    }

    /// Records that a channel took a notification.
    public func markSent(_ notification: AlertNotification, now: Date = Date()) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE alert_notifications SET sent_at = ?, last_error = NULL WHERE id = ?",
                arguments: [now, notification.id])
            try db.execute(
                sql: "UPDATE alerts SET last_notified_at = ? WHERE id = ?", arguments: [now, notification.alertId])
        }
    }

    /// Records a failed attempt; the notification is due again at `retryAt`. The alert itself is left as it is.
    public func markFailed(_ notification: AlertNotification, error: String, retryAt: Date) throws {
        try database.write { db in
            try db.execute(
                sql:
                    "UPDATE alert_notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [error, retryAt, notification.id])
        }
    }

    /// Alerts, newest first; only open ones when `openOnly`.
    public func alerts(openOnly: Bool = false) throws -> [AlertRecord] {
        try database.read { db in
            try db.fetchAll(
                AlertRecord.self, where: openOnly ? "state = 'open'" : nil, orderBy: "id DESC")
        }
    }

    /// The notifications of an alert, oldest first.
    public func notifications(alert: Int64) throws -> [AlertNotification] {
        try database.read { db in
            try db.fetchAll(AlertNotification.self, where: "alert_id = ?", arguments: [alert], orderBy: "id")
        }
    }
}

/// What ``AlertRepository/reconcile(_:channels:remindEvery:now:)`` changed.
public struct AlertChanges: Sendable, Equatable {
    /// Alerts opened.
    public var opened: [AlertRecord] = []
    /// Alerts closed.
    public var closed: [AlertRecord] = []
    /// Open alerts a reminder was queued for.
    public var reminded: [AlertRecord] = []

    /// Nothing changed.
    public init() {}
}
