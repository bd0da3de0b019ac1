extension Migration {
    /// Domain tables: columns are mapping field names; `job_id` is the job that last wrote the
    /// row and `last_change` how (1 inserted, 2 updated, 3 unchanged), see TableUpsert.
    static let v1SIS = Migration(
        name: "v1-sis",
        ledgerTables: [],
        sql: """
            CREATE TABLE students (
                district TEXT NOT NULL,
                student_id TEXT NOT NULL,
                student_number INTEGER,
                school INTEGER,
                ssid TEXT,
                cin TEXT,
                last_name TEXT,
                first_name TEXT,
                middle_name TEXT,
                birthdate TEXT,
                grade INTEGER,
                sex TEXT,
                status TEXT,
                job_id INTEGER NOT NULL,
                last_change INTEGER NOT NULL,
                PRIMARY KEY (district, student_id)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE attendance (
                district TEXT NOT NULL,
                student_id TEXT NOT NULL,
                date TEXT NOT NULL,
                school INTEGER,
                all_day TEXT,
                daily_pct TEXT,
                period_1 TEXT,
                period_2 TEXT,
                period_3 TEXT,
                period_4 TEXT,
                period_5 TEXT,
                period_6 TEXT,
                job_id INTEGER NOT NULL,
                last_change INTEGER NOT NULL,
                -- Date before student: a district has far fewer school days than students, so
                -- files sorted by date or by student both insert into a few hot B-tree pages.
                PRIMARY KEY (district, date, student_id)
            ) STRICT, WITHOUT ROWID;
            """)
}
