extension Migration {
    /// Which process works on a job, and until when (DESIGN §9): a live lease is never taken over.
    static let v10JobLeases = Migration(
        name: "v10-job-leases",
        ledgerTables: [],
        sql: """
            ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
            ALTER TABLE jobs ADD COLUMN lease_expires_at TEXT;
            """)
}
