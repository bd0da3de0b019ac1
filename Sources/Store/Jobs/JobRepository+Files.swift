import GRDB

extension JobRepository {
    /// Every job but duplicates, with what identifies its file and where the file is (a restore's recovery).
    public func files() throws -> [JobRecord] {
        try database.read { db in try db.fetchAll(JobRecord.self, where: "state <> 'duplicate'", orderBy: "id") }
    }

    /// The highest job id used (0 for none).
    public func lastID() throws -> Int64 {
        try database.read { db in try db.fetchOne(Int64.self, sql: "SELECT max(id) FROM jobs") ?? 0 }
    }
}
