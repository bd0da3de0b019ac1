import Foundation
import GRDB

extension Database {
    /// Appends to the audit trail, inside the caller's transaction.
    func audit(job: Int64?, _ action: String, _ detail: String) throws {
        try execute(
            sql: "INSERT INTO audit (at, job_id, action, detail) VALUES (?, ?, ?, ?)",
            arguments: [Date(), job, action, detail])
    }
}
