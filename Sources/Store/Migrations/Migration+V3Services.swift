extension Migration {
    /// One row per service a practitioner delivered to a student (SPI service logs).
    static let v3Services = Migration(
        name: "v3-services",
        ledgerTables: [],
        sql: """
            CREATE TABLE services (
                district TEXT NOT NULL,
                student_id TEXT NOT NULL,
                service_date TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT,
                minutes INTEGER,
                billing_code TEXT NOT NULL,
                modifiers TEXT,
                units INTEGER,
                place_of_service TEXT,
                rendering_npi TEXT NOT NULL,
                rendering_name TEXT,
                referring_npi TEXT,
                supervising_npi TEXT,
                diagnosis_codes TEXT,
                service_type TEXT,
                consent INTEGER,
                service_ref TEXT,
                job_id INTEGER NOT NULL,
                last_change INTEGER NOT NULL,
                PRIMARY KEY (district, service_date, student_id, rendering_npi, billing_code, start_time)
            ) STRICT, WITHOUT ROWID;
            """)
}
