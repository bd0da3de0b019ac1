extension Migration {
    /// Each job's data-quality score (0–100) and its worst rules (`rule:count,…`), kept for a source's trend.
    static let v20QualityScore = Migration(
        name: "v20-quality-score",
        ledgerTables: [],
        sql: """
            ALTER TABLE jobs ADD COLUMN quality_score INTEGER CHECK (quality_score BETWEEN 0 AND 100);
            ALTER TABLE jobs ADD COLUMN quality_rules TEXT;
            CREATE INDEX jobs_source_quality ON jobs(source, id) WHERE quality_score IS NOT NULL;
            """)
}
