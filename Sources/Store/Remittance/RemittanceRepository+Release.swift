import GRDB
import Mapping
import Values

extension RemittanceRepository {
    /// Applies an 835 transaction set that was held because it failed its balance checks, on an operator's
    /// explicit request, in one transaction: the set's held claim rows are removed, `body` applies the set again
    /// through the session (numbering its claim rows after `firstSequence`), and the set is marked `released`.
    ///
    /// - Parameters:
    ///   - jobID: The 835 job.
    ///   - set: The set's ordinal in the file.
    ///   - body: Applies the set; receives the session and the sequence number its first claim row follows.
    /// - Throws: ``StoreError`` when the job has no such set, or the set is not held.
    public func release(jobID: Int64, set: Int, _ body: (LoadSession, Int) throws -> Void) throws {
        try database.write { db in
            guard
                let row = try db.fetchOne(
                    sql: "SELECT state, trace FROM remittances WHERE job_id = ? AND ordinal = ?",
                    arguments: [jobID, set])
            else {
                throw StoreError(.notFound, "job \(jobID) has no 835 transaction set \(set)")
            }
            let state: String = row[0]
            guard state == "held" else {
                throw StoreError(
                    .invalidTransition, "set \(set) of job \(jobID) is \(state), not held: nothing to release")
            }
            let first =
                try db.fetchOne(
                    Int.self, sql: "SELECT MIN(seq) - 1 FROM remittance_claims WHERE job_id = ? AND set_ordinal = ?",
                    arguments: [jobID, set]) ?? 0
            try db.execute(
                sql: "DELETE FROM remittance_claims WHERE job_id = ? AND set_ordinal = ?", arguments: [jobID, set])
            let session = try LoadSession(
                db: db, jobID: jobID, district: "", table: nil, fields: [],
                existing: .update, modified: nil)
            try body(session, first)
            try db.execute(
                sql: "UPDATE remittances SET state = 'released' WHERE job_id = ? AND ordinal = ?",
                arguments: [jobID, set])
            try db.audit(job: jobID, "remittance-released", "set \(set) applied on an operator's request")
        }
    }
}
