import Foundation
import GRDB

extension SQLConnection {
    /// Appends to the audit trail, inside the caller's transaction.
    ///
    /// - Parameters:
    ///   - job: the job concerned, if any.
    ///   - action: what happened (`requeued`, `console-login`, …).
    ///   - detail: more about it (never personal data).
    ///   - actor: the console user who did it; `nil` for the gateway itself or the CLI.
    ///   - target: what it was done to, when not a job (`user NAME`, an address).
    ///   - at: when (default: now).
    func audit(
        job: Int64?, _ action: String, _ detail: String, actor: String? = nil, target: String? = nil, at: Date = Date()
    ) throws {
        try execute(
            sql: "INSERT INTO audit (at, job_id, action, detail, actor, target) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at, job, action, detail, actor, target])
    }
}
