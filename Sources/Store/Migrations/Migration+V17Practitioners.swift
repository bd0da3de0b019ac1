extension Migration {
    /// A district's practitioner roster (practitioner roster files): one row per practitioner and license period,
    /// read by the service log's `qualification` rule and by claim builds (payer profile `qualified`).
    static let v17Practitioners = Migration(
        name: "v17-practitioners",
        ledgerTables: [],
        sql: """
            CREATE TABLE practitioners (
                district TEXT NOT NULL,
                npi TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                name TEXT NOT NULL,
                practitioner_type TEXT NOT NULL,
                license TEXT NOT NULL,
                job_id INTEGER NOT NULL,
                last_change INTEGER NOT NULL,
                PRIMARY KEY (district, npi, valid_from)
            ) STRICT, WITHOUT ROWID;
            """)
}
