extension Migration {
    /// Alerts closed by an operator: who closed it and why, and whether the key stays quiet until its condition
    /// clears (`held`).
    static let v19AlertClose = Migration(
        name: "v19-alert-close",
        ledgerTables: [],
        sql: """
            ALTER TABLE alerts ADD COLUMN closed_by TEXT;
            ALTER TABLE alerts ADD COLUMN close_reason TEXT;
            ALTER TABLE alerts ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
            """)
}
