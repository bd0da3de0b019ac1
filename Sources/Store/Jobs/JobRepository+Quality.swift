import GRDB

extension JobRepository {
    /// A source's processed jobs that have a quality score, newest first: its trend.
    public func scoredJobs(source: String, limit: Int) throws -> [JobRecord] {
        try pool.read { db in
            try JobRecord.filter(sql: "source = ? AND quality_score IS NOT NULL", arguments: [source])
                .order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
