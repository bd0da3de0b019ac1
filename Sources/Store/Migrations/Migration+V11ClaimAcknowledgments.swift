extension Migration {
    /// 277CA claim acknowledgments (005010X214): the claim states `accepted-by-payer` and `rejected-by-payer`
    /// (SQLite cannot change a CHECK, so `claims` is rebuilt with the same columns, rows and index; the migrator
    /// runs with foreign keys off and checks them before commit), and every STC status a 277CA reports, per claim,
    /// service line or level.
    static let v11ClaimAcknowledgments = Migration(
        name: "v11-claim-acknowledgments",
        ledgerTables: ["claim_acknowledgments"],
        sql: """
            CREATE TABLE claims_v11 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                batch_id INTEGER NOT NULL REFERENCES claim_batches(id),
                payer TEXT NOT NULL,
                pcn TEXT NOT NULL UNIQUE,
                set_control TEXT NOT NULL,
                frequency TEXT NOT NULL CHECK (frequency IN ('1', '7', '8')),
                corrects INTEGER REFERENCES claims(id),
                district TEXT NOT NULL,
                student_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                birthdate TEXT,
                sex TEXT NOT NULL,
                address TEXT,
                city TEXT,
                state TEXT,
                zip TEXT,
                rendering_npi TEXT NOT NULL,
                rendering_name TEXT NOT NULL,
                place_of_service TEXT NOT NULL,
                diagnoses TEXT NOT NULL,
                period_start TEXT NOT NULL,
                period_end TEXT NOT NULL,
                total_cents INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN (
                    'built', 'submitted', 'accepted', 'rejected', 'accepted-by-payer', 'rejected-by-payer', 'paid',
                    'partial', 'denied', 'reversed', 'replaced', 'voided')),
                correction TEXT CHECK (correction IN ('replace', 'void')),
                payer_claim_number TEXT,
                paid_cents INTEGER,
                status_at TEXT NOT NULL
            ) STRICT;
            INSERT INTO claims_v11 SELECT * FROM claims;
            DROP TABLE claims;
            ALTER TABLE claims_v11 RENAME TO claims;
            CREATE INDEX claims_by_batch ON claims(batch_id, set_control);
            CREATE TABLE claim_acknowledgments (
                job_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                payer TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('claim', 'line', 'information-receiver', 'billing-provider')),
                pcn TEXT,
                claim_id INTEGER,
                payer_claim_number TEXT,
                category TEXT NOT NULL,
                status TEXT NOT NULL,
                entity TEXT NOT NULL,
                action TEXT NOT NULL,
                charge_cents INTEGER,
                status_date TEXT NOT NULL,
                message TEXT NOT NULL,
                segment INTEGER NOT NULL,
                PRIMARY KEY (job_id, seq)
            ) STRICT;
            CREATE INDEX claim_acknowledgments_by_claim ON claim_acknowledgments(claim_id);
            """)
}
