extension Migration {
    /// Files a source leaves in place once taken (SFTP `after_fetch: leave`), so they are not taken again.
    static let v9SeenFiles = Migration(
        name: "v9-seen-files",
        ledgerTables: ["seen_files"],
        sql: """
            CREATE TABLE seen_files (
                source TEXT NOT NULL,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                modified INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                seen_at TEXT NOT NULL,
                PRIMARY KEY (source, name)
            ) STRICT, WITHOUT ROWID;
            """)
}
