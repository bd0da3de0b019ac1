import GRDB

extension JobRepository {
    /// A source's processed jobs that have a quality score, newest first: its trend.
    public func scoredJobs(source: String, limit: Int) throws -> [JobRecord] {
        try database.read { db in
            try db.fetchAll(
                JobRecord.self, where: "source = ? AND quality_score IS NOT NULL", arguments: [source],
                orderBy: "id DESC", limit: limit)
        }
    }
}
