import GRDB

extension JobRepository {
    /// Records that a job's file now lives at `path` (it was archived from `old`), and so do the files of the
    /// duplicates that named its old place.
    ///
    /// Called once the file is at `path`, so `dropgate job` never names a place where the file is not.
    public func recordArchived(jobID: Int64, from old: String, to path: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE jobs SET file_path = ? WHERE id = ? OR (duplicate_of = ? AND file_path = ?)",
                arguments: [path, jobID, jobID, old])
        }
    }
}
