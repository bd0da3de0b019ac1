extension Migration {
    /// Replay after a mapping fix: a `done` job's archived file loaded again by a new job that supersedes it.
    ///
    /// A file's identity stays `(source, sha256)`; its jobs are numbered by `generation` (0 for the drop, 1 for
    /// the first replay, …) and the unique index allows one non-duplicate job per generation, so the same bytes
    /// dropped again remain a duplicate of the latest generation. `supersedes` names the replayed job,
    /// `superseded_by` the replay that replaced it once that replay is done; `removed` counts the rows the
    /// superseded job had loaded that the replay no longer produces.
    static let v18JobReplay = Migration(
        name: "v18-job-replay",
        ledgerTables: [],
        sql: """
            ALTER TABLE jobs ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE jobs ADD COLUMN supersedes INTEGER REFERENCES jobs(id);
            ALTER TABLE jobs ADD COLUMN superseded_by INTEGER REFERENCES jobs(id);
            ALTER TABLE jobs ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
            DROP INDEX jobs_identity;
            CREATE UNIQUE INDEX jobs_identity ON jobs(source, sha256, generation) WHERE state <> 'duplicate';
            """)
}
