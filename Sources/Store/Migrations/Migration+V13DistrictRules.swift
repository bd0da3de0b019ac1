extension Migration {
    /// District data rules: the record's own modification date on attendance (newer wins), the `stale` count
    /// on jobs, and i-Ready growth (gain from the year's first diagnostic, progress toward typical and stretch
    /// growth, with the measures the file carries).
    static let v13DistrictRules = Migration(
        name: "v13-district-rules",
        ledgerTables: [],
        sql: """
            ALTER TABLE jobs ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE attendance ADD COLUMN modified_at TEXT;
            ALTER TABLE iready_diagnostics ADD COLUMN typical_growth INTEGER;
            ALTER TABLE iready_diagnostics ADD COLUMN stretch_growth INTEGER;
            ALTER TABLE iready_diagnostics ADD COLUMN scale_score_gain INTEGER;
            ALTER TABLE iready_diagnostics ADD COLUMN progress_typical INTEGER;
            ALTER TABLE iready_diagnostics ADD COLUMN progress_stretch INTEGER;
            """)
}
