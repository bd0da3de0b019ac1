extension Migration {
    /// The operator console: who did what to which target on the audit trail (logins, requeues from the web).
    static let v14ConsoleAudit = Migration(
        name: "v14-console-audit",
        ledgerTables: [],
        sql: """
            ALTER TABLE audit ADD COLUMN actor TEXT;
            ALTER TABLE audit ADD COLUMN target TEXT;
            """)
}
