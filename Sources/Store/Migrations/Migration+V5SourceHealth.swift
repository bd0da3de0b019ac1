extension Migration {
    /// Per source: consecutive failures, backoff and circuit state (SFTP sources).
    static let v5SourceHealth = Migration(
        name: "v5-source-health",
        ledgerTables: ["source_health"],
        sql: """
            CREATE TABLE source_health (
                source TEXT PRIMARY KEY,
                state TEXT NOT NULL CHECK (state IN ('ok', 'backoff', 'open', 'needs-operator')),
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                next_attempt_at TEXT,
                last_success_at TEXT,
                updated_at TEXT NOT NULL
            ) STRICT;
            """)
}
