extension Migration {
    /// 835 transaction sets known by interchange, group and set control numbers and their ordinal in the file
    /// (payers number every group's set `0001`), with whether each was applied or held for the operator; the
    /// remitted claims name their set; claims are found by the payer's claim number (reversals).
    static let v12RemittanceSets = Migration(
        name: "v12-remittance-sets",
        ledgerTables: [],
        sql: """
            CREATE TABLE remittance_sets (
                job_id INTEGER NOT NULL,
                ordinal INTEGER NOT NULL,
                interchange_control TEXT NOT NULL,
                group_control TEXT NOT NULL,
                set_control TEXT NOT NULL,
                payer TEXT NOT NULL,
                trace TEXT NOT NULL,
                payment_cents INTEGER NOT NULL,
                payment_method TEXT NOT NULL,
                payment_date TEXT NOT NULL,
                claims INTEGER NOT NULL,
                balance_issues INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('applied', 'held', 'released')),
                PRIMARY KEY (job_id, ordinal)
            ) STRICT;
            INSERT INTO remittance_sets
                SELECT job_id, ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY set_control), '', '', set_control,
                    payer, trace, payment_cents, payment_method, payment_date, claims, balance_issues, 'applied'
                FROM remittances;
            DROP TABLE remittances;
            ALTER TABLE remittance_sets RENAME TO remittances;
            CREATE INDEX remittances_by_trace ON remittances(payer, trace);
            ALTER TABLE remittance_claims ADD COLUMN set_ordinal INTEGER;
            CREATE INDEX claims_by_payer_number ON claims(payer, payer_claim_number);
            """)
}
