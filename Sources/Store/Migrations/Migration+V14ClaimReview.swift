extension Migration {
    /// Review before release: the batch states `awaiting-review` (held for an operator) and `discarded` (given
    /// up by one), and who released or discarded a batch and when (SQLite cannot change a CHECK, so
    /// `claim_batches` is rebuilt with the same columns and rows, plus the four new ones; the migrator runs with
    /// foreign keys off and checks them before commit).
    static let v14ClaimReview = Migration(
        name: "v14-claim-review",
        ledgerTables: [],
        sql: """
            CREATE TABLE claim_batches_v14 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                payer TEXT NOT NULL,
                format TEXT NOT NULL,
                interchange_control INTEGER NOT NULL,
                file TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL CHECK (state IN (
                    'writing', 'awaiting-review', 'built', 'submitted', 'accepted', 'partially-accepted', 'rejected',
                    'discarded')),
                claims INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                total_cents INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                sha256 TEXT,
                bytes INTEGER,
                acknowledged_at TEXT,
                acknowledgment TEXT,
                released_by TEXT,
                released_at TEXT,
                discarded_by TEXT,
                discarded_at TEXT,
                UNIQUE (payer, interchange_control)
            ) STRICT;
            INSERT INTO claim_batches_v14 (
                id, payer, format, interchange_control, file, state, claims, lines, total_cents, created_at, sha256,
                bytes, acknowledged_at, acknowledgment)
            SELECT id, payer, format, interchange_control, file, state, claims, lines, total_cents, created_at, sha256,
                bytes, acknowledged_at, acknowledgment
            FROM claim_batches;
            DROP TABLE claim_batches;
            ALTER TABLE claim_batches_v14 RENAME TO claim_batches;
            """)
}
