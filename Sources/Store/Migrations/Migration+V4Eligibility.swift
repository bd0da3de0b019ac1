extension Migration {
    /// Payer member batches as received, and the spans matched to students.
    static let v4Eligibility = Migration(
        name: "v4-eligibility",
        ledgerTables: ["student_eligibility"],
        sql: """
            CREATE TABLE eligibility_members (
                district TEXT NOT NULL,
                member_id TEXT NOT NULL,
                cin TEXT,
                last_name TEXT,
                first_name TEXT,
                birthdate TEXT,
                eligibility_start TEXT NOT NULL,
                eligibility_end TEXT,
                aid_code TEXT,
                plan_code TEXT,
                county_code TEXT,
                job_id INTEGER NOT NULL,
                last_change INTEGER NOT NULL,
                PRIMARY KEY (district, member_id, eligibility_start)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE student_eligibility (
                district TEXT NOT NULL,
                student_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                eligibility_start TEXT NOT NULL,
                eligibility_end TEXT,
                aid_code TEXT,
                plan_code TEXT,
                matched_by TEXT NOT NULL CHECK (matched_by IN ('cin', 'name-birthdate')),
                job_id INTEGER NOT NULL,
                PRIMARY KEY (district, student_id, member_id, eligibility_start)
            ) STRICT, WITHOUT ROWID;
            """)
}
