extension Migration {
    /// Payers' answers: each 835 transaction set and its claims as paid; 999/TA1 acknowledgments.
    static let v8Remittance = Migration(
        name: "v8-remittance",
        ledgerTables: ["remittances", "remittance_claims", "acknowledgments"],
        sql: """
            CREATE TABLE remittances (
                job_id INTEGER NOT NULL,
                set_control TEXT NOT NULL,
                payer TEXT NOT NULL,
                trace TEXT NOT NULL,
                payment_cents INTEGER NOT NULL,
                payment_method TEXT NOT NULL,
                payment_date TEXT NOT NULL,
                claims INTEGER NOT NULL,
                balance_issues INTEGER NOT NULL,
                PRIMARY KEY (job_id, set_control)
            ) STRICT;
            CREATE TABLE remittance_claims (
                job_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                payer TEXT NOT NULL,
                pcn TEXT NOT NULL,
                claim_id INTEGER,
                status_code TEXT NOT NULL,
                classification TEXT NOT NULL,
                charge_cents INTEGER NOT NULL,
                paid_cents INTEGER NOT NULL,
                patient_responsibility_cents INTEGER NOT NULL,
                payer_claim_number TEXT,
                adjustments TEXT NOT NULL,
                PRIMARY KEY (job_id, seq)
            ) STRICT;
            CREATE INDEX remittance_claims_by_claim ON remittance_claims(claim_id);
            CREATE TABLE acknowledgments (
                job_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                payer TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('999', 'TA1')),
                batch_id INTEGER,
                set_control TEXT,
                result TEXT NOT NULL,
                detail TEXT NOT NULL,
                PRIMARY KEY (job_id, seq)
            ) STRICT;
            """)
}
