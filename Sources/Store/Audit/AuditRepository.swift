import Foundation
import GRDB

/// The audit trail: every state change the gateway makes and every console login and action.
public struct AuditRepository: Sendable {
    let database: any SQLDatabase

    /// Records an action in a transaction of its own.
    ///
    /// - Parameters:
    ///   - action: what happened (`console-login`, `console-login-refused`, …).
    ///   - detail: more about it (never personal data).
    ///   - actor: who did it.
    ///   - target: what it was done to (an address, a user, a job).
    ///   - job: the job concerned, if any.
    ///   - at: when (default: now).
    public func record(
        _ action: String, detail: String, actor: String?, target: String?, job: Int64? = nil, at: Date = Date()
    ) throws {
        try database.write { db in try db.audit(job: job, action, detail, actor: actor, target: target, at: at) }
    }

    /// Entries, newest first, from `offset`.
    public func entries(offset: Int, limit: Int) throws -> [AuditEntry] {
        try database.read { db in
            try db.fetchAll(
                AuditEntry.self, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: [limit, offset])
        }
    }

    /// When `action` was last recorded, or `nil` when never.
    public func lastRecorded(_ action: String) throws -> Date? {
        try database.read { db in
            try db.fetchOne(
                Date.self, sql: "SELECT at FROM audit WHERE action = ? ORDER BY id DESC LIMIT 1", arguments: [action])
        }
    }

    /// How many entries the trail holds.
    public func count() throws -> Int {
        try database.read { db in try db.fetchOne(Int.self, sql: "SELECT count(*) FROM audit") ?? 0 }
    }
}
