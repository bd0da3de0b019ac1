import GRDB

extension JobRepository {
    /// Every job but duplicates, with what identifies its file and where the file is (a restore's recovery).
    public func files() throws -> [JobRecord] {
        try pool.read { db in try JobRecord.filter(sql: "state <> 'duplicate'").order(sql: "id").fetchAll(db) }
    }

    /// The highest job id used (0 for none).
    public func lastID() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM jobs") ?? 0 }
    }
}
