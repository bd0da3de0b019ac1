extension Migration {
    /// The operator console: who did what to which target on the audit trail (logins, requeues from the web).
    static let v15ConsoleAudit = Migration(
        name: "v15-console-audit",
        ledgerTables: [],
        sql: """
            ALTER TABLE audit ADD COLUMN actor TEXT;
            ALTER TABLE audit ADD COLUMN target TEXT;
            """)
}
