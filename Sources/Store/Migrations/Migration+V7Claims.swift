extension Migration {
    /// Home addresses for 837P subscribers; payer control numbers; claim batches, claims, lines, and the
    /// services they bill (a service is on at most one live claim: the key of billed_services).
    static let v7Claims = Migration(
        name: "v7-claims",
        ledgerTables: ["control_numbers", "claim_batches", "claims", "claim_lines", "billed_services"],
        sql: """
            ALTER TABLE students ADD COLUMN address TEXT;
            ALTER TABLE students ADD COLUMN city TEXT;
            ALTER TABLE students ADD COLUMN state TEXT;
            ALTER TABLE students ADD COLUMN zip TEXT;
            CREATE TABLE control_numbers (
                payer TEXT PRIMARY KEY,
                last_interchange INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE claim_batches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                payer TEXT NOT NULL,
                format TEXT NOT NULL,
                interchange_control INTEGER NOT NULL,
                file TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL CHECK (state IN (
                    'writing', 'built', 'submitted', 'accepted', 'partially-accepted', 'rejected')),
                claims INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                total_cents INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                sha256 TEXT,
                bytes INTEGER,
                acknowledged_at TEXT,
                acknowledgment TEXT,
                UNIQUE (payer, interchange_control)
            ) STRICT;
            CREATE TABLE claims (
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
                    'built', 'submitted', 'accepted', 'rejected', 'paid', 'partial', 'denied', 'reversed',
                    'replaced', 'voided')),
                correction TEXT CHECK (correction IN ('replace', 'void')),
                payer_claim_number TEXT,
                paid_cents INTEGER,
                status_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX claims_by_batch ON claims(batch_id, set_control);
            CREATE TABLE claim_lines (
                claim_id INTEGER NOT NULL REFERENCES claims(id),
                line INTEGER NOT NULL,
                district TEXT NOT NULL,
                service_date TEXT NOT NULL,
                student_id TEXT NOT NULL,
                rendering_npi TEXT NOT NULL,
                billing_code TEXT NOT NULL,
                start_time TEXT NOT NULL,
                code TEXT NOT NULL,
                modifiers TEXT NOT NULL,
                units INTEGER NOT NULL,
                charge_cents INTEGER NOT NULL,
                pointers TEXT NOT NULL,
                paid_cents INTEGER,
                PRIMARY KEY (claim_id, line)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE billed_services (
                district TEXT NOT NULL,
                service_date TEXT NOT NULL,
                student_id TEXT NOT NULL,
                rendering_npi TEXT NOT NULL,
                billing_code TEXT NOT NULL,
                start_time TEXT NOT NULL,
                claim_id INTEGER NOT NULL REFERENCES claims(id),
                PRIMARY KEY (district, service_date, student_id, rendering_npi, billing_code, start_time)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX billed_by_claim ON billed_services(claim_id);
            """)
}
