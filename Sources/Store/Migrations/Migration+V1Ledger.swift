extension Migration {
    /// The job ledger: jobs, their exceptions and the audit trail.
    static let v1Ledger = Migration(
        name: "v1-ledger",
        ledgerTables: ["jobs", "job_exceptions", "audit"],
        sql: """
            CREATE TABLE jobs (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                original_name TEXT NOT NULL,
                origin TEXT NOT NULL,
                origin_cleared INTEGER NOT NULL DEFAULT 0,
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,
                kind TEXT,
                kind_forced INTEGER NOT NULL DEFAULT 0,
                mapping_version INTEGER,
                state TEXT NOT NULL CHECK (state IN
                    ('staged','processing','retry_wait','done','rejected','duplicate','dead')),
                duplicate_of INTEGER REFERENCES jobs(id),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT,
                last_error TEXT,
                encoding TEXT,
                rows_read INTEGER NOT NULL DEFAULT 0,
                inserted INTEGER NOT NULL DEFAULT 0,
                updated INTEGER NOT NULL DEFAULT 0,
                unchanged INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                warnings INTEGER NOT NULL DEFAULT 0,
                file_path TEXT NOT NULL,
                receipt_path TEXT,
                report_path TEXT,
                duration_ms INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            -- Invariant 1: a file is (source, sha256); only one non-duplicate job per identity.
            CREATE UNIQUE INDEX jobs_identity ON jobs(source, sha256) WHERE state <> 'duplicate';
            CREATE INDEX jobs_state ON jobs(state, next_attempt_at);
            CREATE TABLE job_exceptions (
                job_id INTEGER NOT NULL REFERENCES jobs(id),
                row INTEGER NOT NULL,
                column_name TEXT,
                field TEXT,
                rule_id TEXT NOT NULL,
                severity TEXT NOT NULL CHECK (severity IN ('error','warning')),
                message TEXT NOT NULL,
                value TEXT
            ) STRICT;
            CREATE INDEX job_exceptions_job ON job_exceptions(job_id, row);
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                job_id INTEGER REFERENCES jobs(id),
                action TEXT NOT NULL,
                detail TEXT NOT NULL
            ) STRICT;
            """)
}
